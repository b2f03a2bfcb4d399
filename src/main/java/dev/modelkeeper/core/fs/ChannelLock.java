package dev.modelkeeper.core.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/** Windows: {@code FileChannel.lock} covers byte 0, which is what Python's filelock locks there. */
final class ChannelLock implements FileLocks.HeldLock {

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private ChannelLock(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    static Optional<FileLocks.HeldLock> tryLock(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = ch.tryLock(0, 1, false);
            if (lock != null) {
                return Optional.of(new ChannelLock(file, ch, lock));
            }
        } catch (OverlappingFileLockException e) {
            // held by this JVM
        }
        ch.close();
        return Optional.empty();
    }

    static boolean isHeld(Path file) throws IOException {
        var held = tryLock(file);
        held.ifPresent(h -> {
            try {
                h.close();
            } catch (IOException ignored) {
                // probing only
            }
        });
        return held.isEmpty();
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
