package dev.modelkeeper.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modelkeeper}: the commands, {@code --help} and {@code --version}; alone it prints the general usage. */
@Command(name = "modelkeeper", resourceBundle = "dev.modelkeeper.cli.messages",
        versionProvider = ModelKeeperCommand.Version.class, sortOptions = false)
final class ModelKeeperCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "help.option.help")
    boolean help;

    @Option(names = "--version", versionHelp = true, descriptionKey = "help.option.version")
    boolean version;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        cl.usage(cl.getOut(), cl.getColorScheme());
        return ExitCode.OK;
    }

    /** {@code ModelKeeper 0.1.0}, from the jar's manifest ({@code dev} when run from classes). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ModelKeeper " + CliMain.version()};
        }
    }
}
