package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.env.AppPaths;
import dev.modelkeeper.core.env.CacheLocator;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.env.SettingsStore;
import dev.modelkeeper.core.fs.FileLocks;
import dev.modelkeeper.core.fs.FileSystemProbes;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The command line's composition root and dispatcher. Never loads JavaFX, so it runs over SSH, in a
 * container and in CI with no display. Exit codes: see {@link ExitCode}.
 */
public final class CliMain {

    private CliMain() {
    }

    /** The installed {@code modelkeeper} command: with no arguments it prints the help, never a window. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** What {@code modelkeeper} with no command says when there is no display to open the window on. */
    public static String noDisplayText() {
        return new CliTexts(Locale.getDefault()).get("noDisplay");
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Environment.system());
    }

    static int run(String[] args, PrintStream out, PrintStream err, Environment env) {
        var texts = new CliTexts(Locale.getDefault());
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            out.println(texts.get("usage"));
            return ExitCode.OK;
        }
        if (args[0].equals("--version")) {
            out.println("ModelKeeper " + version());
            return ExitCode.OK;
        }
        AppPaths.of(env).adoptEarlierState().forEach(err::println);
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "scan" -> scanCommand(env, texts, out, err).run(rest);
                case "download" -> new DownloadCommand(env, texts, out, err).run(rest);
                case "verify" -> new VerifyCommand(env, new SettingsStore(AppPaths.of(env).settingsFile()).load(), texts,
                        out, err).run(rest);
                case "migrate" -> new MigrateCommand(env, texts, out, err).run(rest);
                case "repair" -> new RepairCommand(env, new SettingsStore(AppPaths.of(env).settingsFile()).load(), texts,
                        out, err).run(rest);
                default -> usageError(err, texts, texts.format("error.unknownCommand", args[0]));
            };
        } catch (UsageException e) {
            return usageError(err, texts, e.getMessage());
        } catch (RuntimeException e) {
            err.println(texts.format("error.unexpected", String.valueOf(e.getMessage())));
            if (env.get("MODELKEEPER_DEBUG").isPresent()) {
                e.printStackTrace(err);
            }
            return ExitCode.FAILURE;
        }
    }

    private static ScanCommand scanCommand(Environment env, CliTexts texts, PrintStream out, PrintStream err) {
        var settings = new SettingsStore(AppPaths.of(env).settingsFile()).load();
        var scanner = new CacheScanner(FileSystemProbes.forCurrentOs(), FileLocks::isHeld);
        return new ScanCommand(new CacheLocator(env), settings, scanner, texts, out, err);
    }

    private static int usageError(PrintStream err, CliTexts texts, String message) {
        err.println(message);
        err.println(texts.get("usage.hint"));
        return ExitCode.USAGE;
    }

    static String version() {
        String v = CliMain.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
