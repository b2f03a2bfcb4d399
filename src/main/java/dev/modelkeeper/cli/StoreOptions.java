package dev.modelkeeper.cli;

import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.team.StoreConfig;
import dev.modelkeeper.core.team.TeamStore;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --store s3://bucket/prefix} and {@code --s3-endpoint URL}, the same for every {@code store} command. */
final class StoreOptions {

    @Option(names = "--store", paramLabel = "STORE", descriptionKey = "help.store.store")
    String store;

    @Option(names = "--s3-endpoint", paramLabel = "URL", descriptionKey = "help.store.s3Endpoint")
    String s3Endpoint;

    /**
     * The store: --store, else MODELKEEPER_STORE; the endpoint and keys as the AWS tools read them. A store that
     * is not named, not an s3:// address or has no keys is a wrong command line (exit code 2), said in one sentence.
     */
    /**
     * The store when one is named (--store or MODELKEEPER_STORE), for commands that use one if there is one
     * ({@code download}: the team store first, then the endpoint); a named store that cannot be used is a wrong
     * command line, as for the store commands.
     */
    java.util.Optional<TeamStore> openIfNamed(CliContext cli, CommandSpec spec) {
        boolean named = store != null && !store.isBlank()
                || cli.env().get("MODELKEEPER_STORE").filter(s -> !s.isBlank()).isPresent();
        return named ? java.util.Optional.of(open(cli, spec)) : java.util.Optional.empty();
    }

    TeamStore open(CliContext cli, CommandSpec spec) {
        String address = store != null && !store.isBlank() ? store
                : cli.env().get("MODELKEEPER_STORE").filter(s -> !s.isBlank()).orElse(null);
        if (address == null) {
            throw cli.usageError(spec, "store.missing");
        }
        try {
            return new TeamStore(StoreConfig.of(address, s3Endpoint, cli.env()), new OkHttpClient());
        } catch (OperationException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
