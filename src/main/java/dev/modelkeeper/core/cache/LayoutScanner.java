package dev.modelkeeper.core.cache;

import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.ProgressListener;
import java.io.IOException;

/** Scans an existing, readable root of one layout. */
interface LayoutScanner {

    /** What a layout scanner gets to work with. */
    record ScanContext(CacheRoot root, ScanListener listener, ProgressListener progress, Cancellation cancellation) {
    }

    LayoutResult scan(ScanContext ctx) throws IOException, CancelledException;
}
