package dev.modelkeeper.core.hub;

import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.Message;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The "Test" of an endpoint: does its API answer for a small public repo ({@code gpt2} by default), and does a
 * download (a HEAD on a resolve URL) carry {@code X-Repo-Commit} and an ETag, without which no Hugging Face
 * client can name or check a file. A proxy that drops those headers, or passes the Hub's Xet redirect through
 * instead of serving the file, is the usual failure; each finding is one sentence.
 */
public final class EndpointCheck {

    /** The repo tested when the user names none. */
    public static final String DEFAULT_REPO = "gpt2";

    private static final String BUNDLE = "dev.modelkeeper.core.hub.messages";

    /** One finding; {@code passed} false is a failure the sentence explains. */
    public record Finding(boolean passed, Message sentence) {
    }

    /** Everything found, in order. */
    public record Report(String endpoint, String repo, List<Finding> findings) {
        public boolean passed() {
            return findings.stream().allMatch(Finding::passed);
        }
    }

    private final HubClient client;

    public EndpointCheck(HubClient client) {
        this.client = client;
    }

    public Report run(String repo, Cancellation cancel) throws CancelledException {
        String endpoint = client.endpoint().url().toString().replaceAll("/$", "");
        var findings = new ArrayList<Finding>();
        RepoInfo info;
        try {
            info = client.repoInfo(RepoType.MODEL, repo, "main", cancel);
            findings.add(ok("check.api.ok", endpoint, repo, info.sha()));
        } catch (HubException e) {
            findings.add(failed("check.api.failed", endpoint, repo, e.sentence()));
            return new Report(endpoint, repo, findings);
        }
        String file = "config.json";
        try {
            List<TreeEntry> tree = client.listTree(RepoType.MODEL, repo, info.sha(), cancel);
            file = tree.stream().filter(t -> t.path().equals("config.json")).findFirst()
                    .or(() -> tree.stream().min(Comparator.comparingLong(TreeEntry::size))).map(TreeEntry::path)
                    .orElse(file);
            findings.add(ok("check.files.ok", tree.size(), file));
        } catch (HubException e) {
            findings.add(failed("check.files.failed", e.sentence()));
        }
        findings.addAll(resolve(repo, info.sha(), file, cancel));
        return new Report(endpoint, repo, findings);
    }

    private List<Finding> resolve(String repo, String commit, String file, Cancellation cancel)
            throws CancelledException {
        String subject = repo + ":" + file;
        HubClient.ResolveProbe probe;
        try {
            probe = client.probeResolve(RepoType.MODEL, repo, commit, file, cancel);
        } catch (HubException e) {
            return List.of(failed("check.resolve.failed", subject, e.sentence()));
        }
        var found = new ArrayList<Finding>();
        boolean offProxy = probe.location() != null && !probe.location().host().equalsIgnoreCase(
                client.endpoint().url().host());
        String target = probe.location() == null ? "" : probe.location().host().toLowerCase(Locale.ROOT);
        if (offProxy && (probe.xetHeaders() || target.contains("xet") || target.startsWith("cas"))) {
            found.add(failed("check.resolve.xet", subject, probe.location().host()));
        }
        if (probe.commit() == null) {
            found.add(failed("check.resolve.noCommit", subject));
        }
        if (probe.etag() == null) {
            found.add(failed("check.resolve.noEtag", subject));
        }
        if (found.isEmpty()) {
            found.add(ok("check.resolve.ok", subject));
        }
        return found;
    }

    private static Finding ok(String key, Object... args) {
        return new Finding(true, new Message(BUNDLE, key, args));
    }

    private static Finding failed(String key, Object... args) {
        return new Finding(false, new Message(BUNDLE, key, args));
    }
}
