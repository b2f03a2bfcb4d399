package dev.modelkeeper.core.cleanup;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The caches hf_xet keeps under {@code HF_XET_CACHE} (huggingface_hub 2.0: {@code HF_HOME/xet}), one folder per
 * endpoint ({@code https___cas.xet.hf.co}) holding {@code chunk-cache}, {@code shard-cache} and {@code staging}
 * (the documentation spells the first two with underscores; both are taken). They only speed up the next Xet
 * transfer: removing them loses no model. Its {@code logs} folder and anything else is left alone.
 */
public final class XetCaches {

    /** The folder names of the three caches inside an endpoint folder. */
    static final Set<String> NAMES = Set.of("chunk-cache", "chunk_cache", "shard-cache", "shard_cache", "staging");

    /** One cache folder and the bytes of its files. */
    public record Cache(Path path, long size) {
    }

    private XetCaches() {
    }

    /** The cache folders under {@code xetRoot}, sorted, with their sizes. */
    public static List<Cache> find(Path xetRoot) {
        var found = new ArrayList<Cache>();
        for (Path endpoint : list(xetRoot)) {
            if (!Files.isDirectory(endpoint, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            for (Path cache : list(endpoint)) {
                if (NAMES.contains(cache.getFileName().toString()) && Files.isDirectory(cache, LinkOption.NOFOLLOW_LINKS)) {
                    found.add(new Cache(cache, size(cache)));
                }
            }
        }
        return found;
    }

    /** The bytes of every regular file under {@code dir}, links not followed. */
    static long size(Path dir) {
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        total[0] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // what cannot be read is not counted
        }
        return total[0];
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
