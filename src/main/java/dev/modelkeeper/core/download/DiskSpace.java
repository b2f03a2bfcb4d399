package dev.modelkeeper.core.download;

import dev.modelkeeper.core.cache.SizeFormat;
import dev.modelkeeper.core.task.OperationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Refuses work that would fill the disk, before anything is written. */
final class DiskSpace {

    /**
     * Head-room kept free besides what the work needs, so the system does not run dry: as much as the work
     * itself, up to 100 MB (a 3 MB download needs 6 MB free, a 10 GB one 10.1 GB).
     */
    static final long RESERVE = 100L * 1000 * 1000;

    static long reserveFor(long bytes) {
        return Math.min(RESERVE, bytes);
    }

    private DiskSpace() {
    }

    static void require(Path where, long bytes) throws OperationException {
        if (bytes == 0) {
            return;
        }
        Path existing = where.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            long free = Files.getFileStore(existing).getUsableSpace();
            long reserve = reserveFor(bytes);
            if (free < bytes + reserve) {
                throw new OperationException(String.format("Not enough free space in %s: the files need %s, and "
                        + "%s more is kept free so the disk does not run full; %s is free. Nothing was downloaded. "
                        + "Free some space or choose another cache folder.", where, SizeFormat.bytes(bytes),
                        SizeFormat.bytes(reserve), SizeFormat.bytes(free)), where);
            }
        } catch (IOException e) {
            throw new OperationException("Could not check the free space of " + where + ": " + e.getMessage(), where, e);
        }
    }
}
