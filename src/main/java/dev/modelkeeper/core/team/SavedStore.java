package dev.modelkeeper.core.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.fs.AtomicFiles;
import dev.modelkeeper.core.task.OperationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The team store the window was told about: address, endpoint and access key in {@code team-store.json} in the
 * config folder, the secret key in {@code team-store.secret} beside it, readable by its owner only (0600) and
 * never in settings.json. An empty address means no store.
 *
 * @param address   {@code s3://bucket[/prefix]}, "" for none
 * @param endpoint  the S3 endpoint URL, "" for the environment's (or AWS)
 * @param accessKey the access key id, "" for the environment's
 */
public record SavedStore(String address, String endpoint, String accessKey) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public SavedStore {
        address = address == null ? "" : address.strip();
        endpoint = endpoint == null ? "" : endpoint.strip();
        accessKey = accessKey == null ? "" : accessKey.strip();
    }

    public static SavedStore none() {
        return new SavedStore("", "", "");
    }

    public boolean isConfigured() {
        return !address.isEmpty();
    }

    /** Where the settings and the secret live. */
    public record Storage(Path settings, Path secret) {

        public static Storage in(Path configDir) {
            return new Storage(configDir.resolve("team-store.json"), configDir.resolve("team-store.secret"));
        }

        /** The saved store, or none when nothing (or nothing readable) was saved. */
        public SavedStore load() {
            try {
                JsonNode n = JSON.readTree(Files.readString(settings, StandardCharsets.UTF_8));
                return new SavedStore(n.path("address").asText(""), n.path("endpoint").asText(""),
                        n.path("accessKey").asText(""));
            } catch (IOException | RuntimeException e) {
                return none();
            }
        }

        public boolean hasSecret() {
            return readSecret().isPresent();
        }

        Optional<String> readSecret() {
            try {
                String s = Files.readString(secret, StandardCharsets.UTF_8).strip();
                return s.isEmpty() ? Optional.empty() : Optional.of(s);
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        /** Saves the store; a non-null {@code newSecret} replaces the stored one ("" removes it). */
        public void save(SavedStore store, String newSecret) throws IOException {
            var node = JSON.createObjectNode().put("address", store.address()).put("endpoint", store.endpoint())
                    .put("accessKey", store.accessKey());
            AtomicFiles.writeString(settings, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            if (newSecret != null && newSecret.isBlank()) {
                Files.deleteIfExists(secret);
            } else if (newSecret != null) {
                AtomicFiles.writePrivate(secret, newSecret.strip().getBytes(StandardCharsets.UTF_8));
            }
        }

        /**
         * The store's configuration: the saved keys when both are there, else the environment's (as the command
         * line reads them).
         */
        public StoreConfig config(SavedStore store, Environment env) throws OperationException {
            Optional<String> saved = readSecret();
            String endpoint = store.endpoint().isEmpty() ? null : store.endpoint();
            if (!store.accessKey().isEmpty() && saved.isPresent()) {
                return StoreConfig.of(store.address(), endpoint, store.accessKey(), saved.get(), null, env);
            }
            return StoreConfig.of(store.address(), endpoint, env);
        }
    }
}
