package dev.modelkeeper.core.migrate;

import static dev.modelkeeper.testing.CacheFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.fs.FileLocks;
import dev.modelkeeper.core.migrate.MigrationRefused.Reason;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.ProgressListener;
import dev.modelkeeper.testing.CacheFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateOperationTest {

    @TempDir
    Path dir;
    private Path hub;
    private Path state;
    private Map<String, String> before;

    @BeforeEach
    void cache() throws Exception {
        hub = dir.resolve("home/.cache/huggingface/hub");
        byte[] weights = new byte[3_000_000];
        new Random(1).nextBytes(weights);
        new CacheFixture(hub).model("org/tts").file(commit(1), "config.json", "{}")
                .lfsFile(commit(1), "model.safetensors", weights).file(commit(1), "nested/dir/tok.json", "{\"a\":1}")
                .ref("main", commit(1));
        Files.createDirectories(hub.resolve(".locks/models--org--tts"));
        Files.writeString(hub.resolve(".locks/models--org--tts/x.lock"), "");
        state = dir.resolve("state");
        before = Manifest.of(hub);
    }

    private MigrationJournal migrate(Path to, boolean forceCopy) throws Exception {
        var plan = MigrateOperation.preflight(new MigrationRequest(hub, to, true, forceCopy), p -> false);
        return MigrateOperation.start(state, plan).run(ProgressListener.NONE, Cancellation.create());
    }

    private void assertMovedTo(Path to) throws Exception {
        assertTrue(Files.isSymbolicLink(hub), "a link at the old path");
        assertEquals(to, Files.readSymbolicLink(hub));
        assertEquals(before, Manifest.of(to), "paths, link targets and contents");
        assertEquals(before, Manifest.of(hub.toRealPath()), "the old path leads to the same cache");
        try (var left = Files.list(hub.getParent())) {
            assertEquals(List.of(hub), left.toList(), "nothing left beside the old path");
        }
        assertTrue(MigrationJournal.pending(state).isEmpty());
    }

    @Test
    void onOneFilesystemItIsOneRenameAndALink() throws Exception {
        Path to = dir.resolve("hdd/hub");
        Files.createDirectories(to.getParent());
        var plan = MigrateOperation.preflight(new MigrationRequest(hub, to, true, false), p -> false);
        assertTrue(plan.sameFilesystem());
        long inode = (long) Files.getAttribute(hub.resolve("models--org--tts"), "unix:ino");

        migrate(to, false);

        assertMovedTo(to);
        assertEquals(inode, (long) Files.getAttribute(to.resolve("models--org--tts"), "unix:ino"), "moved, not copied");
    }

    @Test
    void aCopyKeepsRelativeLinksAsLinksAndKeepsModesAndTimes() throws Exception {
        Path blob = Files.list(hub.resolve("models--org--tts/blobs")).findFirst().orElseThrow();
        Files.setPosixFilePermissions(blob, PosixFilePermissions.fromString("r--r-----"));
        Files.setLastModifiedTime(blob, FileTime.fromMillis(1_600_000_000_000L));
        Path to = dir.resolve("hdd/hub");
        Files.createDirectories(to.getParent());
        try (var fs = SecondFilesystem.mount(dir.resolve("hdd"), "size=64m")) {
            migrate(to, fs == null);

            assertMovedTo(to);
            Path copied = to.resolve(hub.relativize(blob).toString());
            assertEquals("r--r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(copied)));
            assertEquals(FileTime.fromMillis(1_600_000_000_000L), Files.getLastModifiedTime(copied));
            Path entry = to.resolve("models--org--tts/snapshots/" + commit(1) + "/model.safetensors");
            assertTrue(Files.isSymbolicLink(entry));
            assertFalse(Files.readSymbolicLink(entry).isAbsolute(), "still relative");
            Files.delete(hub); // the link, before the tmpfs goes
        }
    }

    @Test
    void cancellingTheCopyRollsBackAndLeavesTheOriginalUntouched() throws Exception {
        Path to = dir.resolve("hdd/hub");
        Files.createDirectories(to.getParent());
        var plan = MigrateOperation.preflight(new MigrationRequest(hub, to, true, true), p -> false);
        var cancel = Cancellation.create();
        ProgressListener stopHalfway = new ProgressListener() {
            @Override
            public void progress(long done, long total) {
                if (done > 1_000_000) {
                    cancel.cancel();
                }
            }
        };

        assertThrows(CancelledException.class, () -> MigrateOperation.start(state, plan).run(stopHalfway, cancel));

        assertFalse(Files.isSymbolicLink(hub));
        assertEquals(before, Manifest.of(hub));
        try (var left = Files.list(to.getParent())) {
            assertEquals(List.of(), left.toList(), "the partial copy is gone");
        }
        assertTrue(MigrationJournal.pending(state).isEmpty());
    }

    @Test
    void undoMovesItBackAndRemovesTheLink() throws Exception {
        Path to = dir.resolve("hdd/hub");
        Files.createDirectories(to.getParent());
        migrate(to, true);

        var back = new MigrationRequest(to, hub, false, true);
        MigrateOperation.start(state, MigrateOperation.preflightUndo(back)).run(ProgressListener.NONE,
                Cancellation.create());

        assertFalse(Files.isSymbolicLink(hub));
        assertEquals(before, Manifest.of(hub));
        assertFalse(Files.exists(to));
    }

    // ------------------------------------------------------------- refusals: each changes nothing

    private void assertRefused(Reason reason, Path from, Path to, java.util.function.Predicate<Path> busy)
            throws Exception {
        var snapshot = Manifest.of(dir);
        var e = assertThrows(MigrationRefused.class,
                () -> MigrateOperation.preflight(new MigrationRequest(from, to, true, false), busy));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().endsWith("Nothing was changed."), e.getMessage());
        assertEquals(snapshot, Manifest.of(dir), "refusing changed nothing on disk");
    }

    @Test
    void refusesAMissingSourceAFileAndALink() throws Exception {
        Files.createDirectories(dir.resolve("hdd"));
        assertRefused(Reason.SOURCE_MISSING, dir.resolve("nope"), dir.resolve("hdd/x"), p -> false);
        Path file = dir.resolve("file.txt");
        Files.writeString(file, "x");
        assertRefused(Reason.SOURCE_NOT_A_FOLDER, file, dir.resolve("hdd/x"), p -> false);
        Path link = dir.resolve("link");
        Files.createSymbolicLink(link, hub);
        assertRefused(Reason.SOURCE_IS_A_LINK, link, dir.resolve("hdd/x"), p -> false);
    }

    @Test
    void refusesADestinationInsideTheSourceAndTheReverse() throws Exception {
        assertRefused(Reason.DESTINATION_INSIDE_SOURCE, hub, hub.resolve("models--org--tts/new"), p -> false);
        assertRefused(Reason.SOURCE_INSIDE_DESTINATION, hub, hub.getParent(), p -> false);
    }

    @Test
    void refusesADestinationThatIsNotEmptyOrWhoseDriveIsMissing() throws Exception {
        Path full = dir.resolve("hdd/full");
        Files.createDirectories(full);
        Files.writeString(full.resolve("mine.txt"), "keep me");
        assertRefused(Reason.DESTINATION_NOT_EMPTY, hub, full, p -> false);
        assertRefused(Reason.DESTINATION_UNAVAILABLE, hub, dir.resolve("media/usb-not-plugged/hub"), p -> false);
    }

    @Test
    void refusesWhenADownloadOrAJobOfTheAppUsesTheCache() throws Exception {
        Files.createDirectories(dir.resolve("hdd"));
        try (var held = FileLocks.tryLock(hub.resolve(".locks/models--org--tts/x.lock")).orElseThrow()) {
            assertRefused(Reason.IN_USE, hub, dir.resolve("hdd/hub"), p -> false);
        }
        assertRefused(Reason.BUSY_IN_APP, hub, dir.resolve("hdd/hub"), p -> p.equals(hub));
    }

    @Test
    void refusesWithoutEnoughSpace() throws Exception {
        Path small = dir.resolve("small");
        try (var fs = SecondFilesystem.mount(small, "size=1m")) {
            if (fs != null) {
                assertRefused(Reason.NOT_ENOUGH_SPACE, hub, small.resolve("hub"), p -> false);
            } else {
                System.out.println("NOTE: no second filesystem; the free-space refusal is checked through a huge cache");
                var e = assertThrows(MigrationRefused.class, () -> MigrateOperation.preflight(
                        new MigrationRequest(hub, dir.resolve("x"), true, true), p -> false));
                assertTrue(e.reason() == Reason.NOT_ENOUGH_SPACE || e.reason() == Reason.DESTINATION_UNAVAILABLE);
            }
        }
    }

    @Test
    void refusesWithoutPermission() throws Exception {
        Path ro = dir.resolve("ro");
        try (var fs = SecondFilesystem.mount(ro, "size=8m,ro")) {
            if (fs == null) {
                Files.createDirectories(ro);
                Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
            }
            assertRefused(Reason.NO_PERMISSION, hub, ro.resolve("hub"), p -> false);
            if (fs == null) {
                Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    @Test
    void theEnvironmentIsWrittenOnceAndTakenOutAgain() throws Exception {
        Path home = dir.resolve("userhome");
        Files.createDirectories(home);
        Files.writeString(home.resolve(".profile"), "# mine\nexport PATH=$PATH:~/bin\n");
        var export = new EnvironmentExport(home);
        assertEquals("HF_HUB_CACHE", EnvironmentExport.variableFor(hub));
        assertEquals("HF_HOME", EnvironmentExport.variableFor(hub.getParent()));
        assertEquals("TORCH_HOME", EnvironmentExport.variableFor(Path.of("/x/torch/hub")));
        assertEquals("/x/torch", EnvironmentExport.valueFor("TORCH_HOME", Path.of("/x/torch/hub")));

        export.write("HF_HUB_CACHE", "/mnt/hdd/hub");
        export.write("HF_HUB_CACHE", "/mnt/hdd2/hub");

        assertEquals("# written by ModelKeeper: where the model cache moved\nHF_HUB_CACHE=/mnt/hdd2/hub\n",
                Files.readString(export.environmentD()));
        String profile = Files.readString(home.resolve(".profile"));
        assertTrue(profile.startsWith("# mine\nexport PATH=$PATH:~/bin\n"), profile);
        assertEquals(1, profile.split("modelkeeper >>>", -1).length - 1, "one block: " + profile);
        assertTrue(profile.contains("export HF_HUB_CACHE=\"/mnt/hdd2/hub\""), profile);
        assertTrue(EnvironmentExport.snippets("HF_HUB_CACHE", "/mnt/hdd2/hub")
                .contains("Environment=HF_HUB_CACHE=/mnt/hdd2/hub"));

        export.remove();

        assertEquals("# mine\nexport PATH=$PATH:~/bin\n", Files.readString(home.resolve(".profile")));
        assertFalse(Files.exists(export.environmentD()));
    }
}
