package dev.modelkeeper.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.cache.SizeFormat;
import dev.modelkeeper.core.env.CacheLocator;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubEndpoint;
import dev.modelkeeper.core.hub.HubException;
import dev.modelkeeper.core.hub.HubToken;
import dev.modelkeeper.core.hub.RetryPolicy;
import dev.modelkeeper.core.ops.DownloadOperation;
import dev.modelkeeper.core.ops.DownloadPlan;
import dev.modelkeeper.core.ops.DownloadRequest;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.OperationException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * {@code modelkeeper download REPO [--type T] [--revision R] [--include P]... [--exclude P]... [--cache DIR]
 * [--endpoint URL] [--trust-mirror] [--dry-run] [--json]}.
 */
final class DownloadCommand {

    private final Environment env;
    private final CliTexts texts;
    private final PrintStream out;
    private final PrintStream err;

    DownloadCommand(Environment env, CliTexts texts, PrintStream out, PrintStream err) {
        this.env = env;
        this.texts = texts;
        this.out = out;
        this.err = err;
    }

    /** The parsed command line. */
    private static final class Args {
        String repo;
        RepoType type = RepoType.MODEL;
        String revision = "main";
        final List<String> include = new ArrayList<>();
        final List<String> exclude = new ArrayList<>();
        Path cache;
        String endpoint;
        boolean trustMirror;
        boolean dryRun;
        boolean json;
        long maxRate;
        int jobs = 8;
        int connections = DownloadOperation.DEFAULT_CONNECTIONS_PER_FILE;
    }

    int run(List<String> argv) {
        Args a = parse(argv);
        var locator = new CacheLocator(env);
        Path cache = a.cache != null ? a.cache : locator.hubCache().path();
        var endpoint = a.endpoint != null ? HubEndpoint.of(a.endpoint, a.trustMirror)
                : HubEndpoint.resolve(env, null, a.trustMirror);
        var client = new HubClient(new OkHttpClient(), endpoint, HubToken.resolve(env, locator.hfHome(), null),
                RetryPolicy.standard());
        var request = new DownloadRequest(a.type, a.repo, a.revision, a.include, a.exclude, cache, a.dryRun);
        var cancel = Cancellation.create();
        Thread hook = new Thread(cancel::cancel, "ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        var progress = CliProgress.forTerminal(err).bytes();
        try {
            DownloadPlan plan = new DownloadOperation(client, request, a.jobs,
                    dev.modelkeeper.core.ops.BandwidthLimit.of(a.maxRate), a.connections).run(progress, cancel);
            progress.finish();
            report(a, plan);
            return ExitCode.OK;
        } catch (CancelledException e) {
            progress.finish();
            err.println(texts.get("download.cancelled"));
            return ExitCode.INTERRUPTED;
        } catch (HubException e) {
            progress.finish();
            err.println(e.getMessage());
            return e.isRetryable() ? ExitCode.FAILURE : ExitCode.REFUSED;
        } catch (OperationException e) {
            progress.finish();
            err.println(e.getMessage());
            return ExitCode.FAILURE;
        } finally {
            removeHook(hook);
        }
    }

    private Args parse(List<String> argv) {
        var a = new Args();
        for (int i = 0; i < argv.size(); i++) {
            String s = argv.get(i);
            switch (s) {
                case "--type" -> {
                    String t = value(argv, ++i, s);
                    a.type = RepoType.fromId(t).filter(x -> x.folderPrefix() != null && x != RepoType.KERNEL)
                            .orElseThrow(() -> new UsageException(texts.format("download.badType", t)));
                }
                case "--revision" -> a.revision = value(argv, ++i, s);
                case "--include" -> a.include.add(value(argv, ++i, s));
                case "--exclude" -> a.exclude.add(value(argv, ++i, s));
                case "--cache" -> a.cache = Path.of(value(argv, ++i, s));
                case "--endpoint" -> a.endpoint = value(argv, ++i, s);
                case "--trust-mirror" -> a.trustMirror = true;
                case "--max-rate" -> a.maxRate = rate(value(argv, ++i, s));
                case "--jobs" -> a.jobs = count(value(argv, ++i, s), s);
                case "--connections" -> a.connections = count(value(argv, ++i, s), s);
                case "--dry-run" -> a.dryRun = true;
                case "--json" -> a.json = true;
                default -> {
                    if (s.startsWith("-") || a.repo != null) {
                        throw new UsageException(texts.format("error.unknownOption", s));
                    }
                    a.repo = s;
                }
            }
        }
        if (a.repo == null) {
            throw new UsageException(texts.get("download.missingRepo"));
        }
        return a;
    }

    /** A whole number from 1 to 64. */
    private int count(String value, String option) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 64) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(texts.format("download.badCount", option, value));
    }

    /** {@code 500k}, {@code 10M}, {@code 1G} bytes per second (decimal units), or plain bytes. */
    private long rate(String text) {
        var m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)([kKmMgG]?)").matcher(text.strip());
        if (!m.matches()) {
            throw new UsageException(texts.format("download.badRate", text));
        }
        double factor = switch (m.group(2).toLowerCase()) {
            case "k" -> 1e3;
            case "m" -> 1e6;
            case "g" -> 1e9;
            default -> 1;
        };
        return (long) (Double.parseDouble(m.group(1)) * factor);
    }

    private String value(List<String> argv, int i, String option) {
        if (i >= argv.size()) {
            throw new UsageException(texts.format("error.missingValue", option));
        }
        return argv.get(i);
    }

    private void report(Args a, DownloadPlan plan) {
        if (a.json) {
            out.println(json(a, plan));
            return;
        }
        if (a.dryRun) {
            plan.files().forEach(f -> out.println(String.format("  %-8s %10s  %s", f.action().name().toLowerCase(),
                    SizeFormat.bytes(f.size()), f.path())));
        }
        out.println(texts.format(a.dryRun ? "download.planned" : "download.done", a.repo, plan.commit(),
                plan.files().size(), SizeFormat.bytes(plan.bytesToFetch()), plan.snapshot()));
    }

    private static String json(Args a, DownloadPlan plan) {
        var m = new LinkedHashMap<String, Object>();
        m.put("repo_id", a.repo);
        m.put("repo_type", a.type.id());
        m.put("revision", a.revision);
        m.put("commit_hash", plan.commit());
        m.put("snapshot_path", plan.snapshot().toString());
        m.put("dry_run", a.dryRun);
        m.put("bytes_to_fetch", plan.bytesToFetch());
        m.put("files", plan.files().stream().map(f -> Map.of("file_path", f.path(), "etag", f.etag(),
                "size", f.size(), "action", f.action().name().toLowerCase())).toList());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyExiting) {
            // Ctrl+C: the JVM is going down
        }
    }
}
