package dev.modelkeeper.core.repair;

import java.util.concurrent.locks.LockSupport;

/**
 * Test hook for the repair kill test: with the system property {@code modelkeeper.repair.crashAt} set
 * to a point's name, reaching that point prints {@code CRASHPOINT <name>} on stderr and parks the
 * thread for good, for the test to SIGKILL the process there. Without the property it does nothing.
 */
final class RepairCrashPoint {

    private static final String AT = System.getProperty("modelkeeper.repair.crashAt");

    private RepairCrashPoint() {
    }

    static void reach(String name) {
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
