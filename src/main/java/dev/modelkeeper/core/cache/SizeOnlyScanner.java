package dev.modelkeeper.core.cache;

import dev.modelkeeper.core.fs.FileStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The xet and assets caches hold no models: only their total size is shown. */
final class SizeOnlyScanner implements LayoutScanner {

    private final CacheKind kind;

    SizeOnlyScanner(CacheKind kind) {
        this.kind = kind;
    }

    @Override
    public LayoutResult scan(ScanContext ctx) throws IOException {
        var result = new LayoutResult(kind, List.of());
        try (var walk = Files.walk(ctx.root().path())) {
            for (Path p : walk.toList()) {
                FileStats.lstat(p).filter(FileStats.Stat::regularFile).ifPresent(st -> result.addPhysical(
                        List.of(new HubRepoScanner.PhysicalBlob(p, st.fileKey(), st.size(), st.allocated()))));
            }
        }
        return result;
    }
}
