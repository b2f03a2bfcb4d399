package dev.modelkeeper.core.env;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.modelkeeper.core.fs.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads and saves {@link Settings} as JSON. Loading never fails: a missing file gives defaults, and a
 * corrupt one is kept aside as {@code settings.json.corrupt-<time>} (the user's data is never thrown
 * away) before defaults are used. Saving is atomic.
 */
public final class SettingsStore {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public Settings load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Settings.defaults();
        } catch (IOException e) {
            return Settings.defaults();
        }
        try {
            return JSON.readValue(bytes, Dto.class).toSettings();
        } catch (IOException | RuntimeException e) {
            keepAside();
            return Settings.defaults();
        }
    }

    public void save(Settings settings) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(Dto.of(settings)));
    }

    private void keepAside() {
        try {
            String stamp = Instant.now().toString().replace(':', '-');
            Files.move(file, file.resolveSibling(file.getFileName() + ".corrupt-" + stamp));
        } catch (IOException ignored) {
            // leaving the corrupt file in place is safe: it is never overwritten until the next save
        }
    }

    /** The file format. Unknown fields (from a newer version) are ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Dto {
        public int version = 1;
        public List<String> userRoots = new ArrayList<>();
        public Settings.WindowBounds window;
        public String language;
        public Settings.HubSettings hub;
        public Thresholds thresholds;
        public String theme;
        public List<Settings.Profile> profiles;
        public String activeProfile;
        public Settings.MetricsServing metrics;

        static Dto of(Settings s) {
            var dto = new Dto();
            s.userRoots().forEach(p -> dto.userRoots.add(p.toString()));
            dto.window = s.window();
            dto.language = s.language();
            dto.hub = s.hub();
            dto.thresholds = s.thresholds();
            dto.theme = s.theme();
            dto.profiles = s.profiles().isEmpty() ? null : s.profiles();
            dto.activeProfile = s.activeProfile();
            dto.metrics = s.metrics().equals(Settings.MetricsServing.defaults()) ? null : s.metrics();
            return dto;
        }

        Settings toSettings() {
            List<Path> roots = userRoots == null ? List.of()
                    : userRoots.stream().filter(r -> r != null && !r.isBlank()).map(Path::of).toList();
            List<Settings.Profile> stored = profiles == null ? List.of()
                    : profiles.stream().filter(p -> p != null && p.name() != null && p.url() != null).toList();
            return new Settings(roots, window, language, hub, thresholds, theme, stored, activeProfile, metrics);
        }
    }
}
