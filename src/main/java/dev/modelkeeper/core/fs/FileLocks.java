package dev.modelkeeper.core.fs;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Lock files shared with the official Python client, which uses BSD {@code flock(2)} on Linux and
 * macOS. Java's {@code FileChannel.lock} takes POSIX record locks there, which do NOT exclude flock
 * holders, so flock is called through the FFM API. Lock files are created with mode 0664 (as the
 * official client does since 1.4) and left in place after release.
 */
public final class FileLocks {

    private static final Flock FLOCK = Flock.load();

    private FileLocks() {
    }

    /** A lock this process holds; closing releases it (the file stays). */
    public interface HeldLock extends AutoCloseable {
        Path path();

        @Override
        void close() throws IOException;
    }

    /** Takes the lock if nobody holds it, creating the file and its folders; empty when held elsewhere. */
    public static Optional<HeldLock> tryLock(Path lockFile) throws IOException {
        Files.createDirectories(lockFile.toAbsolutePath().getParent());
        if (FLOCK == null) {
            return ChannelLock.tryLock(lockFile);
        }
        int fd = FLOCK.open(lockFile, true);
        if (FLOCK.tryExclusive(fd)) {
            return Optional.of(new FlockHold(lockFile, fd));
        }
        FLOCK.close(fd);
        return Optional.empty();
    }

    /** Waits for the lock, polling, until it is free or the cancellation is triggered. */
    public static HeldLock lock(Path lockFile, Cancellation cancel) throws IOException, CancelledException {
        return lock(lockFile, cancel, () -> { });
    }

    /** As {@link #lock(Path, Cancellation)}; {@code onWait} runs once when another holder makes it wait. */
    public static HeldLock lock(Path lockFile, Cancellation cancel, Runnable onWait)
            throws IOException, CancelledException {
        boolean told = false;
        while (true) {
            var held = tryLock(lockFile);
            if (held.isPresent()) {
                return held.get();
            }
            if (!told) {
                told = true;
                onWait.run();
            }
            cancel.throwIfCancelled();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            }
        }
    }

    /** Whether another open file holds the lock now. A missing file is not held and is not created. */
    public static boolean isHeld(Path lockFile) {
        if (!Files.exists(lockFile)) {
            return false;
        }
        try {
            if (FLOCK == null) {
                return ChannelLock.isHeld(lockFile);
            }
            int fd = FLOCK.open(lockFile, false);
            boolean free = FLOCK.tryExclusive(fd);
            FLOCK.close(fd); // closing our descriptor also drops the probe lock
            return !free;
        } catch (IOException e) {
            return false;
        }
    }

    private record FlockHold(Path path, int fd) implements HeldLock {
        @Override
        public void close() throws IOException {
            FLOCK.close(fd);
        }
    }

    /** The libc binding: open, flock, close, with errno captured. */
    private static final class Flock {
        private static final int LOCK_EX = 2;
        private static final int LOCK_NB = 4;
        private static final int EINTR = 4;
        private final MethodHandle open;
        private final MethodHandle flock;
        private final MethodHandle close;
        private final VarHandle errno;
        private final MemoryLayout capture;
        private final int oCreat;
        private final int oCloexec;
        private final int oNofollow;
        private final int eWouldBlock;

        private Flock(Linker linker, boolean mac) {
            var libc = linker.defaultLookup();
            var errnoOpt = Linker.Option.captureCallState("errno");
            capture = Linker.Option.captureStateLayout();
            errno = capture.varHandle(MemoryLayout.PathElement.groupElement("errno"));
            open = linker.downcallHandle(libc.find("open").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), errnoOpt,
                    Linker.Option.firstVariadicArg(2));
            flock = linker.downcallHandle(libc.find("flock").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), errnoOpt);
            close = linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
            oCreat = mac ? 0x200 : 0100;
            oCloexec = mac ? 0x1000000 : 02000000;
            oNofollow = mac ? 0x100 : 0400000;
            eWouldBlock = mac ? 35 : 11;
        }

        static Flock load() {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            if (!os.contains("linux") && !os.contains("mac")) {
                return null;
            }
            try {
                return new Flock(Linker.nativeLinker(), os.contains("mac"));
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }

        int open(Path path, boolean create) throws IOException {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = arena.allocate(capture);
                // O_RDWR; never through a link: a lock file planted as a link must not create or open a file elsewhere
                int flags = 02 | oCloexec | oNofollow | (create ? oCreat : 0);
                int fd = (int) open.invokeExact(state, arena.allocateFrom(path.toString()), flags, 0664);
                if (fd < 0) {
                    int err = (int) errno.get(state, 0L);
                    throw new IOException("Cannot open lock file " + path + (err == 40 || err == 62
                            ? " (it is a symbolic link; remove it)" : " (errno " + err + ")"));
                }
                return fd;
            } catch (IOException e) {
                throw e;
            } catch (Throwable t) {
                throw new IOException("Cannot open lock file " + path, t);
            }
        }

        boolean tryExclusive(int fd) throws IOException {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = arena.allocate(capture);
                while (true) {
                    int rc = (int) flock.invokeExact(state, fd, LOCK_EX | LOCK_NB);
                    if (rc == 0) {
                        return true;
                    }
                    int err = (int) errno.get(state, 0L);
                    if (err == eWouldBlock) {
                        return false;
                    }
                    if (err != EINTR) {
                        throw new IOException("This filesystem does not support file locks (errno " + err + ")");
                    }
                }
            } catch (IOException e) {
                throw e;
            } catch (Throwable t) {
                throw new IOException("flock failed", t);
            }
        }

        void close(int fd) throws IOException {
            try {
                int rc = (int) close.invokeExact(fd);
                if (rc != 0) {
                    throw new IOException("close failed for lock descriptor " + fd);
                }
            } catch (IOException e) {
                throw e;
            } catch (Throwable t) {
                throw new IOException(t);
            }
        }
    }
}
