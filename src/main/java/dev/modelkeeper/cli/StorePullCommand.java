package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.SizeFormat;
import dev.modelkeeper.core.download.DownloadRequest;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.team.PullOperation;
import dev.modelkeeper.core.team.PullResult;
import dev.modelkeeper.core.team.TeamStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelkeeper store pull REPO... [options]}: each revision from the store's ref and manifest into the hub
 * cache through the download machinery; the Hub (--endpoint, HF_ENDPOINT …) serves only blobs the store lacks,
 * and is not asked at all with --offline or HF_HUB_OFFLINE=1.
 */
@Command(name = "pull", sortOptions = false)
final class StorePullCommand implements Callable<Integer> {

    private static final Set<String> TRUE = Set.of("1", "true", "yes", "on");

    @Parameters(paramLabel = "REPO", arity = "1..*", descriptionKey = "help.store.pull.repos")
    List<String> repos = new ArrayList<>();

    @Mixin
    StoreRevisionOptions.Pull options;

    @Mixin
    StoreOptions store;

    @Mixin
    HubOptions hub;

    @Option(names = "--offline", descriptionKey = "help.store.offline")
    boolean offline;

    @Option(names = "--json", descriptionKey = "help.store.json")
    boolean json;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    private final CliContext cli;

    StorePullCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        TeamStore source = store.open(cli, spec);
        var locator = cli.locator();
        Path into = options.cache(cli);
        boolean noHub = offline || cli.env().get("HF_HUB_OFFLINE").map(v -> TRUE.contains(v.strip().toLowerCase(Locale.ROOT)))
                .orElse(false);
        Optional<HubClient> fallback = noHub ? Optional.empty() : Optional.of(hub.client(cli.env(), null, locator));
        var display = json ? CommandRunner.Display.NONE : CommandRunner.Display.BYTES;
        return cli.runner().run(display, "store.pull.cancelled", (progress, cancel) -> {
            var results = new ArrayList<PullResult>();
            for (String repo : repos) {
                var request = new DownloadRequest(options.type, repo, options.revision, List.of(), List.of(), into,
                        false);
                PullResult r = new PullOperation(source, fallback, request, 8).run(progress, cancel);
                results.add(r);
                if (!json) {
                    progress.clear();
                    cli.out().println(cli.texts().format("store.pulled", repo, r.plan().commit(), r.plan().snapshot(),
                            SizeFormat.bytes(r.bytesFromStore()), SizeFormat.bytes(r.bytesFromHub())));
                }
            }
            progress.finish();
            if (json) {
                cli.out().println(StoreCommand.json(json(source, results)));
            }
            return ExitCode.OK;
        });
    }

    private Map<String, Object> json(TeamStore source, List<PullResult> results) {
        var m = new LinkedHashMap<String, Object>();
        m.put("store", source.config().address());
        m.put("bytes_from_store", results.stream().mapToLong(PullResult::bytesFromStore).sum());
        m.put("bytes_from_hub", results.stream().mapToLong(PullResult::bytesFromHub).sum());
        m.put("repos", results.stream().map(r -> {
            var one = options.jsonRepo(r.repoId(), r.plan().commit());
            one.put("snapshot_path", r.plan().snapshot().toString());
            one.put("files", r.plan().files().size());
            one.put("bytes_from_store", r.bytesFromStore());
            one.put("bytes_from_hub", r.bytesFromHub());
            return one;
        }).toList());
        return m;
    }
}
