package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.CacheKind;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.update.OutdatedOperation;
import dev.modelkeeper.core.update.RefCheck;
import dev.modelkeeper.core.update.UpdateChecker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code modelkeeper outdated}: every ref of every repo in a hub cache compared with the endpoint, and what an
 * update would fetch. Being outdated is news, not a failure: the exit code is 0 unless the endpoint could not
 * answer for some ref (4) or the folder named is not there (3).
 */
@Command(name = "outdated", sortOptions = false)
final class OutdatedCommand implements Callable<Integer> {

    @Option(names = {"--cache", "--cache-dir"}, paramLabel = "DIR", descriptionKey = "help.outdated.cache")
    Path cache;

    @Mixin
    HubOptions hub;

    @Option(names = "--max-age", paramLabel = "MINUTES", descriptionKey = "help.outdated.maxAge")
    int maxAge = 60;

    @Option(names = "--rate", paramLabel = "N", converter = Converters.RequestRate.class,
            descriptionKey = "help.outdated.rate")
    int rate = 4;

    @Option(names = "--json", descriptionKey = "help.outdated.json")
    boolean json;

    @Mixin
    HelpOption help;

    private final CliContext cli;
    private final CacheScanner scanner;

    OutdatedCommand(CliContext cli, CacheScanner scanner) {
        this.cli = cli;
        this.scanner = scanner;
    }

    @Override
    public Integer call() {
        Path dir = cache != null ? cache : cli.locator().hubCache().path();
        if (cache != null && !Files.isDirectory(cache)) {
            cli.err().println(cli.texts().format("outdated.noFolder", cache));
            return ExitCode.NOT_FOUND;
        }
        UpdateChecker checker = UpdateChecks.checker(cli, hub, Duration.ofMinutes(Math.max(0, maxAge)), rate);
        var root = new CacheRoot(dir, CacheKind.HF_HUB, CacheRoot.Origin.USER, null);
        var display = json ? CommandRunner.Display.NONE : CommandRunner.Display.STEPS;
        return cli.runner().run(display, "outdated.cancelled", (progress, cancel) -> {
            List<RefCheck> checks = new OutdatedOperation(root, scanner, checker).run(progress, cancel);
            progress.finish();
            report(checks, checker);
            return checks.stream().anyMatch(c -> c.state() == RefCheck.State.FAILED) ? ExitCode.HUB_REFUSED
                    : ExitCode.OK;
        });
    }

    private void report(List<RefCheck> checks, UpdateChecker checker) {
        var out = cli.out();
        var texts = cli.texts();
        if (json) {
            var m = new LinkedHashMap<String, Object>();
            m.put("cache_dir", (cache != null ? cache : cli.locator().hubCache().path()).toString());
            m.put("endpoint", checker.client().endpoint().url().toString());
            m.put("offline", checker.offline());
            m.put("refs", checks.stream().map(c -> UpdateChecks.json(c, texts)).toList());
            out.println(UpdateChecks.write(m));
            return;
        }
        if (checker.offline()) {
            out.println(texts.get("outdated.offline"));
        }
        if (checks.isEmpty()) {
            out.println(texts.get("outdated.noRefs"));
            return;
        }
        String row = "%-36s %-12s %-8s  %-8s  %s";
        out.println(String.format(row, texts.get("outdated.col.repo"), texts.get("outdated.col.ref"),
                texts.get("outdated.col.local"), texts.get("outdated.col.remote"), texts.get("outdated.col.state")));
        long outdated = 0;
        long bytes = 0;
        for (RefCheck c : checks) {
            String state = switch (c.state()) {
                case OUTDATED -> texts.format("outdated.state.OUTDATED", UpdateChecks.changes(texts, c),
                        UpdateChecks.bytes(c.bytesToFetch()));
                case FAILED -> texts.get("outdated.state.FAILED");
                default -> texts.get("outdated.state." + c.state().name());
            };
            out.println(String.format(row, c.repoId(), c.ref(), UpdateChecks.shortCommit(c.localCommit()),
                    UpdateChecks.shortCommit(c.remoteCommit()), state).stripTrailing());
            if (c.isOutdated()) {
                outdated++;
                bytes += c.bytesToFetch();
            }
            if (c.problem() != null) {
                cli.err().println(c.repoId() + " (" + c.ref() + "): " + c.problem().message(texts.locale()));
            }
        }
        out.println(texts.format("outdated.summary", checks.size(), outdated, UpdateChecks.bytes(bytes)));
    }
}
