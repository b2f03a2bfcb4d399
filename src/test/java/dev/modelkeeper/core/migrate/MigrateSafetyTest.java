package dev.modelkeeper.core.migrate;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.fs.FileLocks;
import dev.modelkeeper.core.fs.FileSystemInfo;
import dev.modelkeeper.core.fs.FileSystemProbe;
import dev.modelkeeper.core.migrate.MigrationRefused.Reason;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.OperationException;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.testing.CacheFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a move does when the world does not hold still: another program writes into the source while it
 * is copied or switched, the copy fails half-way, the destination is reached through a link into the
 * source. Copies are forced on one filesystem (the logic is the same across disks).
 */
class MigrateSafetyTest {

    @TempDir
    Path dir;
    private Path hub;
    private Path to;
    private Path state;
    private Map<String, String> before;

    @BeforeEach
    void cache() throws Exception {
        hub = dir.resolve("home/.cache/huggingface/hub");
        byte[] weights = new byte[2_000_000];
        new Random(5).nextBytes(weights);
        new CacheFixture(hub).model("org/tts").file(commit(1), "config.json", "{}")
                .lfsFile(commit(1), "model.safetensors", weights).ref("main", commit(1));
        Files.createDirectories(hub.resolve(".locks/models--org--tts"));
        Files.writeString(hub.resolve(".locks/models--org--tts/x.lock"), "");
        to = dir.resolve("hdd/hub");
        Files.createDirectories(to.getParent());
        state = dir.resolve("state");
        before = Manifest.of(hub);
    }

    @AfterEach
    void noHook() {
        CrashPoints.onReach = null;
    }

    private MigrationJournal migrate(Consumer<String> at) throws Exception {
        var plan = MigrateOperation.preflight(new MigrationRequest(hub, to, true, true), p -> false);
        CrashPoints.onReach = at;
        try {
            return MigrateOperation.start(state, plan).run(ProgressListener.NONE, Cancellation.create());
        } finally {
            CrashPoints.onReach = null;
        }
    }

