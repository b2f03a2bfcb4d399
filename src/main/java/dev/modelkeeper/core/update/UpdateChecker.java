package dev.modelkeeper.core.update;

import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.hub.HubClient;
import dev.modelkeeper.core.hub.HubException;
import dev.modelkeeper.core.hub.TreeEntry;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.OperationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares one ref of a cached repo with the endpoint: one request for the ref's commit (repo info), cached for
 * the {@link CheckCache}'s time; for an outdated ref, one listing of the new commit (kept as long as a ref names
 * it), compared with the local snapshot by blob name. Requests go through the {@link RateLimit}; in offline mode
 * ({@code HF_HUB_OFFLINE}) none is made and only answers still within their time are used. Everything the
 * endpoint says has passed the Hub client's checks ({@code HubAnswers}) before it gets here.
 */
public final class UpdateChecker {

    private final HubClient client;
    private final boolean offline;
    private final CheckCache cache;
    private final RateLimit limit;

    /**
     * @param client  the endpoint to ask (in offline mode only its address is used, to find earlier answers)
     * @param offline true when {@code HF_HUB_OFFLINE} is set: no request at all
     */
    public UpdateChecker(HubClient client, boolean offline, CheckCache cache, RateLimit limit) {
        this.client = client;
        this.offline = offline;
        this.cache = cache;
        this.limit = limit;
    }

    /**
     * Offline mode as the official client reads it: {@code HF_HUB_OFFLINE} (or {@code TRANSFORMERS_OFFLINE}) is
     * 1, ON, YES or TRUE in any case.
     */
    public static boolean offlineMode(Environment env) {
        return java.util.stream.Stream.of("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE").map(env::get)
                .flatMap(Optional::stream).map(v -> v.strip().toUpperCase(java.util.Locale.ROOT))
                .anyMatch(v -> v.equals("1") || v.equals("ON") || v.equals("YES") || v.equals("TRUE"));
    }

    public boolean offline() {
        return offline;
    }

    public HubClient client() {
        return client;
    }

    /** Saves what was learnt, so the next check within the time asks nothing. */
    public void save() {
        cache.save();
    }

    /** The check and, for an outdated ref, what an update of it downloads. */
    record Outcome(RefCheck check, List<TreeEntry> listing, List<String> wanted, boolean everything) {
    }

    public RefCheck check(Path cacheDir, RepoType type, String repoId, String ref, String localCommit,
                          Cancellation cancel) throws CancelledException {
        return outcome(cacheDir, type, repoId, ref, localCommit, false, cancel).check();
    }

    /** @param ask true to ask the endpoint even when an answer within its time is cached (an update) */
    Outcome outcome(Path cacheDir, RepoType type, String repoId, String ref, String localCommit, boolean ask,
                    Cancellation cancel) throws CancelledException {
        String endpoint = client.endpoint().url().toString();
        Optional<CheckCache.Answer> known = ask && !offline ? Optional.empty() : cache.fresh(endpoint, type, repoId, ref);
        try {
            CheckCache.Answer answer;
            if (known.isPresent()) {
                answer = known.get();
            } else if (offline) {
                return new Outcome(new RefCheck(type, repoId, ref, localCommit, null, RefCheck.State.NOT_CHECKED,
                        List.of(), null, null), List.of(), List.of(), false);
            } else {
                limit.acquire(cancel);
                answer = new CheckCache.Answer(client.repoInfo(type, repoId, ref, cancel).sha(), cache.now());
                cache.remember(endpoint, type, repoId, ref, answer);
            }
            if (answer.commit().equals(localCommit)) {
                return new Outcome(new RefCheck(type, repoId, ref, localCommit, answer.commit(),
                        RefCheck.State.UP_TO_DATE, List.of(), answer.checkedAt(), null), List.of(), List.of(), false);
            }
            Optional<List<TreeEntry>> listing = cache.listing(endpoint, type, repoId, answer.commit());
            if (listing.isEmpty() && offline) {
                return new Outcome(new RefCheck(type, repoId, ref, localCommit, answer.commit(),
                        RefCheck.State.NOT_CHECKED, List.of(), answer.checkedAt(), null), List.of(), List.of(), false);
            }
            if (listing.isEmpty()) {
                limit.acquire(cancel);
                listing = Optional.of(client.listTree(type, repoId, answer.commit(), cancel));
                cache.rememberListing(endpoint, type, repoId, answer.commit(), listing.get());
            }
            var layout = new HubLayout(cacheDir, type, repoId);
            return diff(layout, type, repoId, ref, localCommit, answer, listing.get());
        } catch (CancelledException e) {
            throw e;
        } catch (HubException e) {
            return failed(type, repoId, ref, localCommit, e);
        } catch (IOException e) {
            return failed(type, repoId, ref, localCommit, new OperationException(UpdateMessages.of(
                    "update.error.readSnapshot", new HubLayout(cacheDir, type, repoId).snapshot(localCommit),
                    e.getMessage()), null, e));
        }
    }

    private static Outcome failed(RepoType type, String repoId, String ref, String localCommit, OperationException e) {
        return new Outcome(new RefCheck(type, repoId, ref, localCommit, null, RefCheck.State.FAILED, List.of(),
                null, e), List.of(), List.of(), false);
    }

    /**
     * Added, changed and removed files. The scope is what the cache holds of the old revision: a file its listing
     * names but the snapshot folder lacks was left out of the download on purpose (an include pattern), so it is
     * neither changed nor fetched; a new file counts as added when the old snapshot held every file of its commit
     * (or no listing says otherwise).
     */
    private static Outcome diff(HubLayout layout, RepoType type, String repoId, String ref, String localCommit,
                                CheckCache.Answer answer, List<TreeEntry> listing) throws IOException {
        LocalSnapshot local = LocalSnapshot.read(layout, localCommit);
        boolean takesNewFiles = !local.listed() || local.complete();
        Map<String, TreeEntry> remote = listing.stream()
                .collect(Collectors.toMap(TreeEntry::path, Function.identity(), (a, b) -> a));
        var changes = new ArrayList<FileChange>();
        var wanted = new ArrayList<String>();
        var fetching = new HashSet<String>();
        for (TreeEntry e : listing) {
            var old = local.entry(e.path());
            if (old.isPresent() && !old.get().present()) {
                continue; // left out of the old download
            }
            if (old.isEmpty() && !takesNewFiles) {
                continue;
            }
            wanted.add(e.path());
            FileChange.Kind kind;
            if (old.isEmpty()) {
                kind = FileChange.Kind.ADDED;
            } else if (old.get().etag() != null ? old.get().etag().equals(e.etag())
                    : local.contentMatches(e.path(), e.etag(), e.size())) {
                continue;
            } else {
                kind = FileChange.Kind.CHANGED;
            }
            boolean fetch = !Files.exists(layout.blob(e.etag())) && fetching.add(e.etag());
            changes.add(new FileChange(e.path(), kind, old.map(LocalSnapshot.Entry::etag).orElse(null), e.etag(),
                    e.size(), fetch ? e.size() : 0));
        }
        local.files().forEach((path, entry) -> {
            if (entry.present() && !remote.containsKey(path)) {
                changes.add(new FileChange(path, FileChange.Kind.REMOVED, entry.etag(), null, 0, 0));
            }
        });
        changes.sort(Comparator.comparing(FileChange::path));
        var check = new RefCheck(type, repoId, ref, localCommit, answer.commit(), RefCheck.State.OUTDATED, changes,
                answer.checkedAt(), null);
        return new Outcome(check, listing, wanted, wanted.size() == listing.size());
    }
}
