package dev.modelkeeper.cli;

import dev.modelkeeper.core.env.Environment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the command line in this process for tests outside the cli package: {exit code, stdout, stderr}. */
public final class CliMainAccess {

    private CliMainAccess() {
    }

    public static String[] run(Map<String, String> env, Path home, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = CliMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new Environment(env, home, Environment.Os.LINUX));
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }
}
