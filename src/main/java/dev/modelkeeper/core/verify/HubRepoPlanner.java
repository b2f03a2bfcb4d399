package dev.modelkeeper.core.verify;

import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.CachedFile;
import dev.modelkeeper.core.cache.CachedFile.Storage;
import dev.modelkeeper.core.cache.Finding;
import dev.modelkeeper.core.cache.FindingKind;
import dev.modelkeeper.core.cache.IncompleteFile;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.Revision;
import dev.modelkeeper.core.cache.Severity;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.verify.StructureFindings.EntryInfo;
import dev.modelkeeper.core.verify.VerifyFinding.FileRef;
import dev.modelkeeper.core.verify.VerifyFinding.RepoRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Plans the verification of one hub repo: reports the scanner's structure findings, compares each
 * snapshot entry with the revision's listing (online or cached), gives the verdicts that need no
 * reading, and registers a content check for every blob whose bytes must be hashed.
 */
final class HubRepoPlanner {

    private final VerifyScope scope;
    private final OnlineCheck online;
    private final ContentChecks checks;
    private final Tally tally;

    HubRepoPlanner(VerifyScope scope, OnlineCheck online, ContentChecks checks, Tally tally) {
        this.scope = scope;
        this.online = online;
        this.checks = checks;
        this.tally = tally;
    }

    void plan(CacheScan scan, Repo repo, Cancellation cancel) throws CancelledException {
        var ref = new RepoRef(scan.root().path(), repo.type(), repo.repoId());
        List<Revision> revisions = repo.revisions().stream().filter(r -> scope.includesRevision(r.commitHash())).toList();
        Map<String, Listing> listings = listings(ref, repo, revisions, cancel);
        Map<Path, EntryInfo> entries = entriesInScope(revisions);
        var incomplete = scan.incompleteFiles().stream().filter(i -> i.path().startsWith(repo.repoPath())).toList();
        new StructureFindings(scope, repo, ref, incomplete, entries, listings).select().forEach(tally::finding);
        entries.values().forEach(e -> entry(ref, e, listings.get(e.commit()), incomplete));
        for (Revision rev : revisions) {
            Listing listing = listings.get(rev.commitHash());
            if (listing != null && listing.online()) {
                compareWithHub(ref, rev, listing, incomplete);
            }
        }
        if (scope.level() == VerifyScope.Level.FILE && entries.isEmpty()
                && scope.file().startsWith(repo.repoPath().resolve("blobs"))) {
            lonelyBlob(ref, scope.file());
        }
    }

    /** What each revision must hold: the Hub's listing when online and reachable, else the cached one. */
    private Map<String, Listing> listings(RepoRef ref, Repo repo, List<Revision> revisions, Cancellation cancel)
            throws CancelledException {
        var listings = new LinkedHashMap<String, Listing>();
        for (Revision rev : revisions) {
            online.listing(ref, rev, tally, cancel).or(() -> Listing.cached(repo.repoPath(), rev.commitHash()))
                    .ifPresent(l -> listings.put(rev.commitHash(), l));
        }
        return listings;
    }

    private Map<Path, EntryInfo> entriesInScope(List<Revision> revisions) {
        var entries = new LinkedHashMap<Path, EntryInfo>();
        for (Revision rev : revisions) {
            rev.files().stream().filter(f -> scope.includesFile(f.snapshotPath(), f.blobPath()))
                    .forEach(f -> entries.put(f.snapshotPath(), new EntryInfo(rev.commitHash(), f)));
        }
        return entries;
    }

    private void entry(RepoRef ref, EntryInfo e, Listing listing, List<IncompleteFile> incomplete) {
        CachedFile f = e.file();
        var fileRef = new FileRef(e.commit(), f.filePath());
        if (f.isMissing()) {
            tally.verdict(f.snapshotPath(), partial(incomplete, StructureFindings.etagOf(f.blobPath()))
                    ? Verdict.PARTIAL : Verdict.MISSING);
            return;
        }
        Listing.Expected expected = listing == null ? null : listing.get(f.filePath());
        String name = f.storage() == Storage.LINK || f.storage() == Storage.SHARED
                ? f.blobPath().getFileName().toString() : null;
        ExpectedDigest byName = ExpectedDigest.ofEtag(name);
        if (expected != null && byName != null && !expected.etag().equals(name)) {
            tally.finding(new VerifyFinding(Finding.of(FindingKind.WRONG_BLOB, f.snapshotPath(),
                    "blobs/" + name + " instead of blobs/" + expected.etag()), Optional.of(ref), List.of(fileRef),
                    expected.etag(), expected.size()));
            tally.verdict(f.snapshotPath(), Verdict.CORRUPT);
            checks.check(f.blobPath(), () -> new BlobCheck(f.blobPath(), byName, FindingKind.CHECKSUM_MISMATCH,
                    Optional.of(ref), -1));
            return;
        }
        ExpectedDigest digest = byName != null ? byName : expected != null ? ExpectedDigest.ofEtag(expected.etag()) : null;
        if (digest == null) {
            tally.verdict(f.snapshotPath(), Verdict.UNVERIFIED);
            return;
        }
        long size = expected != null ? expected.size() : -1;
        checks.check(f.blobPath(), () -> new BlobCheck(f.blobPath(), digest, FindingKind.CHECKSUM_MISMATCH,
                Optional.of(ref), -1)).use(new BlobCheck.User(f.snapshotPath(), fileRef), size);
    }

    /** Files the Hub lists that the snapshot lacks, and files it has that the Hub does not list. */
    private void compareWithHub(RepoRef ref, Revision rev, Listing listing, List<IncompleteFile> incomplete) {
        var local = new TreeSet<String>();
        rev.files().forEach(f -> local.add(f.filePath()));
        for (var e : new TreeMap<>(listing.files()).entrySet()) {
            Path entry = rev.snapshotPath().resolve(e.getKey());
            if (local.contains(e.getKey()) || !scope.includesFile(entry, null)) {
                continue;
            }
            // like the official verify, a file never downloaded (allow_patterns) only warns
            tally.finding(new VerifyFinding(new Finding(FindingKind.MISSING_FILE, Severity.WARNING, entry, e.getKey()),
                    Optional.of(ref), List.of(new FileRef(rev.commitHash(), e.getKey())), e.getValue().etag(),
                    e.getValue().size()));
            tally.verdict(entry, partial(incomplete, e.getValue().etag()) ? Verdict.PARTIAL : Verdict.MISSING);
        }
        for (CachedFile f : rev.files()) {
            if (listing.get(f.filePath()) == null && scope.includesFile(f.snapshotPath(), f.blobPath())) {
                tally.finding(new VerifyFinding(Finding.of(FindingKind.EXTRA_FILE, f.snapshotPath(), f.filePath()),
                        Optional.of(ref), List.of(new FileRef(rev.commitHash(), f.filePath())), null, -1));
            }
        }
    }

    /** A blob named on its own that no entry in scope uses (an orphan): judged by its name, its own verdict. */
    private void lonelyBlob(RepoRef ref, Path blob) {
        ExpectedDigest digest = ExpectedDigest.ofEtag(blob.getFileName().toString());
        if (digest == null || !Files.isRegularFile(blob)) {
            return;
        }
        checks.check(blob, () -> new BlobCheck(blob, digest, FindingKind.CHECKSUM_MISMATCH, Optional.of(ref), -1))
                .use(new BlobCheck.User(blob, null), -1);
    }

    private static boolean partial(List<IncompleteFile> incomplete, String etag) {
        return incomplete.stream().anyMatch(i -> StructureFindings.etagOf(i.path()).equals(etag));
    }
}
