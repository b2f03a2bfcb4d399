package dev.modelkeeper.core.fs;

import java.nio.file.Path;
import java.util.Set;

/**
 * Facts about the filesystem a path lives on.
 *
 * @param mountPoint  where that filesystem is mounted
 * @param type        filesystem type from the mount table ({@code ext4}, {@code tmpfs}, {@code overlay} ...)
 * @param device      the mounted device or source
 * @param totalBytes  size of the filesystem
 * @param usableBytes bytes this process may still write
 * @param hazards     reasons the data there may vanish; empty when it is a normal persistent disk
 */
public record FileSystemInfo(
        Path mountPoint,
        String type,
        String device,
        long totalBytes,
        long usableBytes,
        Set<Hazard> hazards) {

    public FileSystemInfo {
        hazards = Set.copyOf(hazards);
    }

    /** Why a location may lose its content. */
    public enum Hazard {
        /** tmpfs/ramfs: emptied at every reboot. */
        TMPFS,
        /** A container's overlay layer: gone with the container. */
        CONTAINER_LAYER,
        /** Under /tmp or /var/tmp: cleaned by the system. */
        TEMP_DIRECTORY,
        /** A network filesystem: can disappear and may not support locks. */
        NETWORK
    }

    public long usedBytes() {
        return Math.max(0, totalBytes - usableBytes);
    }

    public boolean isEphemeral() {
        return hazards.contains(Hazard.TMPFS) || hazards.contains(Hazard.CONTAINER_LAYER)
                || hazards.contains(Hazard.TEMP_DIRECTORY);
    }
}
