package dev.modelkeeper.core.manifest;

import static dev.modelkeeper.core.manifest.ManifestException.BUNDLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.hub.PathPatterns;
import dev.modelkeeper.core.manifest.ProjectManifest.Entry;
import dev.modelkeeper.core.task.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether a program can load an entry offline from a hub cache, judged from the disk alone (no network, nothing
 * written): the revision's ref (pointing at the locked commit when there is a lock), its snapshot, and every file the
 * include/exclude patterns select from {@code trees/<commit>.json} present with its size.
 */
final class ReadyCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Missing files named in a sentence; the rest are counted. */
    private static final int NAMED = 3;

    /**
     * @param commit  the commit the entry is at in the cache, or null when it is not there
     * @param missing why the entry is not ready offline; empty when it is
     */
    record State(String commit, List<Message> missing) {
    }

    private ReadyCheck() {
    }

    static State check(Path cache, Entry e, Optional<String> locked) {
        var layout = new HubLayout(cache, e.type(), e.repo());
        String commit = e.commit() != null ? e.commit() : locked.orElse(null);
        if (e.revision() != null) {
            String ref = readRef(layout.ref(e.revision()));
            if (commit == null) {
                commit = ref;
            } else if (!commit.equals(ref) && Files.isDirectory(layout.snapshot(commit))) {
                return new State(null, List.of(new Message(BUNDLE, "manifest.missing.ref", e.label(), e.revision(),
                        ref == null ? new Message(BUNDLE, "manifest.missing.noRef") : ref, commit)));
            }
        }
        if (commit == null || !Files.isDirectory(layout.snapshot(commit))) {
            return new State(null, List.of(new Message(BUNDLE, "manifest.missing.revision", e.label(),
                    commit == null ? e.revision() : commit, cache)));
        }
        var patterns = new PathPatterns(e.include(), e.exclude());
        List<String> absent = new ArrayList<>();
        Optional<Map<String, Long>> tree = tree(layout.tree(commit));
        if (tree.isPresent()) {
            for (var f : tree.get().entrySet()) {
                Path pointer = layout.pointer(commit, f.getKey());
                if (patterns.accepts(f.getKey()) && !(Files.isRegularFile(pointer) && size(pointer) == f.getValue())) {
                    absent.add(f.getKey());
                }
            }
        } else if (!anyFile(layout.snapshot(commit), patterns)) {
            absent.add(String.join(", ", e.include().isEmpty() ? List.of("*") : e.include()));
        }
        if (absent.isEmpty()) {
            return new State(commit, List.of());
        }
        String named = String.join(", ", absent.stream().sorted().limit(NAMED).toList())
                + (absent.size() > NAMED ? " …" : "");
        return new State(commit, List.of(new Message(BUNDLE, "manifest.missing.files", e.label(), absent.size(), named)));
    }

    private static String readRef(Path ref) {
        try {
            String c = Files.readString(ref, StandardCharsets.US_ASCII).strip();
            return c.matches("[0-9a-f]{40}") ? c : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Path → size from {@code trees/<commit>.json}, or empty when it is absent or unreadable. */
    private static Optional<Map<String, Long>> tree(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > 256L << 20) {
                return Optional.empty();
            }
            JsonNode files = JSON.readTree(file.toFile()).path("files");
            if (!files.isObject()) {
                return Optional.empty();
            }
            var out = new java.util.TreeMap<String, Long>();
            for (Iterator<Map.Entry<String, JsonNode>> it = files.properties().iterator(); it.hasNext();) {
                var f = it.next();
                out.put(f.getKey(), f.getValue().path("size").asLong(-1));
            }
            return Optional.of(out);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -2;
        }
    }

    private static boolean anyFile(Path snapshot, PathPatterns patterns) {
        try (Stream<Path> walk = Files.walk(snapshot)) {
            return walk.filter(Files::isRegularFile)
                    .anyMatch(p -> patterns.accepts(snapshot.relativize(p).toString().replace('\\', '/')));
        } catch (IOException e) {
            return false;
        }
    }
}
