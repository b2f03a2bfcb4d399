package dev.modelkeeper.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.CachedFile;
import dev.modelkeeper.core.cache.Finding;
import dev.modelkeeper.core.cache.FindingTexts;
import dev.modelkeeper.core.cache.IncompleteFile;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.Revision;
import dev.modelkeeper.core.fs.FileSystemInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code scan --json}: the official {@code scan_cache_dir} field names ({@code repo_type}, {@code repo_id},
 * {@code size_on_disk}, {@code nb_files}, {@code refs}, {@code revisions[].commit_hash}, {@code files[].blob_path}
 * …; times as epoch seconds) plus ours (findings, filesystem, allocated sizes, storage, incomplete files).
 * Streamed, so a 50,000-file cache never sits in memory twice.
 */
final class ScanJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private final JsonGenerator g;
    private final FindingTexts texts;

    private ScanJson(JsonGenerator g, FindingTexts texts) {
        this.g = g;
        this.texts = texts;
    }

    static void write(List<CacheScan> scans, Locale locale, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            new ScanJson(g, new FindingTexts(locale)).document(scans);
        }
        out.write('\n');
        out.flush();
    }

    private void document(List<CacheScan> scans) throws IOException {
        g.writeStartObject();
        g.writeNumberField("version", 1);
        g.writeNumberField("size_on_disk", scans.stream().mapToLong(CacheScan::sizeOnDisk).sum());
        g.writeArrayFieldStart("roots");
        for (CacheScan s : scans) {
            root(s);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void root(CacheScan s) throws IOException {
        g.writeStartObject();
        g.writeStringField("path", s.root().path().toString());
        g.writeStringField("kind", lower(s.kind()));
        g.writeStringField("origin", lower(s.root().origin()));
        g.writeStringField("variable", s.root().variable());
        g.writeStringField("state", lower(s.state()));
        g.writeNumberField("size_on_disk", s.sizeOnDisk());
        g.writeNumberField("allocated_size_on_disk", s.allocatedOnDisk());
        g.writeFieldName("filesystem");
        fileSystem(s.fileSystem().orElse(null));
        g.writeArrayFieldStart("repos");
        for (Repo r : s.repos()) {
            repo(r);
        }
        g.writeEndArray();
        findings(s.findings());
        g.writeArrayFieldStart("incomplete_files");
        for (IncompleteFile i : s.incompleteFiles()) {
            g.writeStartObject();
            g.writeStringField("path", i.path().toString());
            g.writeNumberField("size_on_disk", i.size());
            time("last_modified", i.lastModified());
            g.writeBooleanField("lock_held", i.lockHeld());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void fileSystem(FileSystemInfo fs) throws IOException {
        if (fs == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringField("mount_point", fs.mountPoint().toString());
        g.writeStringField("type", fs.type());
        g.writeStringField("device", fs.device());
        g.writeNumberField("total_bytes", fs.totalBytes());
        g.writeNumberField("free_bytes", fs.usableBytes());
        g.writeArrayFieldStart("hazards");
        for (String h : fs.hazards().stream().map(ScanJson::lower).sorted().toList()) {
            g.writeString(h);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void repo(Repo r) throws IOException {
        g.writeStartObject();
        g.writeStringField("repo_id", r.repoId());
        g.writeStringField("repo_type", r.type().id());
        g.writeStringField("repo_path", r.repoPath().toString());
        g.writeNumberField("size_on_disk", r.sizeOnDisk());
        g.writeNumberField("allocated_size_on_disk", r.allocatedOnDisk());
        g.writeNumberField("nb_files", r.nbFiles());
        time("last_accessed", r.lastAccessed());
        time("last_modified", r.lastModified());
        strings("refs", r.refNames());
        g.writeArrayFieldStart("revisions");
        for (Revision rev : r.revisions()) {
            revision(rev);
        }
        g.writeEndArray();
        findings(r.findings());
        g.writeEndObject();
    }

    private void revision(Revision rev) throws IOException {
        g.writeStartObject();
        g.writeStringField("commit_hash", rev.commitHash());
        g.writeStringField("snapshot_path", rev.snapshotPath().toString());
        g.writeNumberField("size_on_disk", rev.sizeOnDisk());
        g.writeNumberField("allocated_size_on_disk", rev.allocatedOnDisk());
        g.writeNumberField("nb_files", rev.nbFiles());
        time("last_modified", rev.lastModified());
        strings("refs", rev.refs());
        g.writeArrayFieldStart("files");
        for (CachedFile f : rev.files()) {
            g.writeStartObject();
            g.writeStringField("file_name", f.fileName());
            g.writeStringField("file_path", f.filePath());
            g.writeStringField("blob_path", f.blobPath().toString());
            g.writeNumberField("size_on_disk", f.size());
            g.writeNumberField("allocated_size_on_disk", f.allocated());
            time("blob_last_accessed", f.lastAccessed());
            time("blob_last_modified", f.lastModified());
            g.writeStringField("storage", lower(f.storage()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void findings(List<Finding> findings) throws IOException {
        g.writeArrayFieldStart("findings");
        for (Finding f : findings) {
            g.writeStartObject();
            g.writeStringField("severity", lower(f.severity()));
            g.writeStringField("kind", lower(f.kind()));
            g.writeStringField("path", f.path().toString());
            g.writeStringField("detail", f.detail());
            g.writeStringField("message", texts.message(f));
            g.writeStringField("repair", texts.repair(f));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void strings(String field, Iterable<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** Epoch seconds with the fraction, like Python's {@code st_mtime}, never in exponent notation. */
    private void time(String field, Instant t) throws IOException {
        g.writeNumberField(field, BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9))
                .stripTrailingZeros());
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
