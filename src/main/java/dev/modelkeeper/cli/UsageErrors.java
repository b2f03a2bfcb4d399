package dev.modelkeeper.cli;

import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How a wrong command line is told, in the user's language: what was wrong, the nearest spelling when there
 * is one, and where the help is; exit code 2. An unexpected failure is one sentence, exit code 1.
 */
final class UsageErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

    private final CliTexts texts;
    private final PrintStream err;
    private final boolean debug;

    UsageErrors(CliTexts texts, PrintStream err, boolean debug) {
        this.texts = texts;
        this.err = err;
        this.debug = debug;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        err.println(message(e));
        if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            err.println(texts.format("error.didYouMean", String.join(", ", u.getSuggestions())));
        }
        CommandLine where = e.getCommandLine();
        err.println(where.getParent() == null ? texts.get("usage.hint")
                : where.getParent().getParent() == null ? texts.format("usage.hintCommand", where.getCommandName())
                : texts.format("usage.hintNested", where.getCommandSpec().qualifiedName(" "))); // help goes one level
        return ExitCode.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        if (e instanceof ParameterException p) { // a check a command makes after parsing
            return handleParseException(p, parsed.originalArgs().toArray(String[]::new));
        }
        err.println(texts.format("error.unexpected", String.valueOf(e.getMessage())));
        if (debug) {
            e.printStackTrace(err);
        }
        return ExitCode.FAILURE;
    }

    private String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u) {
            String arg = u.getUnmatched().isEmpty() ? "" : u.getUnmatched().getFirst();
            if (arg.startsWith("-")) {
                return texts.format("error.unknownOption", arg);
            }
            boolean commands = !u.getCommandLine().getSubcommands().isEmpty();
            return texts.format(commands ? "error.unknownCommand" : "error.unexpectedArgument", arg);
        }
        if (e instanceof MissingParameterException m) {
            return missing(m.getMissing());
        }
        if (e.getCause() instanceof TypeConversionException t) {
            return t.getMessage();
        }
        if (e.getArgSpec() == null && e.getValue() != null && e.getClass() == ParameterException.class) {
            return texts.format("error.unknownCommand", e.getValue()); // "help NAME" with no such command
        }
        return e.getMessage();
    }

    private String missing(List<ArgSpec> missing) {
        ArgSpec first = missing.getFirst();
        if (first instanceof OptionSpec option) {
            return option.longestName().equals("--abandon") ? texts.get("migrate.abandonUsage") // says what the ID is
                    : texts.format("error.missingValue", option.longestName());
        }
        return "download".equals(first.command().name()) ? texts.get("download.missingRepo")
                : texts.format("error.missingArgument", first.paramLabel());
    }
}
