package dev.modelkeeper.core.download;

import dev.modelkeeper.core.cache.RepoType;
import java.nio.file.Path;
import java.util.List;

/**
 * What to download.
 *
 * @param type     model, dataset or space
 * @param repoId   {@code org/name}
 * @param revision branch, tag, PR ref ({@code refs/pr/1}) or 40-hex commit
 * @param include  patterns a file must match (any of), official semantics; empty means all
 * @param exclude  patterns a file must not match
 * @param cache    the hub cache directory to write into
 * @param dryRun   only plan: list files and the bytes still to fetch
 */
public record DownloadRequest(RepoType type, String repoId, String revision, List<String> include,
                              List<String> exclude, Path cache, boolean dryRun) {

    public DownloadRequest {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }
}
