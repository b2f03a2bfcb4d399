package dev.modelkeeper.core.health;

import dev.modelkeeper.core.cache.Severity;
import dev.modelkeeper.core.env.CacheLocator;
import dev.modelkeeper.core.env.Environment;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which hub cache each running program of this user reads, computed from its own environment and working folder
 * with the rules of {@link CacheLocator}, and whether that is where the models are. Programs that set no cache
 * variable and are not a known model runner (Python, uvicorn, vLLM …) are left out: a shell or an editor
 * downloads nothing.
 */
final class ProcessCheck {

    private static final Pattern RUNNERS = Pattern.compile(
            "python[0-9.]*|ipython|uvicorn|gunicorn|vllm|jupyter.*|torchrun|accelerate|hf|huggingface-cli"
                    + "|text-generation-.*|streamlit|gradio|comfyui|ollama|llama-server|celery");

    private final Environment env;
    private final Machine machine;
    private final List<Path> modelHomes;

    /**
     * @param modelHomes the hub caches this user's models are in (the first is named in the finding); never empty
     */
    ProcessCheck(Environment env, Machine machine, List<Path> modelHomes) {
        this.env = env;
        this.machine = machine;
        this.modelHomes = modelHomes;
    }

    List<Finding> run() {
        var out = new ArrayList<Finding>();
        if (!Files.isDirectory(machine.proc())) {
            return out;
        }
        long self = ProcessHandle.current().pid();
        var pids = new ArrayList<Long>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(machine.proc(),
                p -> p.getFileName().toString().matches("[0-9]+"))) {
            dirs.forEach(d -> pids.add(Long.parseLong(d.getFileName().toString())));
        } catch (IOException e) {
            return out;
        }
        pids.sort(null);
        for (long pid : pids) {
            Path dir = machine.proc().resolve(Long.toString(pid));
            if (pid != self && ours(dir)) {
                RunningProgram.read(dir, pid).filter(this::relevant).ifPresent(p -> out.add(judge(p)));
            }
        }
        return out;
    }

    private boolean ours(Path dir) {
        if (machine.uid() < 0) {
            return true;
        }
        try {
            Object uid = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            return ((Number) uid).longValue() == machine.uid();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private boolean relevant(RunningProgram p) {
        return EnvironmentCheck.VARIABLES.stream().anyMatch(p.environment()::containsKey)
                || RUNNERS.matcher(p.program()).matches();
    }

    /** The program's hub cache as the official client in it computes it. */
    Path hubCache(RunningProgram p) {
        var vars = new HashMap<>(p.environment());
        if (p.cwd() != null) {
            // a relative value is relative to the program's working folder, not to ours
            for (String v : EnvironmentCheck.VARIABLES) {
                String value = vars.get(v);
                if (value != null && !value.isEmpty() && !value.startsWith("/") && !value.startsWith("~")
                        && !value.startsWith("$")) {
                    vars.put(v, p.cwd().resolve(value).toString());
                }
            }
        }
        return new CacheLocator(Environment.of(vars, env.os(), env.home().toString())).hubCache().path();
    }

    private Finding judge(RunningProgram p) {
        var programEnv = Environment.of(p.environment(), env.os(), env.home().toString());
        var root = new CacheLocator(programEnv).hubCache();
        Path cache = hubCache(p);
        Object origin = EnvironmentCheck.origin(programEnv, root.variable());
        if (modelHomes.contains(cache)) {
            return Finding.info(Check.PROCESSES, "process.same", cache, Long.toString(p.pid()), p.command(),
                    cache.toString(), origin);
        }
        Path models = modelHomes.getFirst();
        return Finding.of(Check.PROCESSES, Severity.WARNING, "process.elsewhere", cache,
                new Object[] {Long.toString(p.pid()), p.command(), cache.toString(), models.toString(), origin},
                new Object[] {models.toString(), cache.toString()}, false);
    }
}
