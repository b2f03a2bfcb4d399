package dev.modelkeeper.core.verify;

import dev.modelkeeper.core.fs.HashAlgorithm;
import dev.modelkeeper.core.env.AppPaths;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Remembers what verify computed, keyed by absolute path and {@link FileIdentity} (size, mtime, ctime,
 * inode), so that verifying an unchanged cache again costs one {@code stat} per blob and no reading.
 *
 * <p>It keeps the digest rather than a bare verdict, because one file can be judged against different
 * expectations: its blob name offline, the Hub's listing online, a tree listing in copy mode, a hash
 * prefix for torch checkpoints. {@link #verdict} turns it into VERIFIED or CORRUPT for a given blob name.
 * A changed identity forgets the file. Implementations are thread-safe.
 */
public interface VerdictStore {

    /** The digest remembered for {@code file}, if it was computed while the file had this identity. */
    Optional<String> recall(Path file, FileIdentity identity, HashAlgorithm algorithm);

    void remember(Path file, FileIdentity identity, HashAlgorithm algorithm, String digest);

    /** Writes the memo where it came from (atomically); does nothing for an in-memory store. */
    void save() throws IOException;

    /** VERIFIED or CORRUPT for a file that must hash to {@code etag}, if the memo knows; else empty. */
    default Optional<Verdict> verdict(Path file, FileIdentity identity, String etag) {
        HashAlgorithm algorithm = HashAlgorithm.forEtag(etag);
        if (algorithm == null) {
            return Optional.empty();
        }
        return recall(file, identity, algorithm).map(d -> d.equals(etag) ? Verdict.VERIFIED : Verdict.CORRUPT);
    }

    /**
     * This store, recalling nothing but still remembering what is computed now ({@code verify --full}):
     * every file is read again and the memo is refreshed.
     */
    default VerdictStore recallingNothing() {
        VerdictStore self = this;
        return new VerdictStore() {
            @Override
            public Optional<String> recall(Path file, FileIdentity identity, HashAlgorithm algorithm) {
                return Optional.empty();
            }

            @Override
            public void remember(Path file, FileIdentity identity, HashAlgorithm algorithm, String digest) {
                self.remember(file, identity, algorithm, digest);
            }

            @Override
            public void save() throws IOException {
                self.save();
            }
        };
    }

    /** A memo that lives as long as the object (tests, or a window that must not write). */
    static VerdictStore inMemory() {
        return new MemoryVerdictStore();
    }

    /** The memo persisted in {@code file}; a missing or unreadable file starts it empty and is rewritten. */
    static VerdictStore open(Path file) {
        return FileVerdictStore.load(file);
    }

    /** Where the application keeps its memo: {@code <cache dir>/verified-files.json} (deleting it costs a full read). */
    static Path defaultFile(AppPaths paths) {
        return paths.cacheDir().resolve("verified-files.json");
    }
}
