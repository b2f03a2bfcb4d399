package dev.modelkeeper.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.cleanup.CleanupPlan;
import dev.modelkeeper.core.cleanup.CleanupPlan.Kind;
import dev.modelkeeper.core.cleanup.CleanupResult;
import dev.modelkeeper.core.cleanup.XetCaches;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A cleanup plan (and result) as JSON: the official {@code DeleteCacheStrategy} names where they exist
 * ({@code expected_freed_size}, {@code repos}, {@code snapshots}, {@code refs}, {@code blobs}, {@code files}),
 * then ours.
 */
final class CleanupJson {

    private static final Map<String, Kind> LISTS = new java.util.LinkedHashMap<>();

    static {
        LISTS.put("repos", Kind.REPO);
        LISTS.put("snapshots", Kind.SNAPSHOT);
        LISTS.put("refs", Kind.REF);
        LISTS.put("blobs", Kind.BLOB);
        LISTS.put("files", Kind.FILE);
        LISTS.put("incomplete_files", Kind.PARTIAL);
        LISTS.put("orphan_blobs", Kind.ORPHAN_BLOB);
        LISTS.put("shared_blobs", Kind.SHARED_PAYLOAD);
        LISTS.put("stale_locks", Kind.STALE_LOCKS);
        LISTS.put("empty_folders", Kind.EMPTY_FOLDER);
        LISTS.put("xet_caches", Kind.XET_CACHE);
    }

    private CleanupJson() {
    }

    static void write(CleanupPlan plan, CleanupResult result, boolean dryRun, List<XetCaches.Cache> xet, Locale locale,
                      PrintStream out) {
        try {
            JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("expected_freed_size", plan.expectedFreedSize());
            for (var list : LISTS.entrySet()) {
                g.writeArrayFieldStart(list.getKey());
                for (CleanupPlan.Removal r : plan.of(list.getValue())) {
                    g.writeString(r.path().toString());
                }
                g.writeEndArray();
            }
            g.writeArrayFieldStart("removals");
            for (CleanupPlan.Removal r : plan.removals()) {
                g.writeStartObject();
                g.writeStringField("kind", r.kind().name().toLowerCase(Locale.ROOT));
                g.writeStringField("path", r.path().toString());
                g.writeNumberField("size", r.bytes());
                g.writeStringField("fate", r.fate().name().toLowerCase(Locale.ROOT));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("needs_permanent", plan.needsPermanent());
            g.writeArrayFieldStart("xet_cache_sizes");
            for (XetCaches.Cache c : xet) {
                g.writeStartObject();
                g.writeStringField("path", c.path().toString());
                g.writeNumberField("size", c.size());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("kept_shared");
            for (CleanupPlan.Kept k : plan.keptShared()) {
                g.writeStartObject();
                g.writeStringField("path", k.path().toString());
                g.writeNumberField("size", k.bytes());
                g.writeStringField("reason", k.reason().render(locale));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("refused");
            for (CleanupPlan.Refusal r : plan.refused()) {
                writeRefusal(g, r, locale);
            }
            if (result != null) {
                for (CleanupPlan.Refusal r : result.refused()) {
                    writeRefusal(g, r, locale);
                }
            }
            g.writeEndArray();
            g.writeBooleanField("dry_run", dryRun);
            g.writeBooleanField("executed", result != null);
            if (result != null) {
                g.writeNumberField("freed_size", result.freedBytes());
                g.writeArrayFieldStart("failed");
                for (CleanupResult.Failure f : result.failed()) {
                    g.writeString(f.reason().render(locale));
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.flush();
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeRefusal(JsonGenerator g, CleanupPlan.Refusal r, Locale locale) throws IOException {
        g.writeStartObject();
        g.writeStringField("repo", r.repo());
        g.writeStringField("path", r.repoPath().toString());
        g.writeStringField("reason", r.reason().render(locale));
        g.writeEndObject();
    }
}
