package dev.modelkeeper.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.modelkeeper.core.cache.FindingTexts;
import dev.modelkeeper.core.verify.Verdict;
import dev.modelkeeper.core.verify.VerifyFinding;
import dev.modelkeeper.core.verify.VerifyListener;
import dev.modelkeeper.core.verify.VerifyReport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code verify --json}: one document whose {@code findings} are written (and flushed) as they are found,
 * followed by every file's verdict and a summary.
 */
final class VerifyJson implements VerifyListener, AutoCloseable {

    private final JsonGenerator g;
    private final FindingTexts texts;
    private final Map<Path, Verdict> verdicts = new LinkedHashMap<>();

    VerifyJson(OutputStream out, Locale locale) {
        this.texts = new FindingTexts(locale);
        try {
            this.g = new JsonFactory().createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeNumberField("version", 1);
            g.writeArrayFieldStart("findings");
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void finding(VerifyFinding f) {
        try {
            g.writeStartObject();
            g.writeStringField("severity", lower(f.severity()));
            g.writeStringField("kind", lower(f.kind()));
            g.writeStringField("path", f.path().toString());
            g.writeStringField("detail", f.finding().detail());
            g.writeStringField("message", texts.message(f.finding()));
            g.writeStringField("repair", texts.repair(f.finding()));
            if (f.repo().isPresent()) {
                g.writeStringField("repo_id", f.repo().get().repoId());
                g.writeStringField("repo_type", f.repo().get().type().id());
                g.writeStringField("repo_path", f.repo().get().repoDir().toString());
            }
            g.writeArrayFieldStart("files");
            for (var file : f.files()) {
                g.writeStartObject();
                g.writeStringField("commit_hash", file.commit());
                g.writeStringField("file_path", file.filePath());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("etag", f.etag());
            g.writeNumberField("expected_size", f.expectedSize());
            g.writeEndObject();
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void verdict(Path path, Verdict v) {
        verdicts.put(path, v);
    }

    /** Ends the findings, then writes the verdicts and the summary. */
    void finish(VerifyReport report) throws IOException {
        g.writeEndArray();
        g.writeArrayFieldStart("files");
        for (var e : verdicts.entrySet()) {
            g.writeStartObject();
            g.writeStringField("path", e.getKey().toString());
            g.writeStringField("verdict", lower(e.getValue()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("summary");
        g.writeNumberField("files", report.files());
        for (Verdict v : Verdict.values()) {
            g.writeNumberField(lower(v), report.count(v));
        }
        g.writeNumberField("blobs_hashed", report.blobsHashed());
        g.writeNumberField("bytes_hashed", report.bytesHashed());
        g.writeNumberField("blobs_recalled", report.blobsRecalled());
        g.writeBooleanField("problems_remain", report.problemsRemain());
        g.writeEndObject();
        g.writeEndObject();
        g.flush();
    }

    @Override
    public void close() throws IOException {
        g.close();
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
