package dev.modelkeeper.core.health;

import dev.modelkeeper.core.migrate.EnvironmentExport;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The fixes a window may run for the user, because they change nothing a user could lose. Today one: a cache
 * variable set in this shell only is written to the login environment ({@code ~/.config/environment.d} and
 * {@code ~/.profile}, the files {@code migrate --env} writes and {@code --undo} takes out again).
 */
public final class SafeFix {

    private SafeFix() {
    }

    /** Whether {@link #apply} can carry out this finding's fix. */
    public static boolean offered(Finding finding) {
        return finding.safeFix() && "env.shellOnly".equals(finding.code()) && finding.fixMessage().isPresent()
                && finding.fixMessage().get().args().length == 2;
    }

    /** Carries out the fix for the user whose home is {@code home}. */
    public static void apply(Finding finding, Path home) throws IOException {
        if (!offered(finding)) {
            throw new IllegalArgumentException("no safe fix for " + finding.code());
        }
        Object[] args = finding.fixMessage().orElseThrow().args();
        new EnvironmentExport(home).write(String.valueOf(args[0]), String.valueOf(args[1]));
    }
}
