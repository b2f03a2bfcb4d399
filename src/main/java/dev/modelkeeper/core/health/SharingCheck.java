package dev.modelkeeper.core.health;

import dev.modelkeeper.core.cache.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A cache a group shares: one whose root is group-writable or setgid while its group has members besides the
 * owner. Then every folder must be group-writable (or the others' downloads fail and go elsewhere) and setgid (or
 * new files get their creator's group), and no Hub token may lie in it.
 */
final class SharingCheck {

    private static final int SETGID = 02000;
    private static final int GROUP_WRITE = 020;
    private static final int GROUP_READ = 040;
    /** Deep enough for {@code cache/models--x/snapshots/<commit>} and {@code .locks/<repo>}; the rest inherits. */
    private static final int DEPTH = 4;
    private static final int MAX_FOLDERS = 20_000;

    private final Machine machine;

    SharingCheck(Machine machine) {
        this.machine = machine;
    }

    /** A folder's mode, owner and group, or empty when it cannot be read (not POSIX, gone). */
    record Owner(int mode, String owner, long gid, String group) {

        static Optional<Owner> of(Path p) {
            try {
                int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                long gid = ((Number) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS)).longValue();
                var attrs = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                return Optional.of(new Owner(mode, attrs.owner().getName(), gid, attrs.group().getName()));
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /** The others in the folder's group, when it is shared; empty when it is not. */
    Set<String> sharedWith(Owner o) {
        if ((o.mode() & (GROUP_WRITE | SETGID)) == 0) {
            return Set.of();
        }
        var others = new LinkedHashSet<>(machine.accounts().members(o.gid()));
        others.remove(o.owner());
        return others;
    }

    List<Finding> run(List<Path> hubCaches, Path hfHome) {
        var out = new ArrayList<Finding>();
        for (Path cache : hubCaches) {
            Optional<Owner> owner = Files.isDirectory(cache) ? Owner.of(cache) : Optional.empty();
            if (owner.isEmpty() || sharedWith(owner.get()).isEmpty()) {
                continue;
            }
            folders(cache, owner.get(), out);
        }
        token(hfHome, out);
        return out;
    }

    private void folders(Path cache, Owner root, List<Finding> out) {
        var notWritable = new ArrayList<Path>();
        var noSetgid = new ArrayList<Path>();
        try (Stream<Path> walk = Files.walk(cache, DEPTH)) {
            walk.limit(MAX_FOLDERS * 4L).filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).limit(MAX_FOLDERS)
                    .forEach(p -> Owner.of(p).ifPresent(o -> {
                        if ((o.mode() & GROUP_WRITE) == 0) {
                            notWritable.add(p);
                        }
                        if ((o.mode() & SETGID) == 0) {
                            noSetgid.add(p);
                        }
                    }));
        } catch (IOException | java.io.UncheckedIOException e) {
            // what could be read is judged
        }
        String others = String.join(", ", sharedWith(root));
        if (!notWritable.isEmpty()) {
            out.add(Finding.of(Check.SHARING, Severity.WARNING, "sharing.notGroupWritable", notWritable.getFirst(),
                    new Object[] {notWritable.size(), cache.toString(), root.group(), notWritable.getFirst().toString(), others},
                    new Object[] {cache.toString()}, true));
        }
        if (!noSetgid.isEmpty()) {
            out.add(Finding.of(Check.SHARING, Severity.WARNING, "sharing.noSetgid", noSetgid.getFirst(),
                    new Object[] {noSetgid.size(), cache.toString(), noSetgid.getFirst().toString(), root.group()},
                    new Object[] {cache.toString(), root.group()}, true));
        }
    }

    private void token(Path hfHome, List<Finding> out) {
        Path token = hfHome.resolve("token");
        if (!Files.isRegularFile(token, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Optional<Owner> home = Owner.of(hfHome);
        Optional<Owner> file = Owner.of(token);
        if (home.isEmpty() || file.isEmpty() || sharedWith(home.get()).isEmpty()) {
            return;
        }
        boolean readable = (file.get().mode() & GROUP_READ) != 0 && file.get().gid() == home.get().gid();
        out.add(Finding.of(Check.SHARING, readable ? Severity.ERROR : Severity.WARNING,
                readable ? "sharing.tokenReadable" : "sharing.token", token,
                new Object[] {token.toString(), home.get().group(), String.join(", ", sharedWith(home.get()))},
                new Object[] {token.toString()}, false));
    }
}
