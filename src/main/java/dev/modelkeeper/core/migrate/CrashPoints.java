package dev.modelkeeper.core.migrate;

import java.util.function.Consumer;

/**
 * Test hooks. For the kill tests: when the system property {@code modelkeeper.migrate.crashAt} names the
 * point reached, the process says so on stderr and stops dead there, waiting for the test to kill it
 * with SIGKILL. For tests in this process: {@link #onReach} is told every point reached (to change the
 * disk at that instant, as another program could). Without either this does nothing.
 */
final class CrashPoints {

    private static final String TARGET = System.getProperty("modelkeeper.migrate.crashAt");

    /** Set by a test, reset by it afterwards; null otherwise. */
    static volatile Consumer<String> onReach;

    private CrashPoints() {
    }

    static void reach(String point) {
        Consumer<String> hook = onReach;
        if (hook != null) {
            hook.accept(point);
        }
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
