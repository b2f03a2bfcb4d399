package dev.modelkeeper.core.cache;

import static dev.modelkeeper.testing.CacheFixture.commit;

import dev.modelkeeper.testing.CacheFixture;
import dev.modelkeeper.testing.RepoFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Hub caches with one bad entry among good ones (a symlink loop, a folder that cannot be read, names that
 * are not UTF-8), built with the shell so that names are the exact bytes a real cache would hold.
 * Shared by the scan and verify tests.
 */
public final class BadEntries {

    /** The three good files every fixture here has in {@code snapshots/<commit(1)>/}. */
    public static final List<String> GOOD = List.of("config.json", "sub/a.txt", "sub/deeper/b.txt");

    private BadEntries() {
    }

    /** {@code models--org--m} with the {@link #GOOD} files in one revision on main. */
    public static RepoFixture goodRepo(Path cache) {
        return new CacheFixture(cache).model("org/m").file(commit(1), GOOD.get(0), "{}")
                .file(commit(1), GOOD.get(1), "a").file(commit(1), GOOD.get(2), "b").ref("main", commit(1));
    }

    /** Runs {@code script} with {@code sh -c} in {@code dir}; fails when it fails. */
    public static void sh(Path dir, String script) throws IOException, InterruptedException {
        var p = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("sh failed: " + script + "\n" + out);
        }
    }

    /** {@code ln -s . loop} in the snapshot and in its sub folder, and {@code a -> b -> a} next to them. */
    public static RepoFixture loops(Path cache) throws IOException, InterruptedException {
        var repo = goodRepo(cache);
        sh(repo.snapshot(commit(1)), "ln -s . loop && ln -s .. sub/up && ln -s b a && ln -s a b");
        return repo;
    }

    /** The content of the blob that only the entry inside {@link #tooDeep} links to. */
    public static final byte[] HIDDEN = "hidden".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /**
     * {@code snapshots/<commit(1)>/deep}, nested so deep that the paths at its bottom are longer than
     * PATH_MAX: they cannot be read by anyone (root included), the way a folder with no read permission
     * cannot. At the bottom, {@code lost.bin} links to a blob of {@link #HIDDEN} that nothing else uses.
     */
    public static Path tooDeep(RepoFixture repo) throws IOException, InterruptedException {
        String name = "d".repeat(200);
        Path deep = repo.snapshot(commit(1)).resolve("deep");
        repo.orphanBlob(HIDDEN);
        // deep/ + 19 levels stays under 4096 bytes; x/ + 2 more levels moved into it goes past
        String upper = (name + "/").repeat(19);
        String lower = (name + "/").repeat(2);
        String back = "../".repeat(1 + 19 + 1 + 2 + 2) + "blobs/" + CacheFixture.sha256(HIDDEN);
        sh(repo.snapshot(commit(1)), "mkdir -p deep/" + upper + " x/" + lower + " && ln -s " + back + " x/" + lower
                + "lost.bin && mv x deep/" + upper);
        return deep;
    }

    /** {@code parent/deep/…}: empty folders nested past PATH_MAX, so that the deepest cannot be read. */
    public static Path deepFolders(Path parent) throws IOException, InterruptedException {
        Files.createDirectories(parent);
        sh(parent, "mkdir -p deep/" + ("d".repeat(200) + "/").repeat(22));
        return parent.resolve("deep");
    }

    /**
     * Removes what {@link #tooDeep} or {@link #deepFolders} made ({@code rm} walks folders by handle, so depth does
     * not stop it).
     */
    public static void removeTooDeep(Path deep) throws IOException, InterruptedException {
        sh(deep.getParent(), "rm -rf deep");
    }

    /** The byte 0xff in a name (not UTF-8), as {@code printf} writes it. */
    public static final String FF = "\\377";

    /**
     * {@code models--org--na<0xff>me} with {@code count} files in one revision, one of them named
     * {@code x_<0xff>.txt}. Returns the repo folder, listed from disk (its name cannot be spelled as a String).
     */
    public static Path nonUtf8Repo(Path cache, int count) throws IOException, InterruptedException {
        var repo = new CacheFixture(cache).model("org/tmp").file(commit(1), "x_placeholder.txt", "ff")
                .ref("main", commit(1));
        for (int i = 1; i < count; i++) {
            repo.file(commit(1), "f" + i + ".txt", "content " + i);
        }
        sh(repo.snapshot(commit(1)), "mv x_placeholder.txt \"$(printf 'x_" + FF + ".txt')\"");
        sh(cache, "mv models--org--tmp \"$(printf 'models--org--na" + FF + "me')\"");
        try (var list = Files.list(cache)) {
            return list.filter(p -> p.getFileName().toString().startsWith("models--org--na")).findFirst()
                    .orElseThrow();
        }
    }
}
