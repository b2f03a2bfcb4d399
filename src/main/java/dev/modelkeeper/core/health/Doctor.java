package dev.modelkeeper.core.health;

import dev.modelkeeper.core.cache.CacheKind;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.env.CacheLocator;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.update.UpdateChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * "Why does my program download the model again?" (issue #16): asks the five questions of {@link Check} and
 * returns every answer as a {@link Finding}. Reads only; changes nothing.
 */
public final class Doctor {

    private final Environment env;
    private final Machine machine;

    public Doctor(Environment env, Machine machine) {
        this.env = env;
        this.machine = machine;
    }

    public Diagnosis run() {
        var locator = new CacheLocator(env);
        List<CacheRoot> roots = locator.discover(machine.userRoots());
        List<Path> hubCaches = roots.stream().filter(r -> r.kind() == CacheKind.HF_HUB).map(CacheRoot::path).toList();
        boolean offline = UpdateChecker.offlineMode(env);
        var findings = new ArrayList<Finding>();
        findings.addAll(new EnvironmentCheck(env, machine).run());
        findings.addAll(new ProcessCheck(env, machine, modelHomes(locator.hubCache().path(), hubCaches)).run());
        findings.addAll(new StorageCheck(machine, offline, locator.hfHome()).run(roots));
        findings.addAll(new SharingCheck(machine).run(hubCaches, locator.hfHome()));
        findings.addAll(new CacheCheck(machine, offline).run(hubCaches));
        return new Diagnosis(findings);
    }

    /**
     * Where the models are: the hub caches that hold a repo, the main one first when it does; the main one alone
     * when none does.
     */
    static List<Path> modelHomes(Path main, List<Path> hubCaches) {
        var homes = new ArrayList<Path>();
        Stream.concat(Stream.of(main), hubCaches.stream()).distinct().filter(Doctor::holdsRepos).forEach(homes::add);
        if (homes.isEmpty()) {
            homes.add(main);
        }
        return homes;
    }

    private static boolean holdsRepos(Path cache) {
        try (Stream<Path> s = Files.list(cache)) {
            return s.anyMatch(p -> p.getFileName().toString().matches("(models|datasets|spaces|kernels)--.+"));
        } catch (IOException e) {
            return false;
        }
    }
}
