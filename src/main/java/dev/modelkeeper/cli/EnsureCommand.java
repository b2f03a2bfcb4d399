package dev.modelkeeper.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.modelkeeper.core.cache.SizeFormat;
import dev.modelkeeper.core.env.AppPaths;
import dev.modelkeeper.core.manifest.EnsureOperation;
import dev.modelkeeper.core.manifest.EnsureResult;
import dev.modelkeeper.core.manifest.LockFile;
import dev.modelkeeper.core.manifest.ManifestException;
import dev.modelkeeper.core.manifest.OfflineEnvironment;
import dev.modelkeeper.core.manifest.ProjectManifest;
import dev.modelkeeper.core.team.StoreConfig;
import dev.modelkeeper.core.team.TeamStore;
import dev.modelkeeper.core.verify.VerdictStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelkeeper ensure [-f modelkeeper.yaml] [--check] [--lock]}: every repo the project's manifest lists,
 * complete and verified in the hub cache (from the team store first when one is configured), then the environment
 * that makes programs use it offline. {@code --check} reads the disk only and exits {@link ExitCode#NOT_READY} when
 * something is missing.
 */
@Command(name = "ensure", sortOptions = false)
final class EnsureCommand implements Callable<Integer> {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", descriptionKey = "help.ensure.file")
    Path file = Path.of(ProjectManifest.FILE_NAME);

    @Option(names = "--check", descriptionKey = "help.ensure.check")
    boolean check;

    @Option(names = "--lock", descriptionKey = "help.ensure.lock")
    boolean lock;

    @Option(names = "--shell", descriptionKey = "help.ensure.shell")
    boolean shell;

    @Option(names = "--json", descriptionKey = "help.ensure.json")
    boolean json;

    @Mixin
    HubOptions hub;

    @Option(names = {"--jobs", "--max-workers"}, paramLabel = "N", converter = Converters.Jobs.class,
            descriptionKey = "help.download.jobs")
    int jobs = 8;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    private final CliContext cli;

    EnsureCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        if (check && lock) {
            throw cli.usageError(spec, "ensure.checkAndLock");
        }
        var locator = cli.locator();
        ProjectManifest manifest;
        Optional<LockFile> locked;
        try {
            manifest = ProjectManifest.read(file);
            locked = lock ? Optional.empty() : LockFile.readIfExists(manifest); // --lock resolves the revisions anew
        } catch (ManifestException e) {
            cli.err().println(e.getMessage());
            return Files.exists(file) ? ExitCode.FAILURE : ExitCode.NOT_FOUND;
        }
        Path cache = manifest.cacheDir(cli.env()).orElse(locator.hubCache().path());
        var environment = OfflineEnvironment.of(cache, locator.hfHome());
        if (check) {
            EnsureResult result = EnsureOperation.check(manifest, locked, cache);
            report(manifest, result, environment, null);
            return result.ready() ? ExitCode.OK : ExitCode.NOT_READY;
        }
        var display = json || shell ? CommandRunner.Display.NONE : CommandRunner.Display.BYTES;
        return cli.runner().run(display, "ensure.cancelled", (progress, cancel) -> {
            Optional<String> address = manifest.store().or(() -> cli.env().get("MODELKEEPER_STORE").filter(s -> !s.isBlank()));
            Optional<TeamStore> store = address.isEmpty() ? Optional.empty()
                    : Optional.of(new TeamStore(StoreConfig.of(address.get(), null, cli.env()), new OkHttpClient()));
            var verdicts = VerdictStore.open(VerdictStore.defaultFile(AppPaths.of(cli.env())));
            EnsureResult result = new EnsureOperation(manifest, locked, cache, store,
                    hub.client(cli.env(), null, locator), verdicts, jobs).run(progress, cancel);
            progress.finish();
            Path written = null;
            if (lock && result.ready()) {
                written = LockFile.write(manifest, result.commits()).file();
            }
            report(manifest, result, environment, written);
            return result.ready() ? ExitCode.OK : ExitCode.PROBLEMS;
        });
    }

    private void report(ProjectManifest manifest, EnsureResult result, OfflineEnvironment environment, Path lockFile) {
        if (json) {
            cli.out().println(json(manifest, result, environment, lockFile));
            return;
        }
        PrintStream out = shell ? cli.err() : cli.out();
        var texts = cli.texts();
        for (var r : result.entries()) {
            if (r.ready()) {
                out.println(texts.format("ensure.ready", r.entry().label(), r.commit()));
            }
            r.missing().forEach(m -> out.println(texts.format("ensure.missing", m.render(texts.locale()))));
        }
        long notReady = result.entries().stream().filter(r -> !r.ready()).count();
        if (notReady > 0) {
            out.println(texts.format(check ? "ensure.notReadyCheck" : "ensure.notReady", notReady,
                    result.entries().size(), result.cache()));
            return;
        }
        out.println(check ? texts.format("ensure.checkReady", result.entries().size(), result.cache())
                : texts.format("ensure.done", result.entries().size(), result.cache(),
                SizeFormat.bytes(result.bytesFromHub()), SizeFormat.bytes(result.bytesFromStore())));
        if (lockFile != null) {
            out.println(texts.format("ensure.locked", result.commits().size(), lockFile));
        }
        if (shell) {
            cli.out().println(environment.shell());
            return;
        }
        out.println();
        out.println(texts.get("ensure.shellHeading"));
        out.println(environment.shell());
        out.println(texts.get("ensure.dockerfileHeading"));
        out.println(environment.dockerfile());
        out.println(texts.get("ensure.composeHeading"));
        out.println(environment.compose());
    }

    private String json(ProjectManifest manifest, EnsureResult result, OfflineEnvironment environment, Path lockFile) {
        var m = new LinkedHashMap<String, Object>();
        m.put("manifest", manifest.file().toAbsolutePath().toString());
        m.put("cache", result.cache().toString());
        m.put("ready", result.ready());
        m.put("bytes_from_hub", result.bytesFromHub());
        m.put("bytes_from_store", result.bytesFromStore());
        m.put("lock_file", lockFile == null ? null : lockFile.toString());
        m.put("repos", result.entries().stream().map(r -> {
            var e = new LinkedHashMap<String, Object>();
            e.put("repo_id", r.entry().repo());
            e.put("repo_type", r.entry().type().id());
            e.put("revision", r.entry().wanted());
            e.put("commit_hash", r.commit());
            e.put("ready", r.ready());
            e.put("files", r.files());
            e.put("bytes_from_hub", r.bytesFromHub());
            e.put("bytes_from_store", r.bytesFromStore());
            e.put("missing", r.missing().stream().map(x -> x.render(cli.texts().locale())).toList());
            return e;
        }).toList());
        m.put("environment", environment.variables());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
