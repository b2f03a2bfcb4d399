package dev.modelkeeper.core.manifest;

import dev.modelkeeper.core.manifest.ProjectManifest.Entry;
import dev.modelkeeper.core.task.Message;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What ensure (or its check) found for every entry of the manifest.
 *
 * @param cache   the hub cache the entries are in
 * @param entries one per manifest entry, in file order
 */
public record EnsureResult(Path cache, List<EntryResult> entries) {

    /**
     * @param commit         the commit the entry is at, null when it is not in the cache
     * @param missing        why the entry is not ready offline; empty when it is
     * @param files          files of the revision that pass the patterns (0 for a check)
     * @param bytesFromHub   bytes the Hub (or mirror) served
     * @param bytesFromStore bytes the team store served
     */
    public record EntryResult(Entry entry, String commit, List<Message> missing, int files, long bytesFromHub,
                              long bytesFromStore) {
        public EntryResult {
            missing = List.copyOf(missing);
        }

        public boolean ready() {
            return missing.isEmpty() && commit != null;
        }
    }

    public EnsureResult {
        entries = List.copyOf(entries);
    }

    /** Every entry loads offline. */
    public boolean ready() {
        return entries.stream().allMatch(EntryResult::ready);
    }

    public long bytesFromHub() {
        return entries.stream().mapToLong(EntryResult::bytesFromHub).sum();
    }

    public long bytesFromStore() {
        return entries.stream().mapToLong(EntryResult::bytesFromStore).sum();
    }

    /** The commit of each entry that has one, by {@link Entry#label()}: what {@code --lock} writes. */
    public Map<String, String> commits() {
        var out = new LinkedHashMap<String, String>();
        entries.stream().filter(r -> r.commit() != null).forEach(r -> out.put(r.entry().label(), r.commit()));
        return out;
    }
}
