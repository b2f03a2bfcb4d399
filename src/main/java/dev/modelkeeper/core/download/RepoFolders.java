package dev.modelkeeper.core.download;

import dev.modelkeeper.core.cache.HubLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Cleans up after a download that created a repo folder and then fetched nothing into it. */
final class RepoFolders {

    private RepoFolders() {
    }

    /**
     * Removes a repo folder this run created when no blob and no partial data arrived: only the refs, the
     * tree listing and empty folders it wrote are there. Anything else, or a failure, leaves it as it is.
     */
    static void removeIfNothingFetched(HubLayout layout) {
        Path repo = layout.repo();
        try (Stream<Path> all = Files.walk(repo)) {
            List<Path> paths = all.sorted(Comparator.reverseOrder()).toList();
            boolean onlyBookkeeping = paths.stream().allMatch(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                    || p.startsWith(repo.resolve("refs")) || p.startsWith(repo.resolve("trees")));
            if (!onlyBookkeeping) {
                return;
            }
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // left as it is: an empty repo folder is harmless, and the scanner shows it
        }
    }
}
