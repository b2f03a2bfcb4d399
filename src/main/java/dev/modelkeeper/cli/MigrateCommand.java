package dev.modelkeeper.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelkeeper.core.cache.SizeFormat;
import dev.modelkeeper.core.env.AppPaths;
import dev.modelkeeper.core.env.Environment;
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

/**
 * {@code modelkeeper migrate SRC DEST [--link] [--env] [--copy] [--dry-run] [--json]},
 * {@code migrate --resume}, {@code migrate --undo SRC}.
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
        for (String a : argv) {
            switch (a) {
                case "--link" -> link = true;
                case "--env" -> envExport = true;
                case "--copy" -> copy = true;
                case "--resume" -> resume = true;
                case "--undo" -> undo = true;
                case "--dry-run" -> dryRun = true;
                case "--json" -> json = true;
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException(texts.format("error.unknownOption", a));
                    }
                    paths.add(Path.of(a));
                }
            }
        }
        Path stateDir = AppPaths.of(env).stateDir();
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
        String variable = EnvironmentExport.variableFor(request.source());
        String value = EnvironmentExport.valueFor(variable, request.destination());
        if (dryRun) {
            print(plan, json, envExport ? EnvironmentExport.snippets(variable, value) : null);
            return ExitCode.OK;
        }
        var cancel = Cancellation.create();
        Thread hook = new Thread(cancel::cancel, "ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        var progress = CliProgress.forTerminal(err).bytes();
        try {
            MigrateOperation.start(stateDir, plan).run(progress, cancel);
            progress.finish();
            var exporter = new EnvironmentExport(env.home());
            if (envExport) {
                exporter.write(variable, value);
            } else if (undo) {
                exporter.remove();
            }
            print(plan, json, envExport ? EnvironmentExport.snippets(variable, value) : null);
            out.println(texts.format(undo ? "migrate.undone" : "migrate.done", request.source(), request.destination()));
            return ExitCode.OK;
        } catch (CancelledException e) {
            progress.finish();
            err.println(texts.get("migrate.cancelled"));
            return ExitCode.INTERRUPTED;
        } catch (OperationException | IOException e) {
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

    private int resumeAll(Path stateDir) {
        var pending = MigrationJournal.pending(stateDir);
        if (pending.isEmpty()) {
            out.println(texts.get("migrate.nothingPending"));
            return ExitCode.OK;
        }
        int code = ExitCode.OK;
        for (MigrationJournal j : pending) {
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

    private void print(MigrationPlan plan, boolean json, String snippets) {
        var r = plan.request();
        if (json) {
            ObjectNode n = new ObjectMapper().createObjectNode();
            n.put("source", r.source().toString()).put("destination", r.destination().toString())
                    .put("bytes", plan.bytes()).put("entries", plan.files()).put("same_filesystem", plan.sameFilesystem())
                    .put("free_before", plan.freeBefore()).put("free_after", plan.freeAfter()).put("link", r.link())
                    .put("if_interrupted", plan.ifInterrupted());
            if (snippets != null) {
                n.put("environment_snippets", snippets);
            }
            out.println(n.toPrettyString());
            return;
        }
        out.println(texts.format("migrate.plan", r.source(), r.destination(), SizeFormat.human(plan.bytes()) + "B",
                plan.files(), texts.get(plan.sameFilesystem() ? "migrate.rename" : "migrate.copy"),
                SizeFormat.human(plan.freeBefore()) + "B", SizeFormat.human(plan.freeAfter()) + "B"));
        out.println(plan.ifInterrupted());
        if (snippets != null) {
            out.println();
            out.println(snippets);
        }
    }
}
