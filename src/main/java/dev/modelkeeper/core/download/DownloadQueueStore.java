package dev.modelkeeper.core.download;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.cache.RepoType;
import dev.modelkeeper.core.fs.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The downloads that were running or paused, kept on disk so they survive a restart. Written
 * atomically; an unreadable file means an empty queue (the partial data itself stays in the cache).
 */
public final class DownloadQueueStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public DownloadQueueStore(Path file) {
        this.file = file;
    }

    public List<DownloadRequest> load() {
        try {
            var items = JSON.readValue(Files.readAllBytes(file), Item[].class);
            var out = new ArrayList<DownloadRequest>();
            for (Item i : items) {
                RepoType.fromId(i.type).ifPresent(t -> out.add(new DownloadRequest(t, i.repoId, i.revision,
                        nonNull(i.include), nonNull(i.exclude), Path.of(i.cache), false)));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    public void save(List<DownloadRequest> requests) throws IOException {
        var items = requests.stream().map(Item::of).toList();
        AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(items));
    }

    private static List<String> nonNull(List<String> l) {
        return l == null ? List.of() : l;
    }

    /** The file format; unknown fields are ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class Item {
        public String type;
        public String repoId;
        public String revision;
        public List<String> include;
        public List<String> exclude;
        public String cache;

        static Item of(DownloadRequest r) {
            var i = new Item();
            i.type = r.type().id();
            i.repoId = r.repoId();
            i.revision = r.revision();
            i.include = r.include();
            i.exclude = r.exclude();
            i.cache = r.cache().toString();
            return i;
        }
    }
}
