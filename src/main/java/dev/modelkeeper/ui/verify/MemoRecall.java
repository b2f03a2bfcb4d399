package dev.modelkeeper.ui.verify;

import dev.modelkeeper.core.cache.CacheKind;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.CachedFile;
import dev.modelkeeper.core.cache.Finding;
import dev.modelkeeper.core.cache.FindingKind;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.Revision;
import dev.modelkeeper.core.verify.FileIdentity;
import dev.modelkeeper.core.verify.Verdict;
import dev.modelkeeper.core.verify.VerdictStore;
import dev.modelkeeper.core.verify.VerifyFinding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the verify memo already knows about a scanned cache: for each linked file whose blob is
 * unchanged since it was hashed (same size, times and inode), VERIFIED or CORRUPT, and a checksum
 * finding per corrupt blob that Repair can act on. One {@code stat} per blob, no reading. Runs off the
 * FX thread.
 */
final class MemoRecall {

    /** The verdicts by snapshot entry and the findings about corrupt blobs. */
    record Recalled(Map<Path, Verdict> verdicts, List<VerifyFinding> findings) {
    }

    private MemoRecall() {
    }

    static Recalled of(CacheScan scan, VerdictStore store) {
        var verdicts = new HashMap<Path, Verdict>();
        var findings = new ArrayList<VerifyFinding>();
        if (scan.kind() != CacheKind.HF_HUB) {
            return new Recalled(verdicts, findings);
        }
        for (Repo repo : scan.repos()) {
            var corrupt = new LinkedHashMap<Path, List<VerifyFinding.FileRef>>();
            for (Revision rev : repo.revisions()) {
                for (CachedFile f : rev.files()) {
                    recall(f, store).ifPresent(v -> {
                        verdicts.put(f.snapshotPath(), v);
                        if (v == Verdict.CORRUPT) {
                            corrupt.computeIfAbsent(f.blobPath(), b -> new ArrayList<>())
                                    .add(new VerifyFinding.FileRef(rev.commitHash(), f.filePath()));
                        }
                    });
                }
            }
            var ref = new VerifyFinding.RepoRef(scan.root().path(), repo.type(), repo.repoId());
            corrupt.forEach((blob, files) -> findings.add(new VerifyFinding(Finding.of(FindingKind.CHECKSUM_MISMATCH,
                    blob, "remembered from the last verify"), Optional.of(ref), files,
                    blob.getFileName().toString(), -1)));
        }
        return new Recalled(verdicts, findings);
    }

    private static Optional<Verdict> recall(CachedFile f, VerdictStore store) {
        if (f.storage() != CachedFile.Storage.LINK && f.storage() != CachedFile.Storage.SHARED) {
            return Optional.empty();
        }
        return FileIdentity.of(f.blobPath())
                .flatMap(id -> store.verdict(f.blobPath(), id, f.blobPath().getFileName().toString()));
    }
}
