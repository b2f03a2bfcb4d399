package dev.modelkeeper.core.health;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.Severity;
import dev.modelkeeper.core.fs.MountTable.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What the filesystem under each cache root does to it, from the mount table: tmpfs forgets it at reboot, a
 * container's overlay layer with the container, a network filesystem lets two machines write it at once (flock
 * does not reach across machines there), a read-only mount takes no download, and a nearly full disk stops one.
 */
final class StorageCheck {

    private static final Set<String> MEMORY = Set.of("tmpfs", "ramfs");
    static final Set<String> NETWORK = Set.of("nfs", "nfs4", "lustre", "gpfs", "cifs", "smb3", "fuse.sshfs",
            "ceph", "fuse.ceph", "glusterfs", "fuse.glusterfs", "beegfs");

    private final Machine machine;
    private final boolean offline;
    private final Path hfHome;

    /**
     * @param offline whether offline mode is set: a read-only cache is then how it is meant to be
     * @param hfHome  the Hugging Face home, the folder a container should keep in a volume
     */
    StorageCheck(Machine machine, boolean offline, Path hfHome) {
        this.machine = machine;
        this.offline = offline;
        this.hfHome = hfHome;
    }

    List<Finding> run(List<CacheRoot> roots) {
        var out = new ArrayList<Finding>();
        for (CacheRoot root : roots) {
            Path existing = existingAncestor(root.path());
            Optional<Mount> mount = machine.mounts().find(existing);
            if (mount.isEmpty()) {
                continue;
            }
            Mount m = mount.get();
            String path = root.path().toString();
            String type = m.type();
            if (MEMORY.contains(type)) {
                out.add(Finding.of(Check.STORAGE, Severity.WARNING, "storage.tmpfs", root.path(),
                        new Object[] {path, type}, new Object[] {path}, false));
            } else if (type.equals("overlay") || type.equals("aufs")) {
                Path volume = root.path().startsWith(hfHome) ? hfHome : root.path();
                out.add(Finding.of(Check.STORAGE, Severity.WARNING, "storage.overlay", root.path(),
                        new Object[] {path}, new Object[] {volume.toString()}, false));
            } else if (NETWORK.contains(type)) {
                out.add(Finding.of(Check.STORAGE, Severity.WARNING, "storage.network", root.path(),
                        new Object[] {path, type, m.source()}, new Object[] {}, false));
            }
            if (m.readOnly()) {
                if (offline) {
                    out.add(Finding.info(Check.STORAGE, "storage.readOnlyOffline", root.path(), path));
                } else {
                    out.add(Finding.of(Check.STORAGE, Severity.WARNING, "storage.readOnly", root.path(),
                            new Object[] {path, m.mountPoint().toString()}, new Object[] {}, false));
                }
            }
            int limit = machine.thresholds().forRoot(root.path()).diskPercent();
            OptionalInt used = machine.space().usedPercent(existing);
            if (limit > 0 && used.isPresent() && used.getAsInt() > limit) {
                out.add(Finding.of(Check.STORAGE, Severity.WARNING, "storage.full", root.path(),
                        new Object[] {path, m.mountPoint().toString(), used.getAsInt(), limit}, new Object[] {path},
                        false));
            }
        }
        return out;
    }

    /** The root itself when it exists, else the folder above it that does (where it would be created), resolved. */
    static Path existingAncestor(Path path) {
        Path p = path.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return path.toAbsolutePath().getRoot();
        }
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }
}
