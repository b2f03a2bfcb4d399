package dev.modelkeeper.core.env;

import dev.modelkeeper.core.fs.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The access token entered in ModelKeeper's settings, in its own file readable only by its owner
 * (0600), never inside settings.json and never logged.
 */
public final class TokenStore {

    private final Path file;

    public TokenStore(Path file) {
        this.file = file;
    }

    public Optional<String> load() {
        try {
            String t = Files.readString(file, StandardCharsets.UTF_8).strip();
            return t.isEmpty() ? Optional.empty() : Optional.of(t);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Saves the token (owner read/write only); an empty token deletes the file. */
    public void save(String token) throws IOException {
        if (token == null || token.isBlank()) {
            Files.deleteIfExists(file);
            return;
        }
        AtomicFiles.writePrivate(file, token.strip().getBytes(StandardCharsets.UTF_8));
    }
}
