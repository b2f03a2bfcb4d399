package dev.modelkeeper.core.fs;

import dev.modelkeeper.core.fs.FileSystemInfo.Hazard;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Filesystem facts from the Linux mount table, with the hazards that make a cache vanish: tmpfs, a
 * container's overlay layer, a temp directory, a network filesystem.
 */
public final class LinuxFileSystemProbe implements FileSystemProbe {

    private static final Set<String> MEMORY = Set.of("tmpfs", "ramfs");
    private static final Set<String> LAYERED = Set.of("overlay", "aufs", "fuse-overlayfs");
    private static final Set<String> NETWORK = Set.of("nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs",
            "9p", "ceph", "fuse.ceph", "glusterfs", "fuse.glusterfs", "lustre", "gpfs", "fuse.rclone");

    private final Supplier<String> mountinfo;
    private final boolean inContainer;

    public LinuxFileSystemProbe(Supplier<String> mountinfo, boolean inContainer) {
        this.mountinfo = mountinfo;
        this.inContainer = inContainer;
    }

    /** Reads this process's mount table and container markers. */
    public static LinuxFileSystemProbe system() {
        return new LinuxFileSystemProbe(LinuxFileSystemProbe::readMountinfo,
                Files.exists(Path.of("/.dockerenv")) || Files.exists(Path.of("/run/.containerenv")));
    }

    @Override
    public Optional<FileSystemInfo> probe(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            return Optional.empty();
        }
        try {
            Path real = abs.toRealPath();
            FileStore store = Files.getFileStore(real);
            var mount = MountTable.parse(mountinfo.get()).find(real);
            String type = mount.map(MountTable.Mount::type).orElse(store.type());
            Path point = mount.map(MountTable.Mount::mountPoint).orElse(real.getRoot());
            String source = mount.map(MountTable.Mount::source).orElse(store.name());
            return Optional.of(new FileSystemInfo(point, type, source, store.getTotalSpace(),
                    store.getUsableSpace(), hazards(real, type)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    Set<Hazard> hazards(Path real, String type) {
        var hazards = EnumSet.noneOf(Hazard.class);
        if (MEMORY.contains(type)) {
            hazards.add(Hazard.TMPFS);
        }
        if (LAYERED.contains(type) && inContainer) {
            hazards.add(Hazard.CONTAINER_LAYER);
        }
        if (real.startsWith("/tmp") || real.startsWith("/var/tmp") || real.startsWith("/dev/shm")) {
            hazards.add(Hazard.TEMP_DIRECTORY);
        }
        if (NETWORK.contains(type)) {
            hazards.add(Hazard.NETWORK);
        }
        return hazards;
    }

    private static String readMountinfo() {
        return MountTable.currentText();
    }
}
