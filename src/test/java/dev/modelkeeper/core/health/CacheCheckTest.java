package dev.modelkeeper.core.health;

import static dev.modelkeeper.core.health.EnvironmentCheckTest.codes;
import static dev.modelkeeper.core.health.EnvironmentCheckTest.fix;
import static dev.modelkeeper.core.health.EnvironmentCheckTest.one;
import static dev.modelkeeper.core.health.EnvironmentCheckTest.text;
import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.cache.Severity;
import dev.modelkeeper.core.fs.FileLocks;
import dev.modelkeeper.testing.CacheFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheCheckTest {

    @TempDir
    Path tmp;

    private Path cache() throws Exception {
        var cache = new CacheFixture(tmp.resolve("hub"));
        cache.model("org/good").file(commit(1), "config.json", "{}").treeListing(commit(1)).ref("main", commit(1));
        var half = cache.model("org/half").file(commit(2), "config.json", "{}").file(commit(2), "model.safetensors", "w")
                .treeListing(commit(2)).ref("main", commit(2)).ref("gone", commit(3));
        Files.delete(half.snapshot(commit(2)).resolve("model.safetensors"));
        cache.model("org/old").file(commit(4), "a.bin", "a").danglingLink(commit(4), "b.bin");
        return cache.dir();
    }

    private static Path oldLock(Path cache, String name) throws Exception {
        Path lock = Files.createDirectories(cache.resolve(".locks/models--org--good")).resolve(name);
        Files.writeString(lock, "");
        Files.setLastModifiedTime(lock, FileTime.from(Machines.NOW.minus(Duration.ofHours(2))));
        return lock;
    }

    @Test
    void refsAndSnapshotsMissingFilesAreFoundAgainstTheTreeListingOrTheLinks() throws Exception {
        Path cache = cache();

        var findings = new CacheCheck(Machines.bare(), false).run(List.of(cache));

        assertEquals(List.of("cache.refMissing", "cache.refIncomplete", "cache.incompleteSnapshot"), codes(findings));
        Finding missing = findings.getFirst();
        assertEquals(Severity.ERROR, missing.severity());
        assertEquals("org/half: the ref gone points at " + commit(3) + ", which is not in the cache: a program asking for"
                + " gone downloads it again (or fails offline).", text(missing));
        assertEquals("Download that revision: modelkeeper download org/half --revision gone", fix(missing));
        Finding half = findings.get(1);
        assertTrue(text(half).contains("lacks 1 of its 2 files (for example model.safetensors)"), text(half));
        assertEquals("Fetch only what is missing: modelkeeper repair org/half", fix(half));
        assertTrue(half.safeFix());
        assertEquals("org/old: revision " + commit(4) + " lacks 1 of its 2 files (for example b.bin).",
                text(findings.get(2)));
    }

    @Test
    void offlineModeOverAnIncompleteModelIsAnError() throws Exception {
        Finding f = one(new CacheCheck(Machines.bare(), true).run(List.of(cache())), "cache.offlineIncomplete");

        assertEquals(Severity.ERROR, f.severity());
        assertTrue(text(f).contains("while 2 models are incomplete (org/half, org/old)"), text(f));
    }

    @Test
    void anOldFreeLockOnALocalDiskIsHarmlessButASoftLockBlocks() throws Exception {
        Path cache = new CacheFixture(tmp.resolve("hub")).model("org/good").file(commit(1), "c", "{}").ref("main", commit(1))
                .dir().getParent();
        oldLock(cache, "a.lock");

        var findings = new CacheCheck(Machines.bare(), false).run(List.of(cache));
        assertEquals(List.of("cache.leftoverLocks"), codes(findings));
        assertFalse(findings.getFirst().isProblem());

        Path soft = oldLock(cache, "b.lock.soft");
        Finding f = one(new CacheCheck(Machines.bare(), false).run(List.of(cache)), "cache.staleLocks");
        assertEquals(soft, f.path());
        assertTrue(text(f).endsWith("a download waiting for it waits for ever."), text(f));
    }

    @Test
    void aLockAProgramHoldsOrAYoungOneIsNotStale() throws Exception {
        Path cache = Files.createDirectories(tmp.resolve("hub"));
        Path lock = oldLock(cache, "c.lock.soft");
        Files.writeString(cache.resolve(".locks/models--org--good/young.lock.soft"), "");
        var machine = new Machine(Machines.bare().mounts(), Machines.bare().proc(), -1, FileLocks::isHeld,
                java.time.Clock.fixed(Machines.NOW, java.time.ZoneOffset.UTC), p -> java.util.OptionalInt.empty(),
                Machines.bare().accounts(), Machines.bare().thresholds(), List.of());

        try (var held = FileLocks.tryLock(lock).orElseThrow()) {
            assertEquals(List.of(), new CacheCheck(machine, false).run(List.of(cache)));
        }
    }
}
