package dev.modelkeeper.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.cache.FindingTexts;
import dev.modelkeeper.core.cache.SizeFormat;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.download.BandwidthLimit;
import dev.modelkeeper.core.repair.RepairAction;
import dev.modelkeeper.core.repair.RepairPlan;
import dev.modelkeeper.core.repair.RepairPlanner;
import dev.modelkeeper.core.repair.RepairResult;
import dev.modelkeeper.core.repair.RepairWorkflow;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.core.verify.VerdictStore;
import dev.modelkeeper.core.verify.VerifyFinding;
import dev.modelkeeper.core.verify.VerifyListener;
import dev.modelkeeper.core.verify.VerifyReport;
import dev.modelkeeper.core.verify.VerifyScope;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code modelkeeper repair [PATH|REPO]... [options]}: verifies what is named (offline), shows the plan,
 * carries it out, and verifies again ({@link RepairWorkflow}; {@code --dry-run} declines the plan).
 * Exit 0 when nothing is left to fix, 5 when problems remain.
 */
@Command(name = "repair", sortOptions = false)
final class RepairCommand implements Callable<Integer> {

    @Mixin
    TargetOptions targets;

    @Option(names = "--dry-run", descriptionKey = "help.repair.dryRun")
    boolean dryRun;

    @Option(names = "--delete-orphans", descriptionKey = "help.repair.deleteOrphans")
    boolean deleteOrphans;

    @Option(names = "--offline", descriptionKey = "help.repair.offline")
    boolean offline;

    @Mixin
    HubOptions hub;

    @Option(names = "--threads", paramLabel = "N", converter = Converters.Threads.class,
            descriptionKey = "help.verify.threads")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--json", descriptionKey = "help.repair.json")
    boolean json;

    @Mixin
    HelpOption help;

    private final CliContext cli;
    private final CliTexts texts;
    private final FindingTexts findingTexts;
    private final PrintStream out;

    RepairCommand(CliContext cli) {
        this.cli = cli;
        this.texts = cli.texts();
        this.findingTexts = new FindingTexts(texts.locale());
        this.out = cli.out();
    }

    @Override
    public Integer call() {
        var settings = cli.settings();
        var locator = cli.locator();
        List<VerifyScope> scopes = targets.scopesOrSay(cli);
        if (scopes == null) {
            return ExitCode.NOT_FOUND;
        }
        VerdictStore store = targets.store(cli.env());
        var display = json ? CommandRunner.Display.NONE : CommandRunner.Display.BYTES;
        return cli.runner().run(display, "repair.cancelled", (progress, cancel) -> {
            Supplier<Optional<HubClient>> client = () -> offline ? Optional.empty()
                    : Optional.of(hub.client(cli.env(), settings, locator));
            var outcome = new RepairWorkflow(new RepairPlanner(deleteOrphans), client,
                    BandwidthLimit.of(settings.hub().maxBytesPerSecond()), new RepairWorkflow.Steps() {
                        @Override
                        public VerifyReport verify(boolean again, ProgressListener p, Cancellation c)
                                throws OperationException {
                            return verifyAll(scopes, store, p, c);
                        }

                        @Override
                        public boolean confirm(RepairPlan plan) {
                            progress.clear();
                            if (!dryRun && !json) {
                                printPlan(plan);
                            }
                            return !dryRun; // --dry-run: the plan is shown below, and nothing runs
                        }
                    }).run(progress, cancel);
            progress.clear();
            RepairPlan plan = outcome.plan();
            if (dryRun) {
                if (json) {
                    json(plan, null, null);
                } else {
                    printPlan(plan);
                }
                return plan.isEmpty() && plan.manual().isEmpty() ? ExitCode.OK : ExitCode.PROBLEMS;
            }
            if (json) {
                json(plan, outcome.result(), outcome.report());
            } else {
                printResult(plan, outcome.result(), outcome.report());
            }
            return outcome.report().problemsRemain() ? ExitCode.PROBLEMS : ExitCode.OK;
        });
    }

    private VerifyReport verifyAll(List<VerifyScope> scopes, VerdictStore store, ProgressListener progress,
                                   Cancellation cancel) throws OperationException {
        return TargetOptions.verifyAll(scopes, store, VerifyListener.NONE, threads, Optional.empty(), progress,
                cancel);
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
