package dev.modelkeeper.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.CachedFile;
import dev.modelkeeper.core.cache.Finding;
import dev.modelkeeper.core.cache.FindingTexts;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.Revision;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code scan --json}: the official {@code scan_cache_dir} field names ({@code repo_type}, {@code repo_id},
 * {@code size_on_disk}, {@code nb_files}, {@code refs}, {@code revisions[].commit_hash}, {@code files[].blob_path}
 * …; times as epoch seconds) plus ours (findings, filesystem, allocated sizes, storage, incomplete files).
 */
final class ScanJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private ScanJson() {
    }

    static String write(List<CacheScan> scans, Locale locale) {
        var texts = new FindingTexts(locale);
        ObjectNode top = JSON.createObjectNode();
        top.put("version", 1);
        top.put("size_on_disk", scans.stream().mapToLong(CacheScan::sizeOnDisk).sum());
        ArrayNode roots = top.putArray("roots");
        scans.forEach(s -> roots.add(root(s, texts)));
        try {
            return JSON.writeValueAsString(top);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode root(CacheScan s, FindingTexts texts) {
        ObjectNode n = JSON.createObjectNode();
        n.put("path", s.root().path().toString());
        n.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
        n.put("origin", s.root().origin().name().toLowerCase(Locale.ROOT));
        n.put("variable", s.root().variable());
        n.put("state", s.state().name().toLowerCase(Locale.ROOT));
        n.put("size_on_disk", s.sizeOnDisk());
        n.put("allocated_size_on_disk", s.allocatedOnDisk());
        s.fileSystem().ifPresentOrElse(fs -> {
            ObjectNode f = n.putObject("filesystem");
            f.put("mount_point", fs.mountPoint().toString());
            f.put("type", fs.type());
            f.put("device", fs.device());
            f.put("total_bytes", fs.totalBytes());
            f.put("free_bytes", fs.usableBytes());
            ArrayNode hazards = f.putArray("hazards");
            fs.hazards().stream().map(h -> h.name().toLowerCase(Locale.ROOT)).sorted().forEach(hazards::add);
        }, () -> n.putNull("filesystem"));
        ArrayNode repos = n.putArray("repos");
        s.repos().forEach(r -> repos.add(repo(r, texts)));
        n.set("findings", findings(s.findings(), texts));
        ArrayNode incomplete = n.putArray("incomplete_files");
        s.incompleteFiles().forEach(i -> incomplete.addObject().put("path", i.path().toString())
                .put("size_on_disk", i.size()).put("last_modified", seconds(i.lastModified()))
                .put("lock_held", i.lockHeld()));
        return n;
    }

    private static ObjectNode repo(Repo r, FindingTexts texts) {
        ObjectNode n = JSON.createObjectNode();
        n.put("repo_id", r.repoId());
        n.put("repo_type", r.type().id());
        n.put("repo_path", r.repoPath().toString());
        n.put("size_on_disk", r.sizeOnDisk());
        n.put("allocated_size_on_disk", r.allocatedOnDisk());
        n.put("nb_files", r.nbFiles());
        n.put("last_accessed", seconds(r.lastAccessed()));
        n.put("last_modified", seconds(r.lastModified()));
        ArrayNode refs = n.putArray("refs");
        r.refNames().forEach(refs::add);
        ArrayNode revisions = n.putArray("revisions");
        r.revisions().forEach(rev -> revisions.add(revision(rev)));
        n.set("findings", findings(r.findings(), texts));
        return n;
    }

    private static ObjectNode revision(Revision rev) {
        ObjectNode n = JSON.createObjectNode();
        n.put("commit_hash", rev.commitHash());
        n.put("snapshot_path", rev.snapshotPath().toString());
        n.put("size_on_disk", rev.sizeOnDisk());
        n.put("allocated_size_on_disk", rev.allocatedOnDisk());
        n.put("nb_files", rev.nbFiles());
        n.put("last_modified", seconds(rev.lastModified()));
        ArrayNode refs = n.putArray("refs");
        rev.refs().forEach(refs::add);
        ArrayNode files = n.putArray("files");
        rev.files().forEach(f -> files.add(file(f)));
        return n;
    }

    private static ObjectNode file(CachedFile f) {
        ObjectNode n = JSON.createObjectNode();
        n.put("file_name", f.fileName());
        n.put("file_path", f.filePath());
        n.put("blob_path", f.blobPath().toString());
        n.put("size_on_disk", f.size());
        n.put("allocated_size_on_disk", f.allocated());
        n.put("blob_last_accessed", seconds(f.lastAccessed()));
        n.put("blob_last_modified", seconds(f.lastModified()));
        n.put("storage", f.storage().name().toLowerCase(Locale.ROOT));
        return n;
    }

    private static ArrayNode findings(List<Finding> findings, FindingTexts texts) {
        ArrayNode a = JSON.createArrayNode();
        findings.forEach(f -> a.addObject().put("severity", f.severity().name().toLowerCase(Locale.ROOT))
                .put("kind", f.kind().name().toLowerCase(Locale.ROOT)).put("path", f.path().toString())
                .put("detail", f.detail()).put("message", texts.message(f)).put("repair", texts.repair(f)));
        return a;
    }

    /** Epoch seconds with the fraction, like Python's {@code st_mtime}, never in exponent notation. */
    private static java.math.BigDecimal seconds(Instant t) {
        return java.math.BigDecimal.valueOf(t.getEpochSecond()).add(java.math.BigDecimal.valueOf(t.getNano(), 9))
                .stripTrailingZeros();
    }
}
