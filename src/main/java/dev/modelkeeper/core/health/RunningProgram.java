package dev.modelkeeper.core.health;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One process as {@code /proc/<pid>} shows it: the environment it was started with ({@code environ}), its working
 * folder ({@code cwd}) and its command line ({@code cmdline}). Only readable for this user's own processes.
 *
 * @param pid         the process id
 * @param environment its variables at start (a program that changes {@code os.environ} later is not seen)
 * @param cwd         its working folder, or null when unreadable
 * @param arguments   its command line
 */
record RunningProgram(long pid, Map<String, String> environment, Path cwd, List<String> arguments) {

    /** Reads {@code dir} ({@code <proc>/<pid>}); empty when it is gone, not ours, or a kernel thread. */
    static Optional<RunningProgram> read(Path dir, long pid) {
        try {
            List<String> args = split(Files.readAllBytes(dir.resolve("cmdline")));
            if (args.isEmpty()) {
                return Optional.empty();
            }
            var vars = new HashMap<String, String>();
            for (String entry : split(Files.readAllBytes(dir.resolve("environ")))) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    vars.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
            Path cwd;
            try {
                cwd = Files.readSymbolicLink(dir.resolve("cwd"));
            } catch (IOException | UnsupportedOperationException e) {
                cwd = null;
            }
            return Optional.of(new RunningProgram(pid, vars, cwd, args));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The command as a user would type it, shortened to 60 characters. */
    String command() {
        String c = String.join(" ", arguments);
        return c.length() > 60 ? c.substring(0, 59) + "…" : c;
    }

    /** The program's file name ({@code python3.11} of {@code /usr/bin/python3.11}). */
    String program() {
        String first = arguments.getFirst();
        return first.substring(first.lastIndexOf('/') + 1);
    }

    private static List<String> split(byte[] nulSeparated) {
        var out = new ArrayList<String>();
        int start = 0;
        for (int i = 0; i <= nulSeparated.length; i++) {
            if (i == nulSeparated.length || nulSeparated[i] == 0) {
                if (i > start) {
                    out.add(new String(nulSeparated, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return out;
    }
}
