package dev.modelkeeper.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelkeeper.core.cleanup.DedupePlan;
import dev.modelkeeper.core.cleanup.DedupeResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * How {@code dedupe} prints its plan and result: bytes saved first, then each link, each copy-mode file to become
 * a symlink, and each skipped copy.
 */
final class DedupeText {

    private final CliTexts texts;
    private final PrintStream out;

    DedupeText(CliTexts texts, PrintStream out) {
        this.texts = texts;
        this.out = out;
    }

    void plan(DedupePlan plan, boolean json) {
        if (json) {
            json(plan, null);
            return;
        }
        if (plan.changes() == 0) {
            out.println(texts.get("dedupe.nothing"));
        } else {
            out.println(texts.format("dedupe.plan", DedupeCommand.size(plan.bytesSaved()), plan.changes()));
            for (DedupePlan.Link link : plan.links()) {
                out.println("  " + texts.format("dedupe.link", link.duplicate(), link.keep(),
                        DedupeCommand.size(link.size())));
            }
            for (DedupePlan.Relink relink : plan.relinks()) {
                out.println("  " + texts.format("dedupe.relink", relink.file(), relink.blob(),
                        DedupeCommand.size(relink.size())));
            }
        }
        skipped(plan.skipped());
    }

    void result(DedupePlan plan, DedupeResult result, boolean json) {
        if (json) {
            json(plan, result);
            return;
        }
        out.println(texts.format("dedupe.done", result.linked().size() + result.relinked().size(),
                DedupeCommand.size(result.bytesFreed())));
        skipped(result.skipped());
    }

    private void skipped(List<DedupePlan.Skip> skipped) {
        for (DedupePlan.Skip skip : skipped) {
            out.println("  " + texts.format("dedupe.skipped", skip.message().render(texts.locale())));
        }
    }

    private void json(DedupePlan plan, DedupeResult result) {
        try {
            JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("bytes_saved", plan.bytesSaved());
            g.writeArrayFieldStart("links");
            for (DedupePlan.Link link : plan.links()) {
                g.writeStartObject();
                g.writeStringField("duplicate", link.duplicate().toString());
                g.writeStringField("keep", link.keep().toString());
                g.writeStringField("blob", link.etag());
                g.writeNumberField("bytes", link.size());
                g.writeStringField("state", result == null ? "planned" : result.linked().contains(link) ? "linked"
                        : "skipped");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("relinks");
            for (DedupePlan.Relink relink : plan.relinks()) {
                g.writeStartObject();
                g.writeStringField("file", relink.file().toString());
                g.writeStringField("blob_path", relink.blob().toString());
                g.writeStringField("blob", relink.etag());
                g.writeNumberField("bytes", relink.size());
                g.writeStringField("state", result == null ? "planned" : result.relinked().contains(relink)
                        ? "relinked" : "skipped");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("skipped");
            for (DedupePlan.Skip skip : result == null ? plan.skipped() : result.skipped()) {
                g.writeStartObject();
                g.writeStringField("path", skip.path().toString());
                g.writeStringField("reason", skip.reason().name().toLowerCase(Locale.ROOT));
                g.writeStringField("message", skip.message().render(texts.locale()));
                g.writeEndObject();
            }
            g.writeEndArray();
            if (result != null) {
                g.writeNumberField("bytes_freed", result.bytesFreed());
            }
            g.writeEndObject();
            g.flush();
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
