package dev.modelkeeper.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code modelkeeper store push|pull|ls}: the team store (docs/team-store.md), an S3 bucket that machines of
 * one team fill from their verified caches and pull from instead of the internet.
 */
@Command(name = "store", sortOptions = false)
final class StoreCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    private final CliContext cli;

    StoreCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        throw cli.usageError(spec, "store.noSubcommand");
    }

    /** A JSON document, indented like the other commands' output. */
    static String json(Object value) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
