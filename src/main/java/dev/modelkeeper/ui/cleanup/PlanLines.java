package dev.modelkeeper.ui.cleanup;

import dev.modelkeeper.core.cleanup.CleanupPlan;
import dev.modelkeeper.core.cleanup.CleanupPlan.Kind;
import dev.modelkeeper.core.cleanup.CleanupPlan.Removal;
import dev.modelkeeper.ui.Errors;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;

/** A cleanup plan as the user reads it: per repo, the whole repo or its revisions and files, with the bytes. */
final class PlanLines {

    private final ResourceBundle texts;

    PlanLines(ResourceBundle texts) {
        this.texts = texts;
    }

    /** @param fileNames the file each blob is, as the user knows it ({@code model.safetensors}, not its hash) */
    DeletePreview preview(CleanupPlan plan, String title, boolean trashAvailable, Map<Path, String> fileNames) {
        return new DeletePreview(plan, title, goes(plan), kept(plan, fileNames), refused(plan.refused()),
                trashAvailable);
    }

    /** Per repo a line with the bytes it frees, then its revisions and files unless the whole repo goes. */
    List<DeletePreview.Line> goes(CleanupPlan plan) {
        var byRepo = new LinkedHashMap<Path, List<Removal>>();
        var rootLevel = new ArrayList<Removal>();
        plan.removals().forEach(r -> {
            if (r.repoPath() == null) {
                rootLevel.add(r);
            } else {
                byRepo.computeIfAbsent(r.repoPath(), p -> new ArrayList<>()).add(r);
            }
        });
        var lines = new ArrayList<DeletePreview.Line>();
        for (Map.Entry<Path, List<Removal>> repo : byRepo.entrySet()) {
            List<Removal> removals = repo.getValue();
            long bytes = removals.stream().mapToLong(Removal::bytes).sum();
            String id = removals.getFirst().repo();
            boolean whole = removals.stream().anyMatch(r -> r.kind() == Kind.REPO);
            lines.add(new DeletePreview.Line(format(whole ? "cleanup.goes.repo" : "cleanup.goes.partOf", id), bytes));
            if (!whole) {
                removals.stream().map(this::detail).filter(l -> l != null).forEach(lines::add);
            }
        }
        long leftover = rootLevel.stream().mapToLong(Removal::bytes).sum();
        if (!rootLevel.isEmpty()) {
            lines.add(new DeletePreview.Line(format("cleanup.goes.leftovers", rootLevel.size()), leftover));
        }
        return lines;
    }

    private DeletePreview.Line detail(Removal r) {
        String name = r.path().getFileName().toString();
        return switch (r.kind()) {
            case SNAPSHOT -> new DeletePreview.Line("    " + format("cleanup.goes.revision",
                    name.length() > 12 ? name.substring(0, 12) : name), -1);
            case FILE -> new DeletePreview.Line("    " + format("cleanup.goes.file", fileInSnapshot(r)), -1);
            case PARTIAL -> new DeletePreview.Line("    " + format("cleanup.goes.partial", name), r.bytes());
            case ORPHAN_BLOB -> new DeletePreview.Line("    " + format("cleanup.goes.orphan", name), r.bytes());
            default -> null;
        };
    }

    /** {@code snapshots/<commit>/a/b.json} as {@code a/b.json}. */
    private static String fileInSnapshot(Removal r) {
        Path snapshots = r.repoPath().resolve("snapshots");
        Path inside = snapshots.relativize(r.path());
        return inside.getNameCount() > 1 ? inside.subpath(1, inside.getNameCount()).toString().replace('\\', '/')
                : inside.toString();
    }

    private List<DeletePreview.Line> kept(CleanupPlan plan, Map<Path, String> fileNames) {
        return plan.keptShared().stream().map(k -> new DeletePreview.Line(fileNames.getOrDefault(k.path(),
                k.path().getFileName().toString()) + " — " + k.reason().render(Errors.locale(texts)), k.bytes())).toList();
    }

    List<String> refused(List<CleanupPlan.Refusal> refusals) {
        return refusals.stream().map(r -> r.reason().render(Errors.locale(texts))).toList();
    }

    private String format(String key, Object... args) {
        return MessageFormat.format(texts.getString(key), args);
    }
}
