package dev.modelkeeper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.hub.FixtureRepo;
import dev.modelkeeper.testing.hub.Hostile;
import dev.modelkeeper.testing.hub.HubEmulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every attack of a hostile Hub or mirror ({@link Hostile}) against {@code download}, {@code verify --online}
 * and {@code repair}: nothing is created or changed outside the cache, the command ends within a bound with
 * a sentence and no stack trace, no token reaches another host, and every blob in the cache holds the bytes
 * its name promises.
 */
class HostileHubTest {

    private static final String TOKEN = "hf_hostiletesttoken";

    @TempDir
    Path world;
    private Path cache;
    private Path home;
    private Path outside;
    private HubEmulator hub;
    private FixtureRepo repo;
    private String commit;
    private final List<String> leaks = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        cache = world.resolve("cache");
        home = world.resolve("home");
        outside = world.resolve("outside");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("keep.txt"), "sentinel");
        repo = FixtureRepo.model("org/name");
        commit = repo.commit(1);
        byte[] weights = new byte[100_000];
        new java.util.Random(7).nextBytes(weights);
        repo.file(commit, "config.json", "{\"a\": 1}").file(commit, "__init__.py", "")
                .lfsFile(commit, "model.safetensors", weights).ref("main", commit);
        hub = new HubEmulator().add(repo);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    static Stream<String> scenarios() throws IOException {
        return new Hostile(null, FixtureRepo.model("x/y"), "0".repeat(40), Path.of("/nowhere")).all().stream()
                .map(Hostile.Scenario::name);
    }

    @ParameterizedTest(name = "download: {0}")
    @MethodSource("scenarios")
    void download(String scenario) throws Exception {
        attack(scenario);
        var before = outsideTheCache();

        var r = run("download", "org/name");

        assertSafe(r, before);
    }

    @ParameterizedTest(name = "verify --online: {0}")
    @MethodSource("scenarios")
    void verifyOnline(String scenario) throws Exception {
        prepareDamagedCache();
        attack(scenario);
        var before = outsideTheCache();

        var r = run("verify", "org/name", "--online");

        assertSafe(r, before);
    }

    @ParameterizedTest(name = "repair: {0}")
    @MethodSource("scenarios")
    void repair(String scenario) throws Exception {
        prepareDamagedCache();
        attack(scenario);
        var before = outsideTheCache();

        var r = run("repair", "org/name");

        assertSafe(r, before);
    }

    /** A good download, then one byte of the weights flipped, so repair has something to fetch. */
    private void prepareDamagedCache() throws IOException {
        var r = run("download", "org/name");
        assertEquals(0, r.code(), r.err());
        String etag = repo.files(commit).get("model.safetensors").etag();
        Path blob = cache.resolve("models--org--name/blobs/" + etag);
        byte[] bytes = Files.readAllBytes(blob);
        bytes[10] ^= 1;
        Files.write(blob, bytes);
    }

    private void attack(String scenario) {
        var chosen = new Hostile(hub, repo, commit, outside).all().stream()
                .filter(s -> s.name().equals(scenario)).findFirst().orElseThrow();
        hub.intercept(ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth != null && !"127.0.0.1".equals(Hostile.hostOf(ex))) {
                leaks.add(Hostile.hostOf(ex) + " got " + auth);
            }
            return chosen.interceptor().answer(ex);
        });
    }

    private void assertSafe(Run r, Map<String, Long> before) throws IOException {
        String all = r.out() + r.err();
        assertFalse(all.contains("Exception") || all.contains("\tat ") || all.contains("java."),
                "no stack trace or exception name:\n" + all);
        if (r.code() != 0) {
            assertFalse(all.isBlank(), "a failure says why");
        }
        if (System.getenv("HOSTILE_LOG") != null) {
            Files.writeString(Path.of(System.getenv("HOSTILE_LOG")), "=== " + r.code() + "\n" + all + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        assertEquals(before, outsideTheCache(), "nothing created or changed outside the cache\n" + all);
        assertEquals(List.of(), leaks, "no token sent to another host");
        assertBlobsHoldWhatTheirNamesPromise();
        assertLinksStayInTheCache();
    }

    private void assertBlobsHoldWhatTheirNamesPromise() throws IOException {
        Path blobs = cache.resolve("models--org--name/blobs");
        if (!Files.isDirectory(blobs)) {
            return;
        }
        try (var files = Files.list(blobs)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                assertTrue(name.matches("[0-9a-f]{40}|[0-9a-f]{64}") || name.contains("."), "blob name " + name);
                if (!name.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
                    continue;
                }
                assertTrue(Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS), name + " is a regular file");
                byte[] bytes = Files.readAllBytes(f);
                String actual = name.length() == 64 ? CacheFixture.sha256(bytes) : CacheFixture.gitSha1(bytes);
                boolean damagedByTheTest = name.equals(repo.files(commit).get("model.safetensors").etag());
                assertTrue(actual.equals(name) || damagedByTheTest, name + " holds other bytes");
            }
        }
    }

    private void assertLinksStayInTheCache() throws IOException {
        Path snapshots = cache.resolve("models--org--name/snapshots");
        if (!Files.isDirectory(snapshots)) {
            return;
        }
        Path root = cache.toRealPath();
        try (var walk = Files.walk(snapshots)) {
            for (Path p : walk.filter(Files::isSymbolicLink).toList()) {
                Path target = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
                assertTrue(target.startsWith(root) || target.startsWith(cache), p + " -> " + target);
            }
        }
    }

    /** Every path under the test's world except the cache and the app's own folder, with its size. */
    private Map<String, Long> outsideTheCache() throws IOException {
        var found = new TreeMap<String, Long>();
        try (var walk = Files.walk(world)) {
            for (Path p : walk.toList()) {
                if (p.startsWith(cache) || p.startsWith(home)) {
                    continue;
                }
                found.put(world.relativize(p).toString(), Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        ? Files.size(p) : -1L);
            }
        }
        return found;
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            var out = new ByteArrayOutputStream();
            var err = new ByteArrayOutputStream();
            var env = new Environment(Map.of("HF_ENDPOINT", hub.url(), "HF_HUB_CACHE", cache.toString(),
                    "HF_TOKEN", TOKEN, "XDG_CONFIG_HOME", home.resolve(".config").toString()), home,
                    Environment.Os.LINUX);
            int code = CliMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), env);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }, () -> "ends within a minute: " + String.join(" ", args));
    }
}
