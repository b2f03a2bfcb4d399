package dev.modelkeeper.core.cleanup;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Test hook for the cleanup kill test: with the system property {@code modelkeeper.cleanup.crashAt} set to
 * {@code KIND:N} (say {@code BLOB:500}), the N-th removal of that kind having been done prints
 * {@code CRASHPOINT KIND:N} on stderr and parks the thread for good, for the test to SIGKILL the process there.
 * Without the property it does nothing.
 */
final class CleanupCrashPoint {

    private static final String AT = System.getProperty("modelkeeper.cleanup.crashAt");
    private static final Map<CleanupPlan.Kind, Integer> DONE = new EnumMap<>(CleanupPlan.Kind.class);

    private CleanupCrashPoint() {
    }

    static void reach(CleanupPlan.Removal removal) {
        if (AT == null) {
            return;
        }
        String name;
        synchronized (DONE) {
            name = removal.kind().name() + ":" + DONE.merge(removal.kind(), 1, Integer::sum);
        }
        if (!name.equals(AT)) {
            return;
        }
        System.err.println("CRASHPOINT " + name);
        System.err.flush();
        for (;;) {
            LockSupport.park(); // only the kill ends this
        }
    }
}
