package dev.modelkeeper.core.hub;

import dev.modelkeeper.core.env.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An access token, found where the official client looks (spec §1.1): {@code HF_TOKEN}, then
 * {@code HUGGING_FACE_HUB_TOKEN}, then the token file ({@code HF_TOKEN_PATH}, default
 * {@code $HF_HOME/token}), then one entered in the settings. Its text never appears in
 * {@link #toString()}, logs or exception messages.
 */
public final class HubToken {

    private final String value;
    private final String source;

    private HubToken(String value, String source) {
        this.value = value;
        this.source = source;
    }

    /** The token, if any source has a non-empty one (cleaned: no CR/LF, trimmed). */
    public static Optional<HubToken> resolve(Environment env, Path hfHome, String configured) {
        for (String var : new String[] {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"}) {
            var t = env.get(var).flatMap(v -> clean(v, var));
            if (t.isPresent()) {
                return t;
            }
        }
        Path file = env.get("HF_TOKEN_PATH").map(Path::of).orElse(hfHome.resolve("token"));
        try {
            if (Files.isRegularFile(file)) {
                var t = clean(Files.readString(file), "token file " + file);
                if (t.isPresent()) {
                    return t;
                }
            }
        } catch (IOException e) {
            // an unreadable token file is the same as none; downloads of public repos still work
        }
        return configured == null ? Optional.empty() : clean(configured, "settings");
    }

    /** A token given directly (an endpoint profile's own), cleaned like the others. */
    static Optional<HubToken> of(String raw, String source) {
        return clean(raw, source);
    }

    private static Optional<HubToken> clean(String raw, String source) {
        String v = raw.replace("\r", "").replace("\n", "").strip();
        return v.isEmpty() ? Optional.empty() : Optional.of(new HubToken(v, source));
    }

    /** The {@code Authorization} header value. Package-private: only the client sends it. */
    String header() {
        return "Bearer " + value;
    }

    /** Where the token came from ("HF_TOKEN", "token file /home/me/.cache/huggingface/token"). */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "HubToken[from " + source + ", hidden]";
    }
}
