package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.CacheScanner;
import dev.modelkeeper.core.cache.ScanIndex;
import dev.modelkeeper.core.env.AppPaths;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.fs.FileLocks;
import dev.modelkeeper.core.fs.FileSystemProbes;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.HelpCommand;

/**
 * The command line's composition root: builds the commands on picocli and runs one. Never loads JavaFX, so
 * it runs over SSH, in a container and in CI with no display. Exit codes: see {@link ExitCode}.
 */
public final class CliMain {

    /** The help's width, fixed so that the usage in docs/cli.md is the same on every machine. */
    static final int HELP_WIDTH = 80;

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
        boolean terminal = err == System.err && System.console() != null && System.console().isTerminal();
        var texts = new CliTexts(Locale.getDefault());
        CliContext.Confirmation confirmation = terminal ? question -> {
            String answer = System.console().readLine("%s ", question);
            return java.util.Optional.of(answer != null && java.util.List.of(texts.get("confirm.yes").split(","))
                    .contains(answer.strip().toLowerCase(Locale.ROOT)));
        } : CliContext.Confirmation.NO_TERMINAL;
        CommandLine cl = commandLine(new CliContext(env, texts, out, err, new CommandRunner(texts, err, terminal),
                confirmation), terminal);
        cl.setExecutionStrategy(parsed -> {
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) {
                return help;
            }
            if (parsed.hasSubcommand()) {
                AppPaths.of(env).adoptEarlierState().forEach(err::println);
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        try {
            return cl.execute(args);
        } finally {
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }

    /** Every command, wired to the same context; help and errors in the context's language. */
    static CommandLine commandLine(CliContext cli, boolean terminal) {
        var scanner = new CacheScanner(FileSystemProbes.forCurrentOs(), FileLocks::isHeld);
        var factory = new CliFactory(cli.texts());
        CommandLine store = new CommandLine(new StoreCommand(cli), factory)
                .addSubcommand(new StorePushCommand(cli))
                .addSubcommand(new StorePullCommand(cli))
                .addSubcommand(new StoreLsCommand(cli));
        CommandLine endpoint = new CommandLine(new EndpointCommand(cli), factory)
                .addSubcommand(new EndpointCommand.ListCommand(cli))
                .addSubcommand(new EndpointCommand.AddCommand(cli, () -> System.in))
                .addSubcommand(new EndpointCommand.RemoveCommand(cli))
                .addSubcommand(new EndpointCommand.UseCommand(cli))
                .addSubcommand(new EndpointCommand.TestCommand(cli));
        CommandLine cl = new CommandLine(new ModelKeeperCommand(), factory)
                .addSubcommand(new ScanCommand(cli, scanner, ScanIndex.in(AppPaths.of(cli.env()).cacheDir())))
                .addSubcommand(new DownloadCommand(cli))
                .addSubcommand(new VerifyCommand(cli))
                .addSubcommand(new RepairCommand(cli))
                .addSubcommand(new MigrateCommand(cli))
                .addSubcommand(new DedupeCommand(cli, Confirmation.console(terminal)))
                .addSubcommand(new RmCommand(cli, scanner))
                .addSubcommand(new PruneCommand(cli, scanner))
                .addSubcommand(new MetricsCommand(cli, scanner))
                .addSubcommand(new ServeMetricsCommand(cli, scanner))
                .addSubcommand(new OutdatedCommand(cli, scanner))
                .addSubcommand(new UpdateCommand(cli))
                .addSubcommand(store)
                .addSubcommand(new EnsureCommand(cli))
                .addSubcommand(new DoctorCommand(cli))
                .addSubcommand(endpoint)
                .addSubcommand(new HelpCommand());
        // set after the subcommands are added: these settings reach only the commands present at the call
        cl.setResourceBundle(cli.texts().bundle());
        cl.setColorScheme(Help.defaultColorScheme(terminal ? Help.Ansi.AUTO : Help.Ansi.OFF));
        cl.setUsageHelpWidth(HELP_WIDTH);
        cl.setOverwrittenOptionsAllowed(true); // the last --type wins, as before
        cl.setExpandAtFiles(false); // an argument starting with @ is a name, not a file of arguments
        cl.setOut(new PrintWriter(new OutputStreamWriter(cli.out(), cli.out().charset()), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(cli.err(), cli.err().charset()), true));
        var errors = new UsageErrors(cli.texts(), cli.err(), cli.env().get("MODELKEEPER_DEBUG").isPresent());
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionExceptionHandler(errors);
        return cl;
    }

    static String version() {
        String v = CliMain.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
