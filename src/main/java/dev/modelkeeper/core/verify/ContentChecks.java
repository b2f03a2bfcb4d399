package dev.modelkeeper.core.verify;

import dev.modelkeeper.core.cache.Finding;
import dev.modelkeeper.core.cache.FindingKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every content check planned for a run, one per stored file however many entries use it, and the
 * judging of them: what a size or the memo already decides, what must be hashed (one job per inode and
 * algorithm, so hard links and shared-store payloads are read once), and the verdicts a digest gives.
 */
final class ContentChecks {

    private final Map<Path, BlobCheck> checks = new LinkedHashMap<>();
    private final VerdictStore store;
    private final Tally tally;

    ContentChecks(VerdictStore store, Tally tally) {
        this.store = store;
        this.tally = tally;
    }

    /** The check for {@code path}, created on first use. */
    BlobCheck check(Path path, Supplier<BlobCheck> create) {
        return checks.computeIfAbsent(path, p -> create.get());
    }

    /**
     * Stats every checked file, settles what needs no reading (gone, wrong size, remembered) and
     * returns the jobs left to hash.
     */
    List<HashPool.Job> jobs() {
        var jobs = new LinkedHashMap<String, HashPool.Job>();
        for (BlobCheck c : checks.values()) {
            var identity = FileIdentity.of(c.path);
            if (identity.isEmpty()) {
                unreadable(c, "it vanished during the check");
                continue;
            }
            c.identity = identity.get();
            if (c.expectedSize >= 0 && c.identity.size() != c.expectedSize) {
                sizeMismatch(c);
                continue;
            }
            var algorithm = c.expected.algorithm();
            var remembered = store.recall(c.path, c.identity, algorithm);
            if (remembered.isPresent()) {
                tally.recalled();
                judge(c, remembered.get());
                continue;
            }
            String key = c.identity.inode() + "/" + algorithm;
            jobs.computeIfAbsent(key, k -> new HashPool.Job(c.path, algorithm, c.identity, new ArrayList<>()))
                    .checks().add(c);
        }
        return List.copyOf(jobs.values());
    }

    /** Applies a finished hash to every check waiting for it, and remembers it. */
    void done(HashPool.Result r) {
        var job = r.job();
        if (r.error() != null || r.digest().bytes() != job.identity().size()) {
            String why = r.error() != null ? String.valueOf(r.error().getMessage()) : "it changed while being read";
            job.checks().forEach(c -> unreadable(c, why));
            return;
        }
        tally.hashed(r.digest().bytes());
        store.remember(job.path(), job.identity(), job.algorithm(), r.digest().hex());
        job.checks().forEach(c -> judge(c, r.digest().hex()));
    }

    private void judge(BlobCheck c, String digest) {
        if (c.expected.matches(digest)) {
            verdicts(c, Verdict.VERIFIED);
            return;
        }
        FindingKind kind = c.mismatch == FindingKind.CHECKSUM_MISMATCH && c.identity.size() == 0
                ? FindingKind.EMPTY_BLOB : c.mismatch;
        String detail = c.expected.prefixOnly()
                ? "the name says " + c.expected.hex() + ", the content hashes to "
                        + digest.substring(0, c.expected.hex().length())
                : c.expected.algorithm().id() + " " + digest + ", expected " + c.expected.hex();
        report(c, Finding.of(kind, c.path, detail));
        verdicts(c, Verdict.CORRUPT);
    }

    private void sizeMismatch(BlobCheck c) {
        report(c, Finding.of(FindingKind.SIZE_MISMATCH, c.path, c.identity.size() + " bytes, expected "
                + c.expectedSize));
        verdicts(c, Verdict.CORRUPT);
    }

    private void unreadable(BlobCheck c, String why) {
        report(c, Finding.of(FindingKind.UNREADABLE, c.path, why));
        verdicts(c, Verdict.UNVERIFIED);
    }

    private void report(BlobCheck c, Finding f) {
        tally.finding(new VerifyFinding(f, c.repo, c.files(), c.etag(), c.expectedSize));
    }

    private void verdicts(BlobCheck c, Verdict v) {
        c.users.forEach(u -> tally.verdict(u.path(), v));
    }
}
