package dev.modelkeeper.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelkeeper.core.cache.SizeFormat;
import dev.modelkeeper.core.env.AppPaths;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.fs.FileSystemInfo.Hazard;
import dev.modelkeeper.core.migrate.EnvironmentExport;
import dev.modelkeeper.core.migrate.MigrateOperation;
import dev.modelkeeper.core.migrate.MigrationJournal;
import dev.modelkeeper.core.migrate.MigrationPlan;
import dev.modelkeeper.core.migrate.MigrationRefused;
import dev.modelkeeper.core.migrate.MigrationRequest;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.OperationException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code modelkeeper migrate SRC DEST [--link] [--env] [--copy] [--dry-run] [--json]},
 * {@code migrate --resume}, {@code migrate --undo SRC}, {@code migrate --abandon ID}.
 */
final class MigrateCommand {

    private final Environment env;
    private final CliTexts texts;
    private final PrintStream out;
    private final PrintStream err;

    MigrateCommand(Environment env, CliTexts texts, PrintStream out, PrintStream err) {
        this.env = env;
        this.texts = texts;
        this.out = out;
        this.err = err;
    }

    int run(List<String> argv) {
        var paths = new ArrayList<Path>();
        boolean link = false;
        boolean envExport = false;
        boolean copy = false;
        boolean resume = false;
        boolean undo = false;
        boolean dryRun = false;
        boolean json = false;
        String abandon = null;
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            switch (a) {
                case "--link" -> link = true;
                case "--env" -> envExport = true;
                case "--copy" -> copy = true;
                case "--resume" -> resume = true;
                case "--undo" -> undo = true;
                case "--dry-run" -> dryRun = true;
                case "--json" -> json = true;
                case "--abandon" -> {
                    if (i + 1 >= argv.size() || argv.get(i + 1).startsWith("-")) {
                        throw new UsageException(texts.get("migrate.abandonUsage"));
                    }
                    abandon = argv.get(++i);
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException(texts.format("error.unknownOption", a));
                    }
                    paths.add(Path.of(a));
                }
            }
        }
        Path stateDir = AppPaths.of(env).stateDir();
        if (abandon != null) {
            return abandon(stateDir, abandon);
        }
        if (resume) {
            return resumeAll(stateDir);
        }
        if (!link && !envExport) {
            link = true; // the default: every program keeps finding the cache at its old path
        }
        MigrationRequest request;
        if (undo) {
            if (paths.size() != 1) {
                throw new UsageException(texts.get("migrate.undoUsage"));
            }
            Path at = paths.getFirst().toAbsolutePath().normalize();
            if (!Files.isSymbolicLink(at)) {
                err.println(texts.format("migrate.notMigrated", at));
                return ExitCode.REFUSED;
            }
            try {
                Path target = at.getParent().resolve(Files.readSymbolicLink(at)).normalize();
                request = new MigrationRequest(target, at, false, copy);
            } catch (IOException e) {
                err.println(e.getMessage());
                return ExitCode.FAILURE;
            }
        } else {
            if (paths.size() != 2) {
                throw new UsageException(texts.get("migrate.usage"));
            }
            request = new MigrationRequest(paths.get(0), paths.get(1), link, copy);
        }
        MigrationPlan plan;
        try {
            plan = undo ? MigrateOperation.preflightUndo(request) : MigrateOperation.preflight(request, p -> false);
        } catch (MigrationRefused e) {
            err.println(e.getMessage());
            return ExitCode.REFUSED;
        }
        var exporter = new EnvironmentExport(env.home());
        String variable = EnvironmentExport.variableFor(request.source());
        String value = EnvironmentExport.valueFor(variable, request.destination());
        var exported = envExport ? new Exported(variable, value, exporter.files()) : null;
        print(plan, json, exported); // before the move: a copy between disks draws a progress line for a while
        if (dryRun) {
            return ExitCode.OK;
        }
        var cancel = Cancellation.create();
        Thread hook = new Thread(cancel::cancel, "ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        var progress = CliProgress.forTerminal(err).bytes();
        try {
            MigrateOperation.start(stateDir, plan).run(progress, cancel);
            progress.finish();
            try {
                if (envExport) {
                    exporter.write(variable, value);
                } else if (undo) {
                    exporter.remove();
                }
            } catch (IOException e) {
                err.println(undo ? texts.format("migrate.envRemoveFailed", request.source(), request.destination(),
                        variable, e.getMessage()) : texts.format("migrate.envFailed", request.source(),
                        request.destination(), variable, value, e.getMessage()));
                return ExitCode.FAILURE;
            }
            out.println(done(request, undo, exported));
            return ExitCode.OK;
        } catch (CancelledException e) {
            progress.finish();
            err.println(texts.get("migrate.cancelled"));
            return ExitCode.INTERRUPTED;
        } catch (OperationException e) {
            progress.finish();
            err.println(e.getMessage());
            return ExitCode.FAILURE;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyExiting) {
                // Ctrl+C
            }
        }
    }

    /** What {@code --env} sets and where. */
    private record Exported(String variable, String value, List<Path> files) {
    }

    private String done(MigrationRequest r, boolean undo, Exported exported) {
        if (undo) {
            return texts.format("migrate.undone", r.source(), r.destination());
        }
        if (exported == null) {
            return texts.format("migrate.done", r.source(), r.destination());
        }
        return texts.format(r.link() ? "migrate.doneLinkEnv" : "migrate.doneEnv", r.source(), r.destination(),
                exported.variable(), exported.value(), fileList(exported.files()));
    }

    private static String fileList(List<Path> files) {
        return files.stream().map(f -> "  " + f).collect(Collectors.joining("\n"));
    }

    private int resumeAll(Path stateDir) {
        var found = MigrationJournal.scan(stateDir);
        if (found.isEmpty()) {
            out.println(texts.get("migrate.nothingPending"));
            return ExitCode.OK;
        }
        int code = ExitCode.OK;
        for (var bad : found.unreadable()) {
            err.println(texts.format("migrate.unreadable", bad.file(), bad.reason()));
            code = ExitCode.FAILURE;
        }
        for (MigrationJournal j : found.journals()) {
            try {
                MigrateOperation.resume(j).run(CliProgress.forTerminal(err).bytes(), Cancellation.create());
                out.println(texts.format("migrate.resumed", j.source(), j.destination()));
            } catch (OperationException e) {
                err.println(e.getMessage());
                code = ExitCode.FAILURE;
            }
        }
        return code;
    }

    private int abandon(Path stateDir, String id) {
        var found = MigrationJournal.scan(stateDir);
        for (var bad : found.unreadable()) {
            if (bad.id().equals(id)) {
                err.println(texts.format("migrate.unreadable", bad.file(), bad.reason()));
                return ExitCode.REFUSED;
            }
        }
        var journal = found.journals().stream().filter(j -> j.id().equals(id)).findFirst();
        if (journal.isEmpty()) {
            String known = found.journals().stream().map(j -> j.id() + " (" + j.source() + " -> " + j.destination()
                    + ")").collect(Collectors.joining(", "));
            err.println(texts.format("migrate.abandonUnknown", id, known.isEmpty() ? texts.get("migrate.none") : known));
            return ExitCode.REFUSED;
        }
        var j = journal.get();
        try {
            MigrateOperation.abandon(j);
            out.println(texts.format("migrate.abandoned", j.source(), j.destination()));
            return ExitCode.OK;
        } catch (OperationException e) {
            err.println(e.getMessage());
            return ExitCode.REFUSED;
        }
    }

    private void print(MigrationPlan plan, boolean json, Exported exported) {
        var r = plan.request();
        String warning = plan.destinationHazards().isEmpty() ? null
                : texts.format("migrate.hazard." + hazard(plan), r.destination());
        if (json) {
            ObjectNode n = new ObjectMapper().createObjectNode();
            n.put("source", r.source().toString()).put("destination", r.destination().toString())
                    .put("bytes", plan.bytes()).put("entries", plan.files()).put("same_filesystem", plan.sameFilesystem())
                    .put("free_before", plan.freeBefore()).put("free_after", plan.freeAfter()).put("link", r.link())
                    .put("if_interrupted", plan.ifInterrupted());
            var hazards = n.putArray("destination_hazards");
            plan.destinationHazards().stream().map(h -> h.name().toLowerCase(Locale.ROOT)).sorted().forEach(hazards::add);
            if (warning != null) {
                n.put("warning", warning);
            }
            if (exported != null) {
                n.put("environment_variable", exported.variable()).put("environment_value", exported.value());
                var files = n.putArray("environment_files");
                exported.files().forEach(f -> files.add(f.toString()));
                n.put("environment_snippets", EnvironmentExport.snippets(exported.variable(), exported.value()));
            }
            out.println(n.toPrettyString());
            return;
        }
        out.println(texts.format("migrate.plan", r.source(), r.destination(), SizeFormat.bytes(plan.bytes()),
                plan.files(), texts.get(plan.sameFilesystem() ? "migrate.rename" : "migrate.copy"),
                SizeFormat.bytes(plan.freeBefore()), SizeFormat.bytes(plan.freeAfter())));
        if (warning != null) {
            out.println(warning);
        }
        out.println(plan.ifInterrupted());
        if (exported != null) {
            out.println(texts.format(r.link() ? "migrate.envPlanWithLink" : "migrate.envPlan", exported.variable(),
                    exported.value(), fileList(exported.files()), r.source()));
            out.println();
            out.println(EnvironmentExport.snippets(exported.variable(), exported.value()));
        }
        out.flush();
    }

    /** The hazard to warn about, the gravest first. */
    private static String hazard(MigrationPlan plan) {
        for (Hazard h : List.of(Hazard.TMPFS, Hazard.CONTAINER_LAYER, Hazard.TEMP_DIRECTORY, Hazard.NETWORK)) {
            if (plan.destinationHazards().contains(h)) {
                return h.name();
            }
        }
        return plan.destinationHazards().iterator().next().name();
    }
}
