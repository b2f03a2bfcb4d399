package dev.modelkeeper.core.ops;

import dev.modelkeeper.core.task.OperationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Refuses work that would fill the disk, before anything is written. */
final class DiskSpace {

    /** Head-room kept free besides what the work needs, so the system does not run dry. */
    static final long RESERVE = 100L * 1000 * 1000;

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
            if (free < bytes + RESERVE) {
                throw new OperationException(String.format("Not enough free space in %s: %,d bytes are needed and "
                        + "%,d are free. Nothing was downloaded. Free some space or choose another cache folder.",
                        where, bytes, free), where);
            }
        } catch (IOException e) {
            throw new OperationException("Could not check the free space of " + where + ": " + e.getMessage(), where, e);
        }
    }
}
