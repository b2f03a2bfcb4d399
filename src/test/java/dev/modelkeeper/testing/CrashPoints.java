package dev.modelkeeper.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** For kill -9 tests: waits until a child process reports {@code CRASHPOINT <name>} on its stderr. */
public final class CrashPoints {

    private CrashPoints() {
    }

    /** True once the child printed the crash point, false if it ended (or {@code seconds} passed) first. */
    public static boolean reached(Process child, String point, long seconds) throws Exception {
        var marker = CompletableFuture.supplyAsync(() -> {
            try (var err = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    if (line.equals("CRASHPOINT " + point)) {
                        return true;
                    }
                }
            } catch (Exception ignored) {
                // the process went away
            }
            return false;
        });
        return marker.get(seconds, TimeUnit.SECONDS);
    }
}
