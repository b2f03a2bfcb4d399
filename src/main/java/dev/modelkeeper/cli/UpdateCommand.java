package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.CacheKind;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.env.AppPaths;
import dev.modelkeeper.core.update.RefCheck;
import dev.modelkeeper.core.update.UpdateChecker;
import dev.modelkeeper.core.update.UpdateMessages;
import dev.modelkeeper.core.update.UpdateOperation;
import dev.modelkeeper.core.verify.VerdictStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code modelkeeper update REPO...}: every outdated ref of the repos named is brought to the endpoint's commit,
 * fetching only the files that changed; the ref moves once the new revision verifies, and the old revision stays
 * (detached) until it is pruned.
 */
@Command(name = "update", sortOptions = false)
final class UpdateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "REPO", arity = "1..*", descriptionKey = "help.update.repos")
    List<String> repos = new ArrayList<>();

    @Option(names = {"--type", "--repo-type"}, paramLabel = "TYPE", converter = Converters.CachedType.class,
            descriptionKey = "help.update.type")
    RepoType type = RepoType.MODEL;

    @Option(names = {"--cache", "--cache-dir"}, paramLabel = "DIR", descriptionKey = "help.update.cache")
    Path cache;

    @Mixin
    HubOptions hub;

    @Option(names = {"--jobs", "--max-workers"}, paramLabel = "N", converter = Converters.Jobs.class,
            descriptionKey = "help.download.jobs")
    int jobs = 8;

    @Option(names = "--dry-run", descriptionKey = "help.update.dryRun")
    boolean dryRun;

    @Option(names = "--json", descriptionKey = "help.update.json")
    boolean json;

    @Mixin
    HelpOption help;

    private final CliContext cli;

    UpdateCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        Path dir = cache != null ? cache : cli.locator().hubCache().path();
        var targets = repos.stream().map(r -> new UpdateOperation.Target(type, r)).toList();
        for (var t : targets) {
            if (UpdateOperation.find(dir, t).isEmpty()) {
                cli.err().println(UpdateMessages.of("update.error.notCached", t.repoId(), dir).render(cli.texts().locale()));
                return ExitCode.NOT_FOUND;
            }
        }
        // an update always asks the endpoint (no cached answer), at the default pace of outdated
        UpdateChecker checker = UpdateChecks.checker(cli, hub, Duration.ZERO, 4);
        if (checker.offline()) {
            cli.err().println(UpdateMessages.of("update.error.offline").render(cli.texts().locale()));
            return ExitCode.REFUSED;
        }
        var root = new CacheRoot(dir, CacheKind.HF_HUB, CacheRoot.Origin.USER, null);
        var store = VerdictStore.open(VerdictStore.defaultFile(AppPaths.of(cli.env())));
        var display = json ? CommandRunner.Display.NONE : CommandRunner.Display.BYTES;
        return cli.runner().run(display, "update.cancelled", (progress, cancel) -> {
            var results = new UpdateOperation(root, targets, checker, store, jobs, dryRun).run(progress, cancel);
            progress.finish();
            report(results);
            return results.stream().anyMatch(r -> r.check().state() == RefCheck.State.FAILED) ? ExitCode.HUB_REFUSED
                    : ExitCode.OK;
        });
    }

    private void report(List<UpdateOperation.Result> results) {
        var texts = cli.texts();
        if (json) {
            var m = new LinkedHashMap<String, Object>();
            m.put("dry_run", dryRun);
            m.put("refs", results.stream().map(r -> {
                var one = UpdateChecks.json(r.check(), texts);
                one.put("updated", r.updated());
                one.put("bytes_fetched", r.fetched());
                return one;
            }).toList());
            cli.out().println(UpdateChecks.write(m));
            return;
        }
        for (var r : results) {
            RefCheck c = r.check();
            String changes = UpdateChecks.changes(texts, c);
            switch (c.state()) {
                case OUTDATED -> {
                    if (dryRun) {
                        c.changes().forEach(f -> cli.out().println(String.format("  %-8s %10s  %s",
                                f.kind().name().toLowerCase(java.util.Locale.ROOT), UpdateChecks.bytes(f.toFetch()),
                                f.path())));
                    }
                    cli.out().println(texts.format(dryRun ? "update.planned" : "update.done", c.repoId(), c.ref(),
                            UpdateChecks.shortCommit(c.localCommit()), UpdateChecks.shortCommit(c.remoteCommit()), changes,
                            UpdateChecks.bytes(r.updated() ? r.fetched() : c.bytesToFetch())));
                    if (r.updated()) {
                        cli.out().println(texts.format("update.oldKept", c.localCommit()));
                    }
                }
                case FAILED -> cli.err().println(c.repoId() + " (" + c.ref() + "): " + c.problem().message(texts.locale()));
                default -> cli.out().println(texts.format("update.current", c.repoId(), c.ref(),
                        UpdateChecks.shortCommit(c.localCommit())));
            }
        }
    }
}
