package dev.modelkeeper.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.FindingTexts;
import dev.modelkeeper.core.cache.SizeFormat;
import dev.modelkeeper.core.env.CacheLocator;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.env.Settings;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.ops.BandwidthLimit;
import dev.modelkeeper.core.repair.RepairAction;
import dev.modelkeeper.core.repair.RepairOperation;
import dev.modelkeeper.core.repair.RepairPlan;
import dev.modelkeeper.core.repair.RepairPlanner;
import dev.modelkeeper.core.repair.RepairResult;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.verify.VerdictStore;
import dev.modelkeeper.core.verify.VerifyFinding;
import dev.modelkeeper.core.verify.VerifyListener;
import dev.modelkeeper.core.verify.VerifyOperation;
import dev.modelkeeper.core.verify.VerifyReport;
import dev.modelkeeper.core.verify.VerifyScope;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code modelkeeper repair [PATH|REPO]... [--dry-run] [--delete-orphans] [--offline] [--json]}: verifies
 * what is named (offline), shows the plan, carries it out, and verifies again. Exit 0 when nothing is
 * left to fix, 5 when problems remain.
 */
final class RepairCommand {

    private final Environment env;
    private final Settings settings;
    private final CliTexts texts;
    private final FindingTexts findingTexts;
    private final PrintStream out;
    private final PrintStream err;

    RepairCommand(Environment env, Settings settings, CliTexts texts, PrintStream out, PrintStream err) {
        this.env = env;
        this.settings = settings;
        this.texts = texts;
        this.findingTexts = new FindingTexts(texts.locale());
        this.out = out;
        this.err = err;
    }

    int run(List<String> argv) {
        var a = VerifyArgs.parse(argv, texts, true);
        var locator = new CacheLocator(env);
        List<CacheRoot> known = locator.discover(settings.userRoots());
        List<VerifyScope> scopes = a.scopesOrSay(known, texts, err);
        if (scopes == null) {
            return ExitCode.ROOT_UNAVAILABLE;
        }
        VerdictStore store = a.store(env);
        var cancel = Cancellation.create();
        Thread hook = new Thread(cancel::cancel, "ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        var progress = CliProgress.forTerminal(err).bytes();
        try {
            VerifyReport before = verifyAll(scopes, store, progress, cancel);
            RepairPlan plan = new RepairPlanner(a.deleteOrphans).plan(before.findings());
            if (a.dryRun) {
                progress.finish();
                if (a.json) {
                    json(plan, null, null);
                } else {
                    printPlan(plan);
                }
                return plan.isEmpty() && plan.manual().isEmpty() ? ExitCode.OK : ExitCode.PROBLEMS;
            }
            RepairResult result = null;
            VerifyReport after = before;
            if (!plan.isEmpty()) {
                if (!a.json) {
                    printPlan(plan);
                }
                Optional<HubClient> hub = a.offline ? Optional.empty() : Optional.of(a.hub(env, settings, locator));
                result = new RepairOperation(plan, hub, BandwidthLimit.of(settings.hub().maxBytesPerSecond()))
                        .run(progress, cancel);
                after = verifyAll(scopes, store, progress, cancel);
            }
            progress.finish();
            if (a.json) {
                json(plan, result, after);
            } else {
                printResult(plan, result, after);
            }
            return after.problemsRemain() ? ExitCode.PROBLEMS : ExitCode.OK;
        } catch (CancelledException e) {
            progress.finish();
            err.println(texts.get("repair.cancelled"));
            return ExitCode.INTERRUPTED;
        } catch (OperationException e) {
            progress.finish();
            err.println(e.getMessage());
            return ExitCode.FAILURE;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyExiting) {
                // Ctrl+C: the JVM is going down
            }
        }
    }


    private static VerifyReport verifyAll(List<VerifyScope> scopes, VerdictStore store,
                                          dev.modelkeeper.core.task.ProgressListener progress, Cancellation cancel)
            throws CancelledException {
        var reports = new ArrayList<VerifyReport>();
        for (VerifyScope scope : scopes) {
            reports.add(new VerifyOperation(scope, store, VerifyListener.NONE, Runtime.getRuntime().availableProcessors(),
                    Optional.empty()).run(progress, cancel));
        }
        return VerifyArgs.merge(reports);
    }

    private void printPlan(RepairPlan plan) {
        if (plan.isEmpty() && plan.manual().isEmpty()) {
            out.println(texts.get("verify.clean"));
            return;
        }
        if (!plan.isEmpty()) {
            out.println(texts.format("repair.plan", plan.actions().size(), size(plan.bytesToFetch())));
            for (RepairAction action : plan.actions()) {
                out.println("  " + texts.format("repair.action." + action.kind().name(), action.path(),
                        action.bytes() > 0 ? size(action.bytes()) : "?"));
            }
        }
        if (!plan.manual().isEmpty()) {
            out.println(texts.format("repair.manual", plan.manual().size()));
            for (VerifyFinding f : plan.manual()) {
                out.println("  " + findingTexts.message(f.finding()));
                out.println("    " + texts.format("verify.repair", findingTexts.repair(f.finding())));
            }
        }
    }

    private void printResult(RepairPlan plan, RepairResult result, VerifyReport after) {
        if (result != null) {
            out.println(texts.format("repair.done", result.done().size(), size(result.fetched())));
            for (RepairAction action : result.needNetwork()) {
                out.println("  " + texts.format("repair.needsNetwork", action.path()));
            }
            for (RepairResult.Failure failure : result.failed()) {
                out.println("  " + failure.reason());
            }
        } else if (plan.manual().isEmpty()) {
            out.println(texts.get("verify.clean"));
        }
        out.println(texts.get(after.problemsRemain() ? "verify.problems" : "repair.clean"));
    }

    private String size(long bytes) {
        return SizeFormat.bytes(bytes);
    }

    private void json(RepairPlan plan, RepairResult result, VerifyReport after) {
        try {
            JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("bytes_to_fetch", plan.bytesToFetch());
            g.writeArrayFieldStart("actions");
            for (RepairAction action : plan.actions()) {
                g.writeStartObject();
                g.writeStringField("action", action.kind().name().toLowerCase(java.util.Locale.ROOT));
                g.writeStringField("path", action.path().toString());
                g.writeNumberField("bytes", action.bytes());
                g.writeBooleanField("needs_network", action.needsNetwork());
                g.writeStringField("finding", action.cause().kind().name());
                g.writeStringField("state", result == null ? "planned" : result.done().contains(action) ? "done"
                        : result.needNetwork().contains(action) ? "needs_network" : "failed");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("manual");
            for (VerifyFinding f : plan.manual()) {
                g.writeStartObject();
                g.writeStringField("kind", f.kind().name());
                g.writeStringField("path", f.path().toString());
                g.writeStringField("message", findingTexts.message(f.finding()));
                g.writeStringField("repair", findingTexts.repair(f.finding()));
                g.writeEndObject();
            }
            g.writeEndArray();
            if (result != null) {
                g.writeNumberField("bytes_fetched", result.fetched());
                g.writeArrayFieldStart("failures");
                for (RepairResult.Failure failure : result.failed()) {
                    g.writeString(failure.reason());
                }
                g.writeEndArray();
            }
            if (after != null) {
                g.writeBooleanField("problems_remain", after.problemsRemain());
            }
            g.writeEndObject();
            g.flush();
            out.println();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
