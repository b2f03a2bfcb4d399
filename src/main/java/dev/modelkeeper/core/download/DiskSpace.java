package dev.modelkeeper.core.download;

import dev.modelkeeper.core.fs.IoReasons;
import static dev.modelkeeper.core.download.DownloadMessages.BUNDLE;

import dev.modelkeeper.core.cache.SizeFormat;
import dev.modelkeeper.core.task.Message;
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
                throw new OperationException(new Message(BUNDLE, "download.error.diskFull", where, SizeFormat.bytes(bytes),
                        SizeFormat.bytes(reserve), SizeFormat.bytes(free)), where, null);
            }
        } catch (IOException e) {
            throw new OperationException(new Message(BUNDLE, "download.error.checkSpace", where, IoReasons.of(e)), where, e);
        }
    }
}
