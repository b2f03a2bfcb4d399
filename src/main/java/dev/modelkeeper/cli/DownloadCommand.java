package dev.modelkeeper.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.cache.SizeFormat;
import dev.modelkeeper.core.download.BandwidthLimit;
import dev.modelkeeper.core.download.DownloadOperation;
import dev.modelkeeper.core.download.DownloadPlan;
import dev.modelkeeper.core.download.DownloadRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code modelkeeper download REPO [options]}: one revision into a hub cache, as huggingface_hub writes it.
 * Option names follow {@code hf download} where the meaning is the same ({@code --repo-type},
 * {@code --cache-dir}, {@code --max-workers}); {@code --local-dir} has no counterpart, as nothing is
 * written outside the hub cache.
 */
@Command(name = "download", sortOptions = false)
final class DownloadCommand implements Callable<Integer> {

    @Parameters(paramLabel = "REPO", descriptionKey = "help.download.repo")
    String repo;

    @Option(names = {"--type", "--repo-type"}, paramLabel = "TYPE", converter = Converters.DownloadType.class,
            descriptionKey = "help.download.type")
    RepoType type = RepoType.MODEL;

    @Option(names = "--revision", paramLabel = "R", descriptionKey = "help.download.revision")
    String revision = "main";

    @Option(names = "--include", paramLabel = "P", descriptionKey = "help.download.include")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "P", descriptionKey = "help.download.exclude")
    List<String> exclude = new ArrayList<>();

    @Option(names = {"--cache", "--cache-dir"}, paramLabel = "DIR", descriptionKey = "help.download.cache")
    Path cache;

    @Mixin
    HubOptions hub;

    @Option(names = "--max-rate", paramLabel = "RATE", converter = Converters.Rate.class,
            descriptionKey = "help.download.maxRate")
    long maxRate;

    @Option(names = {"--jobs", "--max-workers"}, paramLabel = "N", converter = Converters.Jobs.class,
            descriptionKey = "help.download.jobs")
    int jobs = 8;

    @Option(names = "--connections", paramLabel = "N", converter = Converters.Connections.class,
            descriptionKey = "help.download.connections")
    int connections = DownloadOperation.DEFAULT_CONNECTIONS_PER_FILE;

    @Option(names = "--dry-run", descriptionKey = "help.download.dryRun")
    boolean dryRun;

    @Option(names = "--json", descriptionKey = "help.download.json")
    boolean json;

    @Mixin
    StoreOptions store;

    @Mixin
    HelpOption help;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final CliContext cli;

    DownloadCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        var locator = cli.locator();
        Path into = cache != null ? cache : locator.hubCache().path();
        var client = hub.client(cli.env(), null, locator);
        // a team store named by --store or MODELKEEPER_STORE serves every blob it holds; the endpoint the rest
        var teamStore = store.openIfNamed(cli, spec);
        dev.modelkeeper.core.download.BlobSource bytes = teamStore
                .<dev.modelkeeper.core.download.BlobSource>map(s -> new dev.modelkeeper.core.download.ChainedBlobSource(
                        java.util.List.of(new dev.modelkeeper.core.team.S3BlobSource(s,
                                dev.modelkeeper.core.hub.RetryPolicy.standard()),
                                new dev.modelkeeper.core.download.HubBlobSource(client))))
                .orElseGet(() -> new dev.modelkeeper.core.download.HubBlobSource(client));
        var request = new DownloadRequest(type, repo, revision, include, exclude, into, dryRun);
        var display = json ? CommandRunner.Display.NONE : CommandRunner.Display.BYTES;
        return cli.runner().run(display, "download.cancelled", (progress, cancel) -> {
            DownloadPlan plan = new DownloadOperation(client, bytes, request, jobs, BandwidthLimit.of(maxRate),
                    connections).run(progress, cancel);
            progress.finish();
            if (!dryRun) {
                cli.count(c -> c.recordDownload(client.endpoint().url().host(), plan.bytesToFetch()));
            }
            report(plan);
            return ExitCode.OK;
        });
    }

    private void report(DownloadPlan plan) {
        var out = cli.out();
        if (json) {
            out.println(json(plan));
            return;
        }
        if (dryRun) {
            plan.files().forEach(f -> out.println(String.format("  %-8s %10s  %s", f.action().name().toLowerCase(),
                    SizeFormat.bytes(f.size()), f.path())));
        }
        out.println(cli.texts().format(dryRun ? "download.planned" : "download.done", repo, plan.commit(),
                plan.files().size(), SizeFormat.bytes(plan.bytesToFetch()), plan.snapshot()));
    }

    private String json(DownloadPlan plan) {
        var m = new LinkedHashMap<String, Object>();
        m.put("repo_id", repo);
        m.put("repo_type", type.id());
        m.put("revision", revision);
        m.put("commit_hash", plan.commit());
        m.put("snapshot_path", plan.snapshot().toString());
        m.put("dry_run", dryRun);
        m.put("bytes_to_fetch", plan.bytesToFetch());
        m.put("files", plan.files().stream().map(f -> Map.of("file_path", f.path(), "etag", f.etag(),
                "size", f.size(), "action", f.action().name().toLowerCase())).toList());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
