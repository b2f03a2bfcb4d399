package dev.modelkeeper.testing.hub;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Repos that hold what real repos hold, so every operation is tried on them: empty files, names with spaces,
 * unicode in both normal forms, URL-trap characters, deep folders, the same content under two paths, LFS and
 * plain files side by side, a second revision that deletes, renames and changes files, and a {@code main}
 * that moves between downloads.
 */
public final class RealRepos {

    /** The paths of the first revision of {@link #mixed}, with their contents. */
    public static final Map<String, byte[]> FIRST = new LinkedHashMap<>();
    /** What the second revision changes: removed, renamed (old → new), changed and added. */
    public static final String REMOVED = "trap/x&y.txt";
    public static final String RENAMED_FROM = "README.md";
    public static final String RENAMED_TO = "docs/README.md";
    public static final String CHANGED = "config.json";
    public static final String ADDED = "new file.txt";

    private static final byte[] WEIGHTS = new byte[200_000];
    private static final byte[] SHARDS = new byte[70_000];

    static {
        new Random(21).nextBytes(WEIGHTS);
        new Random(22).nextBytes(SHARDS);
        text("README.md", "# A model\n");
        text("__init__.py", "");
        text("pkg/__init__.py", "");
        text(".gitkeep", "");
        text(CHANGED, "{\"hidden\": 64}");
        text("with space/file name.txt", "spaces");
        text("unicode/" + Normalizer.normalize("café.txt", Normalizer.Form.NFC), "nfc");
        text("unicode/" + Normalizer.normalize("café.txt", Normalizer.Form.NFD), "nfd");
        text("unicode/模型说明.md", "中文");
        text("trap/hash#1.txt", "hash");
        text("trap/100%.txt", "percent");
        text("trap/100%25.txt", "already escaped");
        text("trap/a+b.txt", "plus");
        text("trap/what?.txt", "question");
        text(REMOVED, "ampersand");
        text("trap/semi;colon.txt", "semicolon");
        text("deep/a/b/c/d/e/f/g/h/i/j/k/l/leaf.txt", "deep");
        text("copy1.txt", "same content under two paths");
        text("dir/copy2.txt", "same content under two paths");
        FIRST.put("model.safetensors", WEIGHTS);
        FIRST.put("shards/model-00001-of-00002.safetensors", SHARDS);
        FIRST.put("shards/same-as-model.safetensors", WEIGHTS);
    }

    private RealRepos() {
    }

    private static void text(String path, String content) {
        FIRST.put(path, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a path of {@link #FIRST} is stored with LFS (as real repos do for weights). */
    public static boolean isLfs(String path) {
        return path.endsWith(".safetensors");
    }

    /**
     * The mixed repo: revision 1 holds {@link #FIRST}; revision 2 removes {@link #REMOVED}, renames
     * {@link #RENAMED_FROM} to {@link #RENAMED_TO}, changes {@link #CHANGED} and adds {@link #ADDED}.
     * {@code main} points at revision 1; {@link #moveMain} moves it.
     */
    public static FixtureRepo mixed(String id) {
        var repo = FixtureRepo.model(id);
        String first = repo.commit(1);
        FIRST.forEach((path, content) -> {
            if (isLfs(path)) {
                repo.lfsFile(first, path, content);
            } else {
                repo.file(first, path, new String(content, StandardCharsets.UTF_8));
            }
        });
        String second = repo.commit(2);
        repo.remove(second, REMOVED).remove(second, RENAMED_FROM)
                .file(second, RENAMED_TO, "# A model\n")
                .file(second, CHANGED, "{\"hidden\": 128}")
                .file(second, ADDED, "added in revision 2");
        return repo.ref("main", first);
    }

    /** Moves {@code main} to the second revision, as a push to the Hub does. */
    public static String moveMain(FixtureRepo repo) {
        String second = repo.commits().get(1);
        repo.ref("main", second);
        return second;
    }

    /** A repo of {@code count} small files in folders of 100, as datasets and tokenizer-heavy repos hold. */
    public static FixtureRepo many(String id, int count) {
        var repo = FixtureRepo.model(id);
        String c = repo.commit(1);
        for (int i = 0; i < count; i++) {
            repo.file(c, String.format("part-%03d/file-%05d.txt", i / 100, i), "file " + i);
        }
        return repo.ref("main", c);
    }
}
