package dev.modelkeeper.core.update;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.fs.AtomicFiles;
import dev.modelkeeper.core.hub.RepoPaths;
import dev.modelkeeper.core.hub.TreeEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the endpoint said, kept in ModelKeeper's cache folder ({@code update-checks.json}) so that a second check
 * within {@code maxAge} asks nothing: per endpoint, repo and ref the commit and when it was asked; per commit
 * its file listing (a commit's listing never changes; listings no ref names any more are dropped on save).
 * The file is ours, but it is read as carefully as an answer: a value that is not a commit, blob name or safe
 * path drops the entry, and a file that cannot be read is an empty cache (it only costs requests).
 */
public final class CheckCache {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern BLOB = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    /** The endpoint's commit for a ref, and when it said so. */
    public record Answer(String commit, Instant checkedAt) {
    }

    private final Path file;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Answer> answers = new LinkedHashMap<>();
    private final Map<String, List<TreeEntry>> listings = new LinkedHashMap<>();

    /** @param maxAge how long an answer is used instead of asking again; zero asks every time */
    public CheckCache(Path file, Duration maxAge, Clock clock) {
        this.file = file;
        this.maxAge = maxAge;
        this.clock = clock;
        load();
    }

    /** {@code <app cache>/update-checks.json}. */
    public static Path defaultFile(Path appCacheDir) {
        return appCacheDir.resolve("update-checks.json");
    }

    /** A cache that remembers nothing and writes nothing. */
    public static CheckCache none() {
        return new CheckCache(null, Duration.ZERO, Clock.systemUTC());
    }

    Instant now() {
        return clock.instant();
    }

    /** The answer for this ref if it is younger than the maximum age. */
    synchronized Optional<Answer> fresh(String endpoint, RepoType type, String repoId, String ref) {
        Answer a = answers.get(refKey(endpoint, type, repoId, ref));
        if (a == null || maxAge.isZero() || a.checkedAt().plus(maxAge).isBefore(clock.instant())
                || a.checkedAt().isAfter(clock.instant().plusSeconds(60))) {
            return Optional.empty();
        }
        return Optional.of(a);
    }

    synchronized void remember(String endpoint, RepoType type, String repoId, String ref, Answer answer) {
        answers.put(refKey(endpoint, type, repoId, ref), answer);
    }

    synchronized Optional<List<TreeEntry>> listing(String endpoint, RepoType type, String repoId, String commit) {
        return Optional.ofNullable(listings.get(listingKey(endpoint, type, repoId, commit)));
    }

    synchronized void rememberListing(String endpoint, RepoType type, String repoId, String commit,
                                      List<TreeEntry> entries) {
        listings.put(listingKey(endpoint, type, repoId, commit), List.copyOf(entries));
    }

    /** Writes the file (atomically); a failure to write only costs requests next time, so it is not an error. */
    public synchronized void save() {
        if (file == null) {
            return;
        }
        var used = new HashSet<String>();
        answers.forEach((k, a) -> used.add(k.substring(0, k.lastIndexOf('\n')) + "\n" + a.commit()));
        ObjectNode root = JSON.createObjectNode();
        root.put("format_version", 1);
        ObjectNode refs = root.putObject("refs");
        answers.forEach((k, a) -> refs.putObject(k).put("commit", a.commit()).put("checked_at", a.checkedAt().toString()));
        ObjectNode trees = root.putObject("listings");
        listings.forEach((k, entries) -> {
            if (used.contains(k)) {
                ArrayNode list = trees.putArray(k);
                for (TreeEntry e : entries) {
                    ObjectNode o = list.addObject().put("path", e.path()).put("size", e.size()).put("oid", e.oid());
                    if (e.lfsSha256() != null) {
                        o.put("lfs_sha256", e.lfsSha256());
                    }
                    if (e.xetHash() != null) {
                        o.put("xet_hash", e.xetHash());
                    }
                }
            }
        });
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            // the next check asks again
        }
    }

    private void load() {
        if (file == null || !Files.isRegularFile(file)) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            root.path("refs").properties().forEach(p -> {
                String commit = p.getValue().path("commit").asText("");
                try {
                    Instant at = Instant.parse(p.getValue().path("checked_at").asText(""));
                    if (COMMIT.matcher(commit).matches()) {
                        answers.put(p.getKey(), new Answer(commit, at));
                    }
                } catch (java.time.format.DateTimeParseException e) {
                    // dropped: asked again
                }
            });
            root.path("listings").properties().forEach(p -> readListing(p.getValue()).ifPresent(l ->
                    listings.put(p.getKey(), l)));
        } catch (IOException | RuntimeException e) {
            answers.clear();
            listings.clear();
        }
    }

    private static Optional<List<TreeEntry>> readListing(JsonNode list) {
        var entries = new ArrayList<TreeEntry>();
        for (JsonNode e : list) {
            String path = e.path("path").asText("");
            String oid = e.path("oid").asText("");
            String lfs = e.hasNonNull("lfs_sha256") ? e.path("lfs_sha256").asText("") : null;
            String xet = e.hasNonNull("xet_hash") ? e.path("xet_hash").asText("") : null;
            long size = e.path("size").asLong(-1);
            if (!RepoPaths.isSafe(path) || !BLOB.matcher(oid).matches() || size < 0
                    || lfs != null && !(lfs.length() == 64 && BLOB.matcher(lfs).matches())) {
                return Optional.empty();
            }
            entries.add(new TreeEntry(path, size, oid, lfs, xet));
        }
        return Optional.of(entries);
    }

    private static String refKey(String endpoint, RepoType type, String repoId, String ref) {
        return endpoint + "\n" + type.id() + "\n" + repoId + "\n" + ref;
    }

    private static String listingKey(String endpoint, RepoType type, String repoId, String commit) {
        return endpoint + "\n" + type.id() + "\n" + repoId + "\n" + commit;
    }
}
