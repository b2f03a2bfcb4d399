package dev.modelkeeper.core.migrate;

import dev.modelkeeper.core.fs.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes a cache's new place known through the environment instead of (or as well as) a link: the
 * variable the official clients read ({@code HF_HOME}, {@code HF_HUB_CACHE}, {@code TORCH_HOME},
 * {@code MODELSCOPE_CACHE}), written where a Linux user's programs see it, and ready-to-copy snippets.
 *
 * <ul>
 *   <li>{@code ~/.config/environment.d/60-modelkeeper.conf}: read by systemd user sessions (desktop apps);</li>
 *   <li>a marked block in {@code ~/.profile}: login shells and what they start.</li>
 * </ul>
 * macOS ({@code launchctl setenv} plus {@code ~/.zprofile}) and Windows ({@code setx}) are documented in
 * docs/cli.md, not written by this class. Writing is idempotent; {@link #remove} takes both out again.
 */
public final class EnvironmentExport {

    static final String BEGIN = "# >>> modelkeeper >>>";
    static final String END = "# <<< modelkeeper <<<";

    private final Path home;

    public EnvironmentExport(Path home) {
        this.home = home;
    }

    /** The variable that points a client at this folder: by the folder's role in its cache layout. */
    public static String variableFor(Path cache) {
        String name = cache.getFileName().toString();
        Path parent = cache.getParent();
        if (name.equals("hub") && parent != null && parent.getFileName().toString().equals("torch")) {
            return "TORCH_HOME"; // set to the parent: torch.hub uses $TORCH_HOME/hub
        }
        if (name.equals("hub")) {
            return "HF_HUB_CACHE";
        }
        if (name.equals("huggingface") || Files.isDirectory(cache.resolve("hub"))) {
            return "HF_HOME";
        }
        if (name.equals("modelscope") || name.equals("ModelScope")) {
            return "MODELSCOPE_CACHE";
        }
        return "HF_HUB_CACHE";
    }

    /** The value for {@link #variableFor}: the folder itself, or its parent for TORCH_HOME. */
    public static String valueFor(String variable, Path cache) {
        return variable.equals("TORCH_HOME") && cache.getFileName().toString().equals("hub")
                ? cache.getParent().toString() : cache.toString();
    }

    public Path environmentD() {
        return home.resolve(".config/environment.d/60-modelkeeper.conf");
    }

    public Path profile() {
        return home.resolve(".profile");
    }

    /** The files {@link #write} changes, in the order it writes them. */
    public java.util.List<Path> files() {
        return java.util.List.of(environmentD(), profile());
    }

    public void write(String variable, String value) throws IOException {
        AtomicFiles.writeString(environmentD(), "# written by ModelKeeper: where the model cache moved\n"
                + variable + "=" + value + "\n");
        String kept = withoutBlock(readProfile());
        String block = BEGIN + "\nexport " + variable + "=\"" + value + "\"\n" + END + "\n";
        AtomicFiles.writeString(profile(), kept + (kept.isEmpty() || kept.endsWith("\n") ? "" : "\n") + block);
    }

    public void remove() throws IOException {
        Files.deleteIfExists(environmentD());
        if (Files.exists(profile())) {
            AtomicFiles.writeString(profile(), withoutBlock(readProfile()));
        }
    }

    private String readProfile() throws IOException {
        return Files.exists(profile()) ? Files.readString(profile(), StandardCharsets.UTF_8) : "";
    }

    private static String withoutBlock(String text) {
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        if (b < 0 || e < b) {
            return text;
        }
        return text.substring(0, b) + text.substring(Math.min(text.length(), e + END.length() + 1));
    }

    /** Copy-ready lines for a shell, a systemd unit and docker compose. */
    public static String snippets(String variable, String value) {
        return "# shell (~/.bashrc, ~/.zshrc)\nexport " + variable + "=\"" + value + "\"\n\n"
                + "# systemd unit, [Service] section\nEnvironment=" + variable + "=" + value + "\n\n"
                + "# docker compose service\nvolumes:\n  - " + value + ":" + value + "\nenvironment:\n  - "
                + variable + "=" + value + "\n";
    }
}
