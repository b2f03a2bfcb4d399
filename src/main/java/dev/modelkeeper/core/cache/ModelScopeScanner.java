package dev.modelkeeper.core.cache;

import dev.modelkeeper.core.fs.FileStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Scans a ModelScope cache (spec §6.2): {@code models/<owner>/<name>} flat folders whose dots were
 * written as {@code ___}; {@code ._____temp} holds partial downloads; {@code .msc/.mdl/.mv} are metadata.
 */
final class ModelScopeScanner implements LayoutScanner {

    private static final String TEMP = "._____temp";
    private static final Set<String> METADATA = Set.of(".msc", ".mdl", ".mv", ".msc.corrupted");

    @Override
    public LayoutResult scan(ScanContext ctx) throws IOException {
        Path dir = ctx.root().path();
        var result = new LayoutResult(CacheKind.MODELSCOPE, List.of());
        scanType(ctx, dir.resolve("models"), RepoType.MODEL, result);
        scanType(ctx, dir.resolve("datasets"), RepoType.DATASET, result);
        partials(dir.resolve(TEMP), result);
        partials(dir.resolve("models").resolve(TEMP), result);
        result.countFlatFiles();
        return result;
    }

    private static void scanType(ScanContext ctx, Path typeDir, RepoType type, LayoutResult result)
            throws IOException {
        if (!Files.isDirectory(typeDir)) {
            return;
        }
        for (Path owner : SnapshotReader.sorted(typeDir)) {
            if (!Files.isDirectory(owner) || owner.getFileName().toString().equals(TEMP)) {
                continue;
            }
            for (Path model : SnapshotReader.sorted(owner)) {
                if (Files.isDirectory(model)) {
                    String id = owner.getFileName() + "/" + model.getFileName().toString().replace("___", ".");
                    var files = FlatRepos.files(model, p -> !METADATA.contains(p.getFileName().toString()));
                    TorchHubScanner.emit(ctx, result, FlatRepos.build(type, id, model, CacheKind.MODELSCOPE,
                            revision(model), FlatRepos.refs(), files, List.of()));
                }
            }
        }
    }

    /** The revision recorded in {@code .mv} ({@code Revision:<rev>,CreatedAt:<ts>} or a bare string). */
    static String revision(Path model) {
        try {
            String text = Files.readString(model.resolve(".mv"), StandardCharsets.UTF_8).strip();
            if (text.startsWith("Revision:")) {
                int comma = text.indexOf(',');
                return text.substring("Revision:".length(), comma < 0 ? text.length() : comma);
            }
            return text.isEmpty() ? "master" : text;
        } catch (IOException e) {
            return "master";
        }
    }

    private static void partials(Path temp, LayoutResult result) throws IOException {
        if (!Files.isDirectory(temp)) {
            return;
        }
        for (Path p : FlatRepos.files(temp, x -> true)) {
            var st = FileStats.lstat(p).orElseThrow();
            result.incomplete().add(new IncompleteFile(p, st.size(), st.lastModified(), false));
            result.findings().add(Finding.of(FindingKind.INCOMPLETE_FILE, p, SizeFormat.bytes(st.size())));
        }
    }
}