    private static Consumer<String> when(String point, IoAction action) {
        return p -> {
            if (p.equals(point)) {
                try {
                    action.run();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    interface IoAction {
        void run() throws IOException;
    }

    private Path newBlob(Path root) {
        return root.resolve("models--org--tts/blobs/" + "ab".repeat(32));
    }

    private List<Path> beside(Path folder) throws IOException {
        try (var s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    // ---------------------------------------------------------------- 5: the source changes meanwhile

    @Test
    void aFileLandingInTheSourceBetweenVerifyAndSwitchStopsTheMoveAndStays() throws Exception {
        for (String point : List.of("verified", "in-place")) {
            var e = assertThrows(OperationException.class,
                    () -> migrate(when(point, () -> Files.writeString(newBlob(hub), "downloaded meanwhile"))), point);

            assertTrue(e.getMessage().contains("changed while it was being moved"), e.getMessage());
            assertTrue(e.getMessage().contains("Nothing was moved"), e.getMessage());
            assertFalse(Files.isSymbolicLink(hub), point);
            assertEquals("downloaded meanwhile", Files.readString(newBlob(hub)), "the new file survives");
            Files.delete(newBlob(hub));
            assertEquals(before, Manifest.of(hub), "the source is as it was");
            assertEquals(List.of(), beside(to.getParent()), "the copy was removed");
            assertTrue(MigrationJournal.scan(state).isEmpty(), "no journal: nothing is left to resume");
        }
    }

    @Test
    void aLockHeldInTheSourceAtTheSwitchStopsTheMove() throws Exception {
        Path lock = hub.resolve(".locks/models--org--tts/x.lock");
        FileLocks.HeldLock[] held = new FileLocks.HeldLock[1];
        try {
            var e = assertThrows(OperationException.class,
                    () -> migrate(when("verified", () -> held[0] = FileLocks.tryLock(lock).orElseThrow())));
            assertTrue(e.getMessage().contains("is held by another program"), e.getMessage());
        } finally {
            held[0].close();
        }
        assertEquals(before, Manifest.of(hub));
        assertEquals(List.of(), beside(to.getParent()));
    }

    @Test
    void aFileWrittenIntoTheSetAsideOriginalIsKeptNotDeleted() throws Exception {
        Path[] aside = new Path[1];
        var e = assertThrows(OperationException.class, () -> migrate(p -> {
            if (p.equals("aside")) {
                try (var s = Files.list(hub.getParent())) {
                    aside[0] = s.filter(x -> x.getFileName().toString().contains("modelkeeper-aside")).findFirst()
                            .orElseThrow();
                    Files.writeString(newBlob(aside[0]), "written through an open folder");
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            }
        }));

        assertTrue(e.getMessage().contains("nothing was deleted"), e.getMessage());
        assertTrue(e.getMessage().contains(aside[0].toString()), e.getMessage());
        assertEquals("written through an open folder", Files.readString(newBlob(aside[0])));
        assertTrue(Files.isSymbolicLink(hub), "the switch itself was done");
        assertEquals(before, Manifest.of(to));
        assertEquals(1, MigrationJournal.pending(state).size(), "kept for --resume, which checks again");
        // resume refuses again while the difference is there; once the user took it over, it closes the move
        assertThrows(OperationException.class, () -> MigrateOperation.resume(MigrationJournal.pending(state).getFirst())
                .run(ProgressListener.NONE, Cancellation.create()));
        assertTrue(Files.exists(newBlob(aside[0])));
        Files.move(newBlob(aside[0]), newBlob(to));
        MigrateOperation.resume(MigrationJournal.pending(state).getFirst()).run(ProgressListener.NONE,
                Cancellation.create());
        assertFalse(Files.exists(aside[0]));
        assertTrue(MigrationJournal.scan(state).isEmpty());
    }

    // ---------------------------------------------------------------- 6: names are bytes

    @Test
    void namesThatAreNotUtf8AreCopiedByTheirBytes() throws Exception {
        Path repo = hub.resolve("models--org--tts");
        Shell.run(repo, "touch \"$(printf 'notes_\\377.txt')\" && mkdir \"$(printf 'caf\\351')\" "
                + "&& echo x > \"$(printf 'caf\\351/in_\\377')\"");
        Shell.run(hub, "mkdir \"$(printf 'models--org--\\377')\" && echo w > \"$(printf 'models--org--\\377/w')\"");
        List<Path> names = Shell.relativeTree(hub);
        assertTrue(names.stream().anyMatch(p -> !Shell.roundTrips(p)), "the fixture has names that are not text");

        migrate(p -> { });

        assertEquals(names, Shell.relativeTree(to), "the same names, byte for byte");
        assertTrue(Shell.run(to.resolve("models--org--tts"), "ls -b").contains("notes_\\377.txt"));
        assertEquals(List.of(hub), beside(hub.getParent()), "the original was replaced by the link, nothing left");
        assertEquals(List.of(to), beside(to.getParent()));
    }

    // ---------------------------------------------------------------- 10: inside the source through a link

    @Test
    void aDestinationInsideTheSourceThroughALinkIsRefused() throws Exception {
        Path alias = dir.resolve("alias");
        Files.createSymbolicLink(alias, hub.resolve("models--org--tts"));
        var e = assertThrows(MigrationRefused.class, () -> MigrateOperation.preflight(
                new MigrationRequest(hub, alias.resolve("new"), true, false), p -> false));
        assertEquals(Reason.DESTINATION_INSIDE_SOURCE, e.reason(), e.getMessage());

        Path viaParent = dir.resolve("cache-link");
        Files.createSymbolicLink(viaParent, hub.getParent());
        var e2 = assertThrows(MigrationRefused.class, () -> MigrateOperation.preflight(
                new MigrationRequest(viaParent.resolve("hub"), hub.resolve("x"), true, true), p -> false));
        assertEquals(Reason.DESTINATION_INSIDE_SOURCE, e2.reason(), e2.getMessage());
        assertTrue(MigrationJournal.scan(state).isEmpty());
        assertEquals(before, Manifest.of(hub));
    }

    // ---------------------------------------------------------------- the plan warns about a vanishing place

    @Test
    void thePlanCarriesTheDestinationsHazards() throws Exception {
        FileSystemProbe tmpfs = p -> Optional.of(new FileSystemInfo(to.getParent(), "tmpfs", "tmpfs", 1L << 30,
                1L << 30, Set.of(FileSystemInfo.Hazard.TMPFS)));
        var plan = MigrateOperation.preflight(new MigrationRequest(hub, to, true, false), p -> false, tmpfs);

        assertEquals(Set.of(FileSystemInfo.Hazard.TMPFS), plan.destinationHazards());
        assertTrue(plan.hazardWarning().contains("tmpfs") && plan.hazardWarning().contains("vanish"),
                plan.hazardWarning());
        FileSystemProbe disk = p -> Optional.of(new FileSystemInfo(to.getParent(), "ext4", "/dev/sda1", 1L << 30,
                1L << 30, Set.of()));
        assertEquals("", MigrateOperation.preflight(new MigrationRequest(hub, to, true, false), p -> false, disk)
                .hazardWarning());
    }

    // ---------------------------------------------------------------- 11: a failed copy leaves nothing behind

    @Test
    void aCopyThatFailsHalfWayRollsBackAndSaysSo() throws Exception {
        var e = assertThrows(OperationException.class, () -> migrate(when("copying:2", () -> {
            throw new IOException("Input/output error");
        })));

        assertTrue(e.getMessage().contains("Input/output error"), e.getMessage());
        assertTrue(e.getMessage().contains("Nothing was moved"), e.getMessage());
        assertEquals(before, Manifest.of(hub));
        assertEquals(List.of(), beside(to.getParent()), "no partial copy");
        assertTrue(MigrationJournal.scan(state).isEmpty(), "no journal");
    }

    @Test
    void aTruncatedJournalIsReportedNotIgnored() throws Exception {
        Path file = state.resolve("migrations/0badf00d.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\n  \"format_version\" : 2,\n  \"id\" : \"0badf00d\",\n  \"sour");

        var found = MigrationJournal.scan(state);

        assertTrue(found.journals().isEmpty());
        assertEquals(1, found.unreadable().size());
        assertEquals(file, found.unreadable().getFirst().file());
        assertEquals("0badf00d", found.unreadable().getFirst().id());
        assertFalse(found.isEmpty());
    }

    @Test
    void abandoningBeforeTheSwitchRemovesTheCopyAndAfterItRefuses() throws Exception {
        assertThrows(Halt.class, () -> migrate(when("verified", () -> {
            throw new Halt();
        })));
        var j = MigrationJournal.pending(state).getFirst();
        assertTrue(Files.isDirectory(j.partial()));

        MigrateOperation.abandon(j);

        assertEquals(before, Manifest.of(hub));
        assertEquals(List.of(), beside(to.getParent()));
        assertTrue(MigrationJournal.scan(state).isEmpty());

        assertThrows(Halt.class, () -> migrate(when("switched", () -> {
            throw new Halt();
        })));
        var late = MigrationJournal.pending(state).getFirst();
        var e = assertThrows(OperationException.class, () -> MigrateOperation.abandon(late));
        assertTrue(e.getMessage().contains("cannot be abandoned"), e.getMessage());
        assertEquals(1, MigrationJournal.pending(state).size(), "refusing changed nothing");
        MigrateOperation.resume(late).run(ProgressListener.NONE, Cancellation.create());
        assertEquals(before, Manifest.of(to));
    }

    /** Stands for a kill: the run stops dead, nothing of it is cleaned up. */
    static final class Halt extends Error {
    }
}
