package dev.modelkeeper.core.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which running processes hold files open or mapped, read from {@code /proc} on Linux: the descriptors
 * ({@code /proc/PID/fd}) and the mappings ({@code /proc/PID/maps}, where model loaders mmap safetensors).
 * One pass over {@code /proc} builds a snapshot, which then answers for any number of files, so a plan that
 * deletes or relinks 10,000 files reads {@code /proc} once. Processes we may not read (another user's, or
 * gone meanwhile) are skipped, and so is this process itself (its own files are its business); elsewhere
 * than Linux the snapshot is empty ("unknown", never an error).
 */
public final class OpenFiles {

    /** A process holding a file: its name ({@code /proc/PID/comm}) and id, "python3 (PID 4211)". */
    public record Holder(String name, long pid) {
        @Override
        public String toString() {
            return name + " (PID " + pid + ")";
        }
    }

    private final Map<Path, List<Holder>> byPath;
    private final boolean known;

    private OpenFiles(Map<Path, List<Holder>> byPath, boolean known) {
        this.byPath = byPath;
        this.known = known;
    }

    /** The open and mapped files of every process we may read, now. */
    public static OpenFiles snapshot() {
        return snapshot(Path.of("/proc"));
    }

    static OpenFiles snapshot(Path proc) {
        if (!Files.isDirectory(proc.resolve("self/fd"))) {
            return new OpenFiles(Map.of(), false);
        }
        var byPath = new HashMap<Path, List<Holder>>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> isNumber(p.getFileName().toString()))) {
            for (Path dir : pids) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (pid != self) {
                    readProcess(dir, pid, byPath);
                }
            }
        } catch (IOException e) {
            return new OpenFiles(Map.of(), false);
        }
        return new OpenFiles(byPath, true);
    }

    /** An empty snapshot: nothing known to be open (for callers that do not look). */
    public static OpenFiles none() {
        return new OpenFiles(Map.of(), false);
    }

    /** Whether {@code /proc} could be read at all; false means "unknown", not "nothing open". */
    public boolean isKnown() {
        return known;
    }

    /** Who holds {@code file} open or mapped (the path as the kernel names it: absolute, links resolved). */
    public List<Holder> holders(Path file) {
        return byPath.getOrDefault(real(file), List.of());
    }

    /** Who holds {@code file}, or any file under it when it is a folder. */
    public List<Holder> holdersUnder(Path fileOrFolder) {
        Path root = real(fileOrFolder);
        var found = new ArrayList<Holder>();
        byPath.forEach((path, holders) -> {
            if (path.startsWith(root)) {
                holders.stream().filter(h -> !found.contains(h)).forEach(found::add);
            }
        });
        return found;
    }

    /** The first holder of {@code fileOrFolder} or anything under it, for a sentence "in use by …". */
    public Optional<Holder> firstHolder(Path fileOrFolder) {
        return holdersUnder(fileOrFolder).stream().findFirst();
    }

    private static void readProcess(Path dir, long pid, Map<Path, List<Holder>> byPath) {
        String name;
        try {
            name = Files.readString(dir.resolve("comm")).strip();
        } catch (IOException e) {
            return; // gone
        }
        var holder = new Holder(name, pid);
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(dir.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    add(byPath, Files.readSymbolicLink(fd).toString(), holder);
                } catch (IOException | UnsupportedOperationException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException | SecurityException e) {
            // not ours to read
        }
        try (var lines = Files.lines(dir.resolve("maps"))) {
            lines.forEach(line -> {
                int slash = line.indexOf('/');
                if (slash > 0) {
                    add(byPath, line.substring(slash), holder);
                }
            });
        } catch (IOException | java.io.UncheckedIOException | SecurityException e) {
            // not ours to read
        }
    }

    private static void add(Map<Path, List<Holder>> byPath, String target, Holder holder) {
        // sockets, pipes and anonymous maps are not paths; a deleted file still open reads "… (deleted)"
        if (!target.startsWith("/") || target.endsWith(" (deleted)")) {
            return;
        }
        try {
            List<Holder> list = byPath.computeIfAbsent(Path.of(target), p -> new ArrayList<>(1));
            if (!list.contains(holder)) {
                list.add(holder);
            }
        } catch (java.nio.file.InvalidPathException ignored) {
            // a name the JVM cannot represent
        }
    }

    private static Path real(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        try {
            return abs.toRealPath(); // the kernel names what is open by its real path (a snapshot link: its blob)
        } catch (IOException e) {
            return abs;
        }
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
