package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.SizeFormat;
import dev.modelkeeper.core.team.PushOperation;
import dev.modelkeeper.core.team.PushRefusedException;
import dev.modelkeeper.core.team.PushResult;
import dev.modelkeeper.core.team.TeamStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelkeeper store push REPO... [options]}: each revision is verified, its missing blobs uploaded, then
 * its manifest and ref written. Exit codes: 3 a revision not in the cache, 6 refused (not intact), 4 the store
 * refused or could not be reached.
 */
@Command(name = "push", sortOptions = false)
final class StorePushCommand implements Callable<Integer> {

    @Parameters(paramLabel = "REPO", arity = "1..*", descriptionKey = "help.store.push.repos")
    List<String> repos = new ArrayList<>();

    @Mixin
    StoreRevisionOptions.Push options;

    @Mixin
    StoreOptions store;

    @Option(names = "--dry-run", descriptionKey = "help.store.push.dryRun")
    boolean dryRun;

    @Option(names = "--json", descriptionKey = "help.store.json")
    boolean json;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    private final CliContext cli;

    StorePushCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        TeamStore target = store.open(cli, spec);
        Path from = options.cache(cli);
        var display = json ? CommandRunner.Display.NONE : CommandRunner.Display.BYTES;
        return cli.runner().run(display, "store.push.cancelled", (progress, cancel) -> {
            var results = new ArrayList<PushResult>();
            for (String repo : repos) {
                PushResult r;
                try {
                    r = new PushOperation(target, from, options.type, repo, options.revision, dryRun)
                            .run(progress, cancel);
                } catch (PushRefusedException e) {
                    progress.finish();
                    cli.err().println(e.getMessage());
                    return e.reason() == PushRefusedException.Reason.NOT_IN_CACHE ? ExitCode.NOT_FOUND : ExitCode.REFUSED;
                }
                results.add(r);
                if (!json) {
                    progress.clear();
                    cli.out().println(cli.texts().format(dryRun ? "store.wouldPush" : "store.pushed", repo, r.commit(),
                            target.config().address(), r.uploaded(), SizeFormat.bytes(r.bytesUploaded()), r.present()));
                }
            }
            progress.finish();
            if (json) {
                cli.out().println(StoreCommand.json(json(target, results)));
            }
            return ExitCode.OK;
        });
    }

    private Map<String, Object> json(TeamStore target, List<PushResult> results) {
        var m = new LinkedHashMap<String, Object>();
        m.put("store", target.config().address());
        m.put("dry_run", dryRun);
        m.put("bytes_uploaded", results.stream().mapToLong(PushResult::bytesUploaded).sum());
        m.put("repos", results.stream().map(r -> {
            var one = options.jsonRepo(r.repoId(), r.commit());
            one.put("files", r.files());
            one.put("blobs_uploaded", r.uploaded());
            one.put("bytes_uploaded", r.bytesUploaded());
            one.put("blobs_present", r.present());
            return one;
        }).toList());
        return m;
    }
}
