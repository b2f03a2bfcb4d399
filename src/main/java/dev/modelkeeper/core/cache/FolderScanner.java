package dev.modelkeeper.core.cache;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Scans a plain folder of model files (an app's {@code checkpoints}): each file or sub-folder is one entry. */
final class FolderScanner implements LayoutScanner {

    @Override
    public LayoutResult scan(ScanContext ctx) throws IOException {
        Path dir = ctx.root().path();
        var result = new LayoutResult(CacheKind.FOLDER, List.of());
        for (Path entry : SnapshotReader.sorted(dir)) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            TorchHubScanner.emit(ctx, result, FlatRepos.build(RepoType.TORCH_CHECKPOINT, name, entry,
                    CacheKind.FOLDER, "-", FlatRepos.refs(), FlatRepos.files(entry, p -> true), List.of()));
        }
        result.countFlatFiles();
        return result;
    }
}
