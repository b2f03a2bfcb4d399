package dev.modelkeeper.core.fs;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** Filesystem facts from {@link FileStore} alone (no mount table, no hazards). */
public final class BasicFileSystemProbe implements FileSystemProbe {

    @Override
    public Optional<FileSystemInfo> probe(Path path) {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.exists(path)) {
            return Optional.empty();
        }
        try {
            FileStore store = Files.getFileStore(existing);
            return Optional.of(new FileSystemInfo(existing.getRoot(), store.type(), store.name(),
                    store.getTotalSpace(), store.getUsableSpace(), Set.of()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
