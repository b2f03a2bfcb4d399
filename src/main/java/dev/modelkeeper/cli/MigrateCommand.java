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
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.OperationException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelkeeper migrate SRC DEST [--link] [--env] [--copy] [--dry-run] [--json]},
 * {@code migrate --resume}, {@code migrate --undo SRC}, {@code migrate --abandon ID}.
 */
@Command(name = "migrate", sortOptions = false)
final class MigrateCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SRC", descriptionKey = "help.migrate.source")
    Path source;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DEST", descriptionKey = "help.migrate.destination")
    Path destination;

    @Option(names = "--link", descriptionKey = "help.migrate.link")
    boolean link;

    @Option(names = "--env", descriptionKey = "help.migrate.env")
    boolean envExport;

    @Option(names = "--copy", descriptionKey = "help.migrate.copy")
    boolean copy;

    @Option(names = "--dry-run", descriptionKey = "help.migrate.dryRun")
    boolean dryRun;

    @Option(names = "--json", descriptionKey = "help.migrate.json")
    boolean json;

    @Option(names = "--resume", descriptionKey = "help.migrate.resume")
    boolean resume;

    @Option(names = "--undo", descriptionKey = "help.migrate.undo")
    boolean undo;

    @Option(names = "--abandon", paramLabel = "ID", descriptionKey = "help.migrate.abandon")
    String abandon;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    private final CliContext cli;
    private final Environment env;
    private final CliTexts texts;
    private final PrintStream out;
    private final PrintStream err;

    MigrateCommand(CliContext cli) {
        this.cli = cli;
        this.env = cli.env();
        this.texts = cli.texts();
        this.out = cli.out();
        this.err = cli.err();
    }

    @Override
    public Integer call() {
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
            if (source == null || destination != null) {
                throw cli.usageError(spec, "migrate.undoUsage");
            }
            Path at = source.toAbsolutePath().normalize();
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
            if (source == null || destination == null) {
                throw cli.usageError(spec, "migrate.usage");
            }
            request = new MigrationRequest(source, destination, link, copy);
        }
        return migrate(stateDir, request);
    }

    private int migrate(Path stateDir, MigrationRequest request) {
        MigrationPlan plan;
        try {
            plan = undo ? MigrateOperation.preflightUndo(request) : MigrateOperation.preflight(request, p -> false);
        } catch (MigrationRefused e) {
            err.println(e.message(Locale.getDefault()));
            return ExitCode.REFUSED;
        }
        var exporter = new EnvironmentExport(env.home());
        String variable = EnvironmentExport.variableFor(request.source());
        String value = EnvironmentExport.valueFor(variable, request.destination());
        var exported = envExport ? new Exported(variable, value, exporter.files()) : null;
        print(plan, json, exported); // before the move: a copy between disks draws a progress bar for a while
        if (dryRun) {
            return ExitCode.OK;
        }
        var display = json ? CommandRunner.Display.NONE : CommandRunner.Display.BYTES;
        return cli.runner().run(display, "migrate.cancelled", (progress, cancel) -> {
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
        });
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
        int unreadable = ExitCode.OK;
        for (var bad : found.unreadable()) {
            err.println(texts.format("migrate.unreadable", bad.file(), bad.reason()));
            unreadable = ExitCode.FAILURE;
        }
        var display = json ? CommandRunner.Display.NONE : CommandRunner.Display.BYTES;
        int resumed = cli.runner().run(display, "migrate.resumeCancelled", (progress, cancel) -> {
            int code = ExitCode.OK;
            for (MigrationJournal j : found.journals()) {
                try {
                    MigrateOperation.resume(j).run(progress, cancel);
                    progress.clear();
                    out.println(texts.format("migrate.resumed", j.source(), j.destination()));
                } catch (CancelledException e) {
                    throw e;
                } catch (OperationException e) {
                    progress.clear();
                    err.println(e.message(Locale.getDefault()));
                    code = ExitCode.FAILURE;
                }
            }
            return code;
        });
        return resumed != ExitCode.OK ? resumed : unreadable;
    }

    private int abandon(Path stateDir, String id) {
        var found = MigrationJournal.scan(stateDir);
        for (var bad : found.unreadable()) {
            if (bad.id().equals(id)) {
                err.println(texts.format("migrate.unreadable", bad.file(), bad.reason()));
                return ExitCode.FAILURE;
            }
        }
        var journal = found.journals().stream().filter(j -> j.id().equals(id)).findFirst();
        if (journal.isEmpty()) {
            String known = found.journals().stream().map(j -> j.id() + " (" + j.source() + " -> " + j.destination()
                    + ")").collect(Collectors.joining(", "));
            err.println(texts.format("migrate.abandonUnknown", id, known.isEmpty() ? texts.get("migrate.none") : known));
            return ExitCode.NOT_FOUND;
        }
        var j = journal.get();
        try {
            MigrateOperation.abandon(j);
            out.println(texts.format("migrate.abandoned", j.source(), j.destination()));
            return ExitCode.OK;
        } catch (OperationException e) {
            err.println(e.message(Locale.getDefault()));
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
                    .put("if_interrupted", plan.ifInterruptedMessage().render(Locale.getDefault()));
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
        out.println(plan.ifInterruptedMessage().render(Locale.getDefault()));
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
