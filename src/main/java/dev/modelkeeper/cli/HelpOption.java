package dev.modelkeeper.cli;

import picocli.CommandLine.Option;

/** {@code -h, --help} on every command. */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "help.option.help")
    boolean help;
}
