package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.verify.Verdict;
import dev.modelkeeper.core.verify.VerifyFinding;
import dev.modelkeeper.core.verify.VerifyReport;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;

/** The parsed command line of {@code verify}, and the sum of several scopes' reports. */
final class VerifyArgs {

    final List<String> targets = new ArrayList<>();
    RepoType type = RepoType.MODEL;
    String revision;
    boolean online;
    String endpoint;
    boolean trustMirror;
    boolean full;
    boolean json;
    // repair only
    boolean dryRun;
    boolean deleteOrphans;
    boolean offline;
    int threads = Runtime.getRuntime().availableProcessors();

    static VerifyArgs parse(List<String> argv, CliTexts texts) {
        return parse(argv, texts, false);
    }

    /** With {@code repair}, also {@code --dry-run}, {@code --delete-orphans} and {@code --offline}. */
    static VerifyArgs parse(List<String> argv, CliTexts texts, boolean repair) {
        var a = new VerifyArgs();
        for (int i = 0; i < argv.size(); i++) {
            String s = argv.get(i);
            switch (s) {
                case "--type" -> {
                    String t = value(argv, ++i, s, texts);
                    a.type = RepoType.fromId(t).filter(x -> x.folderPrefix() != null)
                            .orElseThrow(() -> new UsageException(texts.format("verify.badType", t)));
                }
                case "--revision" -> a.revision = value(argv, ++i, s, texts);
                case "--online" -> a.online = true;
                case "--endpoint" -> a.endpoint = value(argv, ++i, s, texts);
                case "--trust-mirror" -> a.trustMirror = true;
                case "--full", "--no-cache" -> a.full = true;
                case "--json" -> a.json = true;
                case "--dry-run" -> a.dryRun = repairOnly(repair, s, texts);
                case "--delete-orphans" -> a.deleteOrphans = repairOnly(repair, s, texts);
                case "--offline" -> a.offline = repairOnly(repair, s, texts);
                case "--threads" -> a.threads = threads(value(argv, ++i, s, texts), texts);
                default -> {
                    if (s.startsWith("-")) {
                        throw new UsageException(texts.format("error.unknownOption", s));
                    }
                    a.targets.add(s);
                }
            }
        }
        return a;
    }

    private static boolean repairOnly(boolean repair, String option, CliTexts texts) {
        if (!repair) {
            throw new UsageException(texts.format("error.unknownOption", option));
        }
        return true;
    }

    private static int threads(String text, CliTexts texts) {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the usage error
        }
        throw new UsageException(texts.format("verify.badThreads", text));
    }

    private static String value(List<String> argv, int i, String option, CliTexts texts) {
        if (i >= argv.size()) {
            throw new UsageException(texts.format("error.missingValue", option));
        }
        return argv.get(i);
    }

    /** What the targets name in the known roots: everything that holds models when none is named. */
    List<dev.modelkeeper.core.verify.VerifyScope> scopes(List<dev.modelkeeper.core.cache.CacheRoot> known)
            throws dev.modelkeeper.core.verify.ScopeResolver.UnresolvedException {
        if (targets.isEmpty()) {
            return List.of(dev.modelkeeper.core.verify.VerifyScope.everything(
                    known.stream().filter(dev.modelkeeper.core.cache.CacheRoot::holdsModels).toList()));
        }
        var resolver = new dev.modelkeeper.core.verify.ScopeResolver(known);
        var scopes = new ArrayList<dev.modelkeeper.core.verify.VerifyScope>();
        for (String t : targets) {
            scopes.addAll(resolver.resolve(t, type, revision));
        }
        return scopes;
    }

    /**
     * {@link #scopes}, or null after telling the user which name did not resolve (the caller then exits
     * with {@link ExitCode#ROOT_UNAVAILABLE}).
     */
    List<dev.modelkeeper.core.verify.VerifyScope> scopesOrSay(List<dev.modelkeeper.core.cache.CacheRoot> known,
                                                               CliTexts texts, java.io.PrintStream err) {
        try {
            return scopes(known);
        } catch (dev.modelkeeper.core.verify.ScopeResolver.UnresolvedException e) {
            err.println(texts.format("verify.unresolved." + e.problem().name(), e.target()));
            return null;
        }
    }

    /** The verify memo, which --full makes recall nothing (every file is read again). */
    dev.modelkeeper.core.verify.VerdictStore store(dev.modelkeeper.core.env.Environment env) {
        var store = dev.modelkeeper.core.verify.VerdictStore.open(
                dev.modelkeeper.core.verify.VerdictStore.defaultFile(dev.modelkeeper.core.env.AppPaths.of(env)));
        return full ? store.recallingNothing() : store;
    }

    /** The Hub client for --online (verify) or for fetching (repair): --endpoint, else HF_ENDPOINT, else settings. */
    dev.modelkeeper.core.hub.HubClient hub(dev.modelkeeper.core.env.Environment env,
                                          dev.modelkeeper.core.env.Settings settings,
                                          dev.modelkeeper.core.env.CacheLocator locator) {
        var ep = endpoint != null ? dev.modelkeeper.core.hub.HubEndpoint.of(endpoint, trustMirror)
                : dev.modelkeeper.core.hub.HubEndpoint.resolve(env, settings.hub().endpoint(),
                        trustMirror || settings.hub().tokenToMirror());
        return new dev.modelkeeper.core.hub.HubClient(new okhttp3.OkHttpClient(), ep,
                dev.modelkeeper.core.hub.HubToken.resolve(env, locator.hfHome(), null),
                dev.modelkeeper.core.hub.RetryPolicy.standard());
    }

    static VerifyReport merge(List<VerifyReport> reports) {
        var verdicts = new EnumMap<Verdict, Integer>(Verdict.class);
        var findings = new ArrayList<VerifyFinding>();
        int hashed = 0;
        int recalled = 0;
        long bytes = 0;
        for (VerifyReport r : reports) {
            r.verdicts().forEach((v, n) -> verdicts.merge(v, n, Integer::sum));
            findings.addAll(r.findings());
            hashed += r.blobsHashed();
            recalled += r.blobsRecalled();
            bytes += r.bytesHashed();
        }
        return new VerifyReport(verdicts, hashed, bytes, recalled, findings);
    }
}
