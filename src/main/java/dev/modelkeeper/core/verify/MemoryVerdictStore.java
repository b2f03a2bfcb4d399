package dev.modelkeeper.core.verify;

import dev.modelkeeper.core.fs.HashAlgorithm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The memo in a map; {@link FileVerdictStore} adds loading and saving. */
class MemoryVerdictStore implements VerdictStore {

    /** What is known about one path: the identity the digests were computed at, and the digests. */
    record Entry(FileIdentity identity, Map<HashAlgorithm, String> digests) {
        Entry {
            digests = Map.copyOf(digests);
        }
    }

    final Map<Path, Entry> entries = new ConcurrentHashMap<>();
    /** Paths looked up or remembered since the store was opened: known to exist, so never pruned. */
    final Set<Path> seen = ConcurrentHashMap.newKeySet();
    volatile boolean dirty;

    @Override
    public Optional<String> recall(Path file, FileIdentity identity, HashAlgorithm algorithm) {
        Path key = key(file);
        seen.add(key);
        Entry e = entries.get(key);
        if (e == null || !e.identity().equals(identity)) {
            return Optional.empty();
        }
        return Optional.ofNullable(e.digests().get(algorithm));
    }

    @Override
    public void remember(Path file, FileIdentity identity, HashAlgorithm algorithm, String digest) {
        Path key = key(file);
        seen.add(key);
        entries.compute(key, (k, old) -> {
            var digests = new EnumMap<HashAlgorithm, String>(HashAlgorithm.class);
            if (old != null && old.identity().equals(identity)) {
                digests.putAll(old.digests());
            }
            digests.put(algorithm, digest);
            return new Entry(identity, digests);
        });
        dirty = true;
    }

    @Override
    public void save() throws IOException {
        // nothing to write
    }

    static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
