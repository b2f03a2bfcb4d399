package dev.modelkeeper.core.cache;

import dev.modelkeeper.core.fs.FileStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Scans a PyTorch hub directory (spec §6.1): each weights file in {@code checkpoints/} and each code
 * folder {@code owner_repo_ref} becomes one entry; {@code *.partial} files are partial downloads.
 */
final class TorchHubScanner implements LayoutScanner {

    @Override
    public LayoutResult scan(ScanContext ctx) throws IOException {
        Path dir = ctx.root().path();
        var result = new LayoutResult(CacheKind.TORCH_HUB, List.of());
        for (Path entry : SnapshotReader.sorted(dir)) {
            String name = entry.getFileName().toString();
            if (name.equals("checkpoints") && Files.isDirectory(entry)) {
                checkpoints(ctx, entry, result);
            } else if (Files.isDirectory(entry) && !name.startsWith(".")) {
                emit(ctx, result, FlatRepos.build(RepoType.TORCH_CODE, name, entry, CacheKind.TORCH_HUB,
                        refOf(name), FlatRepos.refs(), FlatRepos.files(entry, p -> true), List.of()));
            } else if (!name.equals("trusted_list")) {
                result.findings().add(Finding.of(FindingKind.UNKNOWN_ENTRY, entry));
            }
        }
        result.countFlatFiles();
        return result;
    }

    private static void checkpoints(ScanContext ctx, Path dir, LayoutResult result) throws IOException {
        for (Path file : SnapshotReader.sorted(dir)) {
            String name = file.getFileName().toString();
            if (!Files.isRegularFile(file)) {
                continue;
            }
            if (TorchCheckpoints.isPartial(name)) {
                var st = FileStats.lstat(file).orElseThrow();
                result.incomplete().add(new IncompleteFile(file, st.size(), st.lastModified(), false));
                result.findings().add(Finding.of(FindingKind.INCOMPLETE_FILE, file, SizeFormat.bytes(st.size())));
            } else {
                String prefix = TorchCheckpoints.hashPrefix(name);
                emit(ctx, result, FlatRepos.build(RepoType.TORCH_CHECKPOINT, name, file, CacheKind.TORCH_HUB,
                        prefix.isEmpty() ? "-" : prefix, FlatRepos.refs(), List.of(file), List.of()));
            }
        }
    }

    /** {@code owner_repo_main} gives {@code main}; the ref is what follows the second underscore. */
    private static String refOf(String folder) {
        String[] parts = folder.split("_", 3);
        return parts.length == 3 ? parts[2] : "-";
    }

    static void emit(ScanContext ctx, LayoutResult result, Repo repo) {
        result.repos().add(repo);
        ctx.listener().repo(ctx.root(), repo);
    }
}
