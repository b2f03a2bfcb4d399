package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.env.AppPaths;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.core.verify.ScopeResolver;
import dev.modelkeeper.core.verify.Verdict;
import dev.modelkeeper.core.verify.VerdictStore;
import dev.modelkeeper.core.verify.VerifyFinding;
import dev.modelkeeper.core.verify.VerifyListener;
import dev.modelkeeper.core.verify.VerifyOperation;
import dev.modelkeeper.core.verify.VerifyReport;
import dev.modelkeeper.core.verify.VerifyScope;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code verify} and {@code repair} work on: the {@code PATH|REPO} arguments narrowed by {@code --type}
 * and {@code --revision}, and {@code --full}; plus the sum of several scopes' reports.
 */
final class TargetOptions {

    @Parameters(paramLabel = "PATH|REPO", descriptionKey = "help.targets")
    List<String> targets = new ArrayList<>();

    @Option(names = {"--type", "--repo-type"}, paramLabel = "TYPE", converter = Converters.CachedType.class,
            descriptionKey = "help.verify.type")
    RepoType type = RepoType.MODEL;

    @Option(names = "--revision", paramLabel = "R", descriptionKey = "help.verify.revision")
    String revision;

    @Option(names = {"--full", "--no-cache"}, descriptionKey = "help.full")
    boolean full;

    /**
     * What the targets name in the roots the command line's settings make known, or null after saying which
     * name did not resolve (the caller then exits with {@link ExitCode#NOT_FOUND}).
     */
    List<VerifyScope> scopesOrSay(CliContext cli) {
        return scopesOrSay(cli.locator().discover(cli.settings().userRoots()), cli.texts(), cli.err());
    }

    /**
     * What the targets name in the known roots (everything that holds models when none is named), or null
     * after saying which name did not resolve (the caller then exits with {@link ExitCode#NOT_FOUND}).
     */
    List<VerifyScope> scopesOrSay(List<CacheRoot> known, CliTexts texts, PrintStream err) {
        if (targets.isEmpty()) {
            return List.of(VerifyScope.everything(known.stream().filter(CacheRoot::holdsModels).toList()));
        }
        var resolver = new ScopeResolver(known);
        var scopes = new ArrayList<VerifyScope>();
        for (String t : targets) {
            try {
                scopes.addAll(resolver.resolve(t, type, revision));
            } catch (ScopeResolver.UnresolvedException e) {
                err.println(texts.format("verify.unresolved." + e.problem().name(), e.target()));
                return null;
            }
        }
        return scopes;
    }

    /** The verify memo, which --full makes recall nothing (every file is read again). */
    VerdictStore store(Environment env) {
        var store = VerdictStore.open(VerdictStore.defaultFile(AppPaths.of(env)));
        return full ? store.recallingNothing() : store;
    }

    /** Each scope verified in turn, with {@code threads} hashing, and the reports summed. */
    static VerifyReport verifyAll(List<VerifyScope> scopes, VerdictStore store, VerifyListener listener, int threads,
                                  Optional<HubClient> client, ProgressListener progress, Cancellation cancel)
            throws OperationException {
        var reports = new ArrayList<VerifyReport>();
        for (VerifyScope scope : scopes) {
            reports.add(new VerifyOperation(scope, store, listener, threads, client).run(progress, cancel));
        }
        return merge(reports);
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
