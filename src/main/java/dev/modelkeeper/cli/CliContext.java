package dev.modelkeeper.cli;

import dev.modelkeeper.core.env.AppPaths;
import dev.modelkeeper.core.env.CacheLocator;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.env.Settings;
import dev.modelkeeper.core.env.SettingsStore;
import dev.modelkeeper.core.metrics.Counters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What every command is given by {@link CliMain}: the environment, the texts, the two streams, the runner, and
 * the question asked on a terminal before something is deleted.
 */
record CliContext(Environment env, CliTexts texts, PrintStream out, PrintStream err, CommandRunner runner,
                  Confirmation confirmation) {

    /** Asks the user a yes/no question; empty when there is nobody to ask (no terminal). */
    @FunctionalInterface
    interface Confirmation {
        Confirmation NO_TERMINAL = question -> java.util.Optional.empty();

        java.util.Optional<Boolean> ask(String question);
    }

    /** A context without a terminal to ask on. */
    CliContext(Environment env, CliTexts texts, PrintStream out, PrintStream err, CommandRunner runner) {
        this(env, texts, out, err, runner, Confirmation.NO_TERMINAL);
    }

    /** The window's settings (added folders, Hub endpoint), read when a command needs them. */
    Settings settings() {
        return new SettingsStore(AppPaths.of(env).settingsFile()).load();
    }

    /**
     * Adds to the counters the metrics report (downloads, the last verify). A failure is said on stderr and
     * changes nothing else: the command itself succeeded.
     */
    void count(CounterUpdate update) {
        Path state = AppPaths.of(env).stateDir();
        try {
            update.apply(Counters.in(state));
        } catch (IOException e) {
            err.println(texts.format("metrics.countersFailed", state, e.getMessage()));
        }
    }

    /** One change to the counters. */
    interface CounterUpdate {
        void apply(Counters counters) throws IOException;
    }

    CacheLocator locator() {
        return new CacheLocator(env);
    }

    /** A wrong command line found after parsing: said like picocli's own errors, exit code 2. */
    ParameterException usageError(CommandSpec spec, String key, Object... args) {
        return new ParameterException(spec.commandLine(), texts.format(key, args));
    }
}
