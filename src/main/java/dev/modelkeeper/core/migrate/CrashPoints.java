package dev.modelkeeper.core.migrate;

/**
 * Test hook for the kill tests: when the system property {@code modelkeeper.migrate.crashAt} names the
 * point reached, the process says so on stderr and stops dead there, waiting for the test to kill it
 * with SIGKILL. Without the property this does nothing.
 */
final class CrashPoints {

    private static final String TARGET = System.getProperty("modelkeeper.migrate.crashAt");

    private CrashPoints() {
    }

    static void reach(String point) {
        if (TARGET != null && TARGET.equals(point)) {
            System.err.println("CRASHPOINT " + point);
            System.err.flush();
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException ignored) {
                    // only SIGKILL ends this
                }
            }
        }
    }
}
