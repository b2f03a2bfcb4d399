package dev.modelkeeper.core.fs;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code stat(2)} per path with what disk accounting needs: apparent and allocated size, inode
 * identity and times. Uses glibc's {@code stat}/{@code lstat} through the FFM API on Linux x86_64 and
 * aarch64 (whose {@code struct stat} share the offsets read here); elsewhere falls back to NIO, where
 * allocated size equals apparent size and inode identity is the file key.
 */
public final class FileStats {

    /**
     * What one stat call tells. {@code fileKey} identifies the inode (dev+ino) for hard-link counting.
     * {@code lastChanged} is the inode change time (ctime), which no ordinary tool can set back, so an
     * in-place rewrite that restores the mtime still shows; on the NIO route it equals the mtime.
     */
    public record Stat(long size, long allocated, Object fileKey, Instant lastAccessed, Instant lastModified,
                       Instant lastChanged, boolean directory, boolean regularFile, boolean symbolicLink) {
    }

    /** dev and ino of a file: equal keys mean the same inode (a hard link or the same file). */
    public record InodeKey(long dev, long ino) {
    }

    private static final Native NATIVE = Native.load();
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;

    private FileStats() {
    }

    /** Stats the path following symlinks; empty when it does not exist (or the link dangles). */
    public static Optional<Stat> stat(Path path) {
        return NATIVE != null ? NATIVE.stat(path, true) : nio(path, true);
    }

    /** Stats the path itself, not following a symlink; empty when it does not exist. */
    public static Optional<Stat> lstat(Path path) {
        return NATIVE != null ? NATIVE.stat(path, false) : nio(path, false);
    }

    /** Whether the fast native route is in use (for diagnostics). */
    public static boolean isNative() {
        return NATIVE != null;
    }

    private static Optional<Stat> nio(Path path, boolean follow) {
        try {
            LinkOption[] options = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
            var a = Files.readAttributes(path, BasicFileAttributes.class, options);
            Object key = a.fileKey() != null ? a.fileKey() : path.toAbsolutePath().normalize();
            Instant modified = a.lastModifiedTime().toInstant();
            return Optional.of(new Stat(a.size(), a.size(), key, a.lastAccessTime().toInstant(),
                    modified, modified, a.isDirectory(), a.isRegularFile(), a.isSymbolicLink()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static final Charset JNU = jnuCharset();

    /**
     * The bytes the kernel knows {@code path} by. A name that is not valid in the JVM's file name encoding
     * (byte 0xff under UTF-8, any non-ASCII byte under LANG=C) comes back from {@code toString()} with
     * U+FFFD in its place, so those bytes are taken from the path's URI, which escapes each byte as it is.
     */
    static byte[] nativeName(Path path) {
        String s = path.toString();
        if (s.indexOf('\uFFFD') < 0) {
            return s.getBytes(JNU);
        }
        String raw = path.toUri().getRawPath();
        var out = new java.io.ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                out.write(Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        byte[] bytes = out.toByteArray();
        // toUri adds a '/' after a directory's name
        return bytes.length > 1 && bytes[bytes.length - 1] == '/' ? java.util.Arrays.copyOf(bytes, bytes.length - 1)
                : bytes;
    }

    private static Charset jnuCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** The glibc binding. struct stat offsets for x86_64 and aarch64 Linux. */
    private static final class Native {
        private static final long ST_DEV = 0;
        private static final long ST_INO = 8;
        private static final long ST_SIZE = 48;
        private static final long ST_BLOCKS = 64;
        private static final long ST_ATIME = 72;
        private static final long ST_MTIME = 88;
        private static final long ST_CTIME = 104;
        private static final int STRUCT_SIZE = 256;
        private final MethodHandle stat;
        private final MethodHandle lstat;
        private final long modeOffset;
        private final ThreadLocal<MemorySegment> buffers =
                ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(STRUCT_SIZE + 4096, 16));

        private Native(MethodHandle stat, MethodHandle lstat, long modeOffset) {
            this.stat = stat;
            this.lstat = lstat;
            this.modeOffset = modeOffset;
        }

        static Native load() {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            String arch = System.getProperty("os.arch", "");
            if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) {
                return null;
            }
            try {
                Linker linker = Linker.nativeLinker();
                var lookup = linker.defaultLookup();
                var desc = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
                MethodHandle stat = linker.downcallHandle(lookup.find("stat").orElseThrow(), desc);
                MethodHandle lstat = linker.downcallHandle(lookup.find("lstat").orElseThrow(), desc);
                long modeOffset = arch.equals("aarch64") ? 16 : 24;
                return new Native(stat, lstat, modeOffset);
            } catch (RuntimeException | LinkageError e) {
                return null; // no native access or no symbol: the NIO route still works
            }
        }

        Optional<Stat> stat(Path path, boolean follow) {
            MemorySegment buf = buffers.get();
            byte[] name = nativeName(path);
            if (name.length >= 4096) {
                return nio(path, follow);
            }
            MemorySegment pathSeg = buf.asSlice(STRUCT_SIZE, 4096);
            MemorySegment.copy(name, 0, pathSeg, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, name.length);
            pathSeg.set(java.lang.foreign.ValueLayout.JAVA_BYTE, name.length, (byte) 0);
            MemorySegment st = buf.asSlice(0, STRUCT_SIZE);
            int rc;
            try {
                rc = (int) (follow ? stat : lstat).invokeExact(pathSeg, st);
            } catch (Throwable t) {
                return nio(path, follow);
            }
            if (rc != 0) {
                return Optional.empty();
            }
            int mode = st.get(JAVA_INT, modeOffset) & S_IFMT;
            long blocks = st.get(JAVA_LONG, ST_BLOCKS);
            return Optional.of(new Stat(st.get(JAVA_LONG, ST_SIZE), blocks * 512,
                    new InodeKey(st.get(JAVA_LONG, ST_DEV), st.get(JAVA_LONG, ST_INO)),
                    time(st, ST_ATIME), time(st, ST_MTIME), time(st, ST_CTIME),
                    mode == S_IFDIR, mode == S_IFREG, mode == S_IFLNK));
        }

        private static Instant time(MemorySegment st, long offset) {
            return Instant.ofEpochSecond(st.get(JAVA_LONG, offset), st.get(JAVA_LONG, offset + 8));
        }
    }
}
