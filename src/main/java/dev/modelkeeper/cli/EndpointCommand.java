package dev.modelkeeper.cli;

import dev.modelkeeper.core.env.AppPaths;
import dev.modelkeeper.core.env.Settings;
import dev.modelkeeper.core.env.SettingsStore;
import dev.modelkeeper.core.env.TokenStore;
import dev.modelkeeper.core.hub.EndpointCheck;
import dev.modelkeeper.core.hub.EndpointProfile;
import dev.modelkeeper.core.hub.HubClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelkeeper endpoint list|add|remove|use|test}: endpoint profiles, the pull-through proxies and mirrors a
 * team runs (Artifactory, Nexus, Olah, hf-mirror). A profile's token is read from stdin only and kept in a file of
 * its own (0600); it is never printed.
 */
@Command(name = "endpoint", sortOptions = false)
final class EndpointCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    private final CliContext cli;

    EndpointCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        throw cli.usageError(spec, "endpoint.noSubcommand");
    }

    static SettingsStore store(CliContext cli) {
        return new SettingsStore(AppPaths.of(cli.env()).settingsFile());
    }

    static TokenStore token(CliContext cli, String name) {
        return new TokenStore(AppPaths.of(cli.env()).profileTokenFile(name));
    }

    /** {@code endpoint list}. */
    @Command(name = "list", sortOptions = false)
    static final class ListCommand implements Callable<Integer> {

        @Mixin
        HelpOption help;

        private final CliContext cli;

        ListCommand(CliContext cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Settings s = store(cli).load();
            var out = cli.out();
            if (s.profiles().isEmpty()) {
                out.println(cli.texts().get("endpoint.none"));
                return ExitCode.OK;
            }
            var t = cli.texts();
            out.println(String.format("  %-16s %-12s %-10s %-9s %s", t.get("endpoint.col.name"), t.get("endpoint.col.kind"),
                    t.get("endpoint.col.token"), t.get("endpoint.col.hubToken"), t.get("endpoint.col.url")));
            for (Settings.Profile stored : s.profiles()) {
                var p = EndpointProfile.of(stored);
                boolean own = token(cli, p.name()).load().isPresent();
                out.println(String.format("%s %-16s %-12s %-10s %-9s %s", p.name().equals(s.activeProfile()) ? "*" : " ",
                        p.name(), p.kind().id(), t.get(own ? "endpoint.yes" : "endpoint.no"),
                        t.get(p.sendHubToken() ? "endpoint.yes" : "endpoint.no"), p.url()));
            }
            return ExitCode.OK;
        }
    }

    /** {@code endpoint add NAME URL}: adds or replaces a profile. */
    @Command(name = "add", sortOptions = false)
    static final class AddCommand implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "NAME", descriptionKey = "help.endpoint.name")
        String name;

        @Parameters(index = "1", paramLabel = "URL", descriptionKey = "help.endpoint.url")
        String url;

        @Option(names = "--kind", paramLabel = "K", descriptionKey = "help.endpoint.kind")
        String kind;

        @Option(names = "--token-stdin", descriptionKey = "help.endpoint.tokenStdin")
        boolean tokenStdin;

        @Option(names = "--send-hub-token", descriptionKey = "help.endpoint.sendHubToken")
        boolean sendHubToken;

        @Mixin
        HelpOption help;

        @Spec
        CommandSpec spec;

        private final CliContext cli;
        private final Supplier<InputStream> stdin;

        AddCommand(CliContext cli, Supplier<InputStream> stdin) {
            this.cli = cli;
            this.stdin = stdin;
        }

        @Override
        public Integer call() throws IOException {
            if (!EndpointProfile.validName(name)) {
                throw cli.usageError(spec, "endpoint.badName", name);
            }
            EndpointProfile profile;
            try {
                profile = new EndpointProfile(name, url, kind == null ? null : EndpointProfile.Kind.of(kind),
                        sendHubToken);
            } catch (IllegalArgumentException e) {
                throw cli.usageError(spec, kind != null && !validKind(kind) ? "endpoint.badKind" : "endpoint.badUrl",
                        kind != null && !validKind(kind) ? kind : url);
            }
            String token = null;
            if (tokenStdin) {
                token = new String(stdin.get().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (token.isEmpty()) {
                    throw cli.usageError(spec, "endpoint.emptyToken");
                }
            }
            var settingsStore = store(cli);
            Settings s = settingsStore.load();
            boolean replaced = s.profile(name).isPresent();
            var list = new ArrayList<>(s.profiles().stream().filter(p -> !p.name().equals(name)).toList());
            list.add(profile.stored());
            if (token != null) {
                token(cli, name).save(token); // first the token: a profile never names a token that is not there
            }
            settingsStore.save(s.withProfiles(list, s.activeProfile()));
            cli.out().println(cli.texts().format(replaced ? "endpoint.replaced" : "endpoint.added", name,
                    profile.kind().id(), profile.url()));
            return ExitCode.OK;
        }

        private static boolean validKind(String k) {
            try {
                EndpointProfile.Kind.of(k);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }

    /** {@code endpoint remove NAME}: the profile and its token file. */
    @Command(name = "remove", sortOptions = false)
    static final class RemoveCommand implements Callable<Integer> {

        @Parameters(paramLabel = "NAME", descriptionKey = "help.endpoint.name")
        String name;

        @Mixin
        HelpOption help;

        @Spec
        CommandSpec spec;

        private final CliContext cli;

        RemoveCommand(CliContext cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() throws IOException {
            var settingsStore = store(cli);
            Settings s = settingsStore.load();
            if (s.profile(name).isEmpty()) {
                throw cli.usageError(spec, "endpoint.unknown", name);
            }
            List<Settings.Profile> rest = s.profiles().stream().filter(p -> !p.name().equals(name)).toList();
            settingsStore.save(s.withProfiles(rest, name.equals(s.activeProfile()) ? null : s.activeProfile()));
            token(cli, name).save(null);
            cli.out().println(cli.texts().format("endpoint.removed", name));
            return ExitCode.OK;
        }
    }

    /** {@code endpoint use NAME} or {@code endpoint use --none}. */
    @Command(name = "use", sortOptions = false)
    static final class UseCommand implements Callable<Integer> {

        @Parameters(paramLabel = "NAME", arity = "0..1", descriptionKey = "help.endpoint.name")
        String name;

        @Option(names = "--none", descriptionKey = "help.endpoint.none")
        boolean none;

        @Mixin
        HelpOption help;

        @Spec
        CommandSpec spec;

        private final CliContext cli;

        UseCommand(CliContext cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() throws IOException {
            var settingsStore = store(cli);
            Settings s = settingsStore.load();
            if (none == (name != null)) {
                throw cli.usageError(spec, "endpoint.useWhich");
            }
            if (name != null && s.profile(name).isEmpty()) {
                throw cli.usageError(spec, "endpoint.unknown", name);
            }
            settingsStore.save(s.withProfiles(s.profiles(), name));
            cli.out().println(name == null ? cli.texts().get("endpoint.usingNone")
                    : cli.texts().format("endpoint.using", name));
            return ExitCode.OK;
        }
    }

    /** {@code endpoint test [NAME|URL]}: the API, the listing, and the headers of a download. */
    @Command(name = "test", sortOptions = false)
    static final class TestCommand implements Callable<Integer> {

        @Parameters(paramLabel = "NAME|URL", arity = "0..1", descriptionKey = "help.endpoint.test.target")
        String target;

        @Option(names = "--repo", paramLabel = "REPO", descriptionKey = "help.endpoint.test.repo")
        String repo = EndpointCheck.DEFAULT_REPO;

        @Option(names = "--trust-mirror", descriptionKey = "help.trustMirror")
        boolean trustMirror;

        @Mixin
        HelpOption help;

        @Spec
        CommandSpec spec;

        private final CliContext cli;

        TestCommand(CliContext cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            var options = new HubOptions();
            options.mixee = spec;
            options.trustMirror = trustMirror;
            if (target != null && target.contains("://")) {
                options.endpoint = target;
            } else {
                options.profile = target;
            }
            HubClient client = options.client(cli.env(), null, cli.locator());
            return cli.runner().run(CommandRunner.Display.NONE, "endpoint.test.cancelled", (progress, cancel) -> {
                var report = new EndpointCheck(client).run(repo, cancel);
                var texts = cli.texts();
                for (var f : report.findings()) {
                    cli.out().println((f.passed() ? "  ok    " : "  FAIL  ") + f.sentence().render(texts.locale()));
                }
                cli.out().println(texts.format(report.passed() ? "endpoint.test.passed" : "endpoint.test.failed",
                        report.endpoint()));
                return report.passed() ? ExitCode.OK : ExitCode.PROBLEMS;
            });
        }
    }
}
