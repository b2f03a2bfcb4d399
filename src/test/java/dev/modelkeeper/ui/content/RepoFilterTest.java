package dev.modelkeeper.ui.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelkeeper.core.cache.CacheKind;
import dev.modelkeeper.core.cache.CachedFile;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.cache.Revision;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RepoFilterTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    static Repo repo(RepoType type, String id, long size, Duration age, String ref, String file) {
        Instant t = NOW.minus(age);
        var f = new CachedFile(file, file, Path.of("/s", file), Path.of("/b", id), CachedFile.Storage.LINK, size, size,
                t, t);
        var rev = new Revision("a".repeat(40), Path.of("/s"), new TreeSet<>(List.of(ref)), List.of(f), size, size, t);
        return new Repo(type, id, Path.of("/c", id), CacheKind.HF_HUB, Map.of(ref, "a".repeat(40)), List.of(rev), 1,
                size, size, t, t, List.of());
    }

    private final Repo bert = repo(RepoType.MODEL, "google/bert-base", 440_000_000, Duration.ofDays(40), "main",
            "pytorch_model.bin");
    private final Repo data = repo(RepoType.DATASET, "org/squad", 2_000_000_000L, Duration.ofDays(3), "v1",
            "train.parquet");

    private List<String> match(String text) {
        var f = RepoFilter.parse(text, NOW);
        return List.of(bert, data).stream().filter(f::test).map(Repo::repoId).toList();
    }

    @Test
    void freeWordsMatchIdsAndFilePathsIgnoringCase() {
        assertEquals(List.of("google/bert-base"), match("BERT"));
        assertEquals(List.of("org/squad"), match("parquet"));
        assertEquals(List.of("google/bert-base", "org/squad"), match(""));
    }

    @Test
    void typeRefsSizeAndAgeTokensFollowTheOfficialUnits() {
        assertEquals(List.of("org/squad"), match("type:dataset"));
        assertEquals(List.of("org/squad"), match("refs:v1"));
        assertEquals(List.of("org/squad"), match("size>1g"));
        assertEquals(List.of("google/bert-base"), match("size<=440mb"));
        assertEquals(List.of("google/bert-base"), match("age>30d"));
        assertEquals(List.of("org/squad"), match("age<1w"));
        assertEquals(List.of("google/bert-base"), match("age>1mo"));
    }

    @Test
    void allTermsMustMatchAndMalformedTokensAreWords() {
        assertEquals(List.of(), match("type:dataset bert"));
        assertEquals(List.of(), match("size>1zz"));
    }
}
