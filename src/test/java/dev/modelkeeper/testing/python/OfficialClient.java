package dev.modelkeeper.testing.python;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The official Python client, {@code huggingface_hub} 2.0.0, in a virtualenv made once per build under
 * {@code target/hfh-venv} (or the one {@code MODELKEEPER_HFH_VENV} names). Interop tests run its real
 * code against our caches and our hub emulator. If Python cannot be set up the tests fail, loudly.
 */
public final class OfficialClient {

    public static final String VERSION = "2.0.0";
    private static Path python;

    private OfficialClient() {
    }

    /** The venv's python, creating the venv on first use. */
    public static synchronized Path python() throws IOException, InterruptedException {
        if (python != null) {
            return python;
        }
        String preset = System.getenv("MODELKEEPER_HFH_VENV");
        Path venv = preset != null ? Path.of(preset) : Path.of("target/hfh-venv").toAbsolutePath();
        Path bin = venv.resolve("bin/python");
        if (!hasClient(bin)) {
            create(venv, bin);
        }
        python = bin;
        return python;
    }

    private static boolean hasClient(Path bin) throws IOException, InterruptedException {
        if (!Files.isExecutable(bin)) {
            return false;
        }
        var r = exec(List.of(bin.toString(), "-c",
                "import huggingface_hub as h; assert h.__version__ == '" + VERSION + "'"), Map.of(), 60);
        return r.code() == 0;
    }

    private static void create(Path venv, Path bin) throws IOException, InterruptedException {
        String system = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        check(exec(List.of(system, "-m", "venv", "--clear", venv.toString()), Map.of(), 300),
                "creating a Python venv (install python3-venv)");
        var pip = new ArrayList<>(List.of(bin.toString(), "-m", "pip", "install", "-q",
                "--disable-pip-version-check", "huggingface_hub==" + VERSION));
        if (Files.isDirectory(Path.of("/opt/pypi/simple"))) {
            // this machine's local package index: avoids minutes of retries against an unreachable index
            pip.addAll(List.of("--index-url", "file:///opt/pypi/simple", "--find-links", "/opt/wheels"));
        }
        check(exec(pip, Map.of(), 900), "installing huggingface_hub " + VERSION + " with pip");
    }

    /** Runs a script from {@code src/test/resources/interop} with the given environment additions. */
    public static String runScript(String script, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Path file = Path.of("src/test/resources/interop").resolve(script).toAbsolutePath();
        var cmd = new ArrayList<>(List.of(python().toString(), file.toString()));
        cmd.addAll(List.of(args));
        var all = new HashMap<>(env);
        all.put("HF_HUB_DISABLE_TELEMETRY", "1");
        all.put("HF_HUB_DISABLE_PROGRESS_BARS", "1");
        all.put("HF_HUB_DISABLE_XET", "1");
        var r = exec(cmd, all, 300);
        check(r, "running " + script);
        return r.out();
    }

    /** A finished process. */
    public record Result(int code, String out, String err) {
    }

    public static Result exec(List<String> cmd, Map<String, String> env, int timeoutSeconds)
            throws IOException, InterruptedException {
        var pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("proc", ".out");
        Path err = Files.createTempFile("proc", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out after " + timeoutSeconds + " s: " + cmd);
        }
        var r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }

    private static void check(Result r, String what) throws IOException {
        if (r.code() != 0) {
            throw new IOException("Failed " + what + " (exit " + r.code() + "):\n" + r.err() + r.out());
        }
    }

    /** The official scan of {@code cache} with the cache folder and times taken out, so two caches compare. */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Object> comparableScan(Path cache) throws IOException, InterruptedException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.Map<String, Object> scan = json.readValue(runScript("hfh_scan.py", java.util.Map.of(),
                cache.toString()).replace(cache.toString(), "CACHE"), java.util.Map.class);
        for (var repo : (List<java.util.Map<String, Object>>) scan.get("repos")) {
            repo.remove("last_modified");
            ((List<java.util.Map<String, Object>>) repo.get("revisions")).forEach(r -> r.remove("last_modified"));
        }
        return new java.util.TreeMap<>(scan);
    }
}
