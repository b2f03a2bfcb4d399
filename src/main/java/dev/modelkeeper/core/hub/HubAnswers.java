package dev.modelkeeper.core.hub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything a server says is untrusted until it passes here: commit ids and blob names must be lowercase
 * hex of the right length (they become folder and file names), sizes must be non-negative whole numbers
 * (they bound loops), file paths must stay inside the snapshot, answers must have the expected JSON shape
 * and stay below a size cap. A value that fails is refused with {@link HubException.Kind#INVALID_ANSWER},
 * which is not retried: asking again would get the same answer.
 */
final class HubAnswers {

    static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    static final Pattern BLOB = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final Pattern XET = Pattern.compile("[0-9a-f]{64}");
    /** One JSON answer: a tree page of the Hub is a few hundred KB; a repo info with 100k files about 6 MB. */
    static final long MAX_JSON_BYTES = 16L << 20;
    /** Files in one revision; the largest public repos hold a few hundred thousand. */
    static final int MAX_FILES = 1_000_000;
    static final int MAX_PAGES = 100_000;
    /** One file: 1 PiB. Larger is not a size but an attack on the loops and sums that use it. */
    static final long MAX_FILE_SIZE = 1L << 50;

    private static final ObjectMapper JSON = new ObjectMapper();

    private HubAnswers() {
    }

    /** Reads a JSON answer of at most {@link #MAX_JSON_BYTES}; malformed or oversized is INVALID_ANSWER. */
    static JsonNode readJson(InputStream body, String subject) throws HubException, IOException {
        try (InputStream in = new Capped(body, MAX_JSON_BYTES)) {
            JsonNode node = JSON.readTree(in);
            if (node == null || node.isMissingNode()) {
                throw HubException.invalid(subject, "hub.invalid.empty");
            }
            return node;
        } catch (Capped.TooLarge e) {
            throw HubException.invalid(subject, "hub.invalid.tooLarge", MAX_JSON_BYTES >> 20);
        } catch (JsonProcessingException e) {
            throw HubException.invalid(subject, "hub.invalid.notJson");
        }
    }

    static String commit(String value, String subject) throws HubException {
        if (value == null || !COMMIT.matcher(value).matches()) {
            throw HubException.invalid(subject, "hub.invalid.commit", shown(value));
        }
        return value;
    }

    static String blobName(String value, String subject) throws HubException {
        if (value == null || !BLOB.matcher(value).matches()) {
            throw HubException.invalid(subject, "hub.invalid.blob", shown(value));
        }
        return value;
    }

    static String filePath(String value, String subject) throws HubException {
        var problem = RepoPaths.problem(value);
        if (problem.isPresent()) {
            throw HubException.invalid(subject, "hub.invalid.path", shown(value), problem.get());
        }
        return value;
    }

    /** A size header; null (absent) is -1, anything but a non-negative number is refused. */
    static long sizeHeader(String value, String subject) throws HubException {
        if (value == null) {
            return -1;
        }
        if (!value.strip().matches("\\d{1,18}") || Long.parseLong(value.strip()) > MAX_FILE_SIZE) {
            throw HubException.invalid(subject, "hub.invalid.size", shown(value));
        }
        return Long.parseLong(value.strip());
    }

    /** The files of one page of {@code GET /api/…/tree/…}: a JSON array of objects. */
    static List<TreeEntry> treePage(JsonNode page, String subject, Set<String> seen) throws HubException {
        if (!page.isArray()) {
            throw HubException.invalid(subject, "hub.invalid.notList");
        }
        var entries = new ArrayList<TreeEntry>();
        for (JsonNode e : page) {
            if (!e.isObject() || !e.path("type").isTextual()) {
                throw HubException.invalid(subject, "hub.invalid.entry");
            }
            if (!"file".equals(e.path("type").asText())) {
                continue; // folders are implied by file paths
            }
            String path = filePath(text(e, "path", subject), subject);
            long size = size(e.path("size"), subject);
            String oid = blobName(text(e, "oid", subject), subject);
            String lfs = null;
            if (e.has("lfs") && !e.path("lfs").isNull()) {
                JsonNode l = e.path("lfs");
                lfs = blobName(text(l, "oid", subject), subject);
                if (lfs.length() != 64) {
                    throw HubException.invalid(subject, "hub.invalid.blob", lfs);
                }
            }
            String xet = null;
            if (e.has("xetHash") && !e.path("xetHash").isNull()) {
                xet = text(e, "xetHash", subject);
                if (!XET.matcher(xet).matches()) {
                    throw HubException.invalid(subject, "hub.invalid.blob", shown(xet));
                }
            }
            if (!seen.add(path)) {
                throw HubException.invalid(subject, "hub.invalid.duplicate", shown(path));
            }
            if (seen.size() > MAX_FILES) {
                throw HubException.invalid(subject, "hub.invalid.tooMany", MAX_FILES);
            }
            entries.add(new TreeEntry(path, size, oid, lfs, xet));
        }
        return entries;
    }

    /** Repo info: the commit must be one; sibling names that could not be paths are left out. */
    static RepoInfo repoInfo(JsonNode json, String id, String subject) throws HubException {
        if (!json.isObject()) {
            throw HubException.invalid(subject, "hub.invalid.notObject");
        }
        if (!json.path("sha").isTextual()) {
            throw HubException.invalid(subject, "hub.invalid.noCommit");
        }
        String sha = commit(json.path("sha").asText(), subject);
        var siblings = new ArrayList<String>();
        for (JsonNode s : json.path("siblings")) {
            JsonNode name = s.path("rfilename");
            if (name.isTextual() && RepoPaths.isSafe(name.asText())) {
                siblings.add(name.asText());
            }
        }
        String shownId = json.path("id").isTextual() ? json.path("id").asText() : id;
        return new RepoInfo(shownId, sha, siblings);
    }

    private static String text(JsonNode node, String field, String subject) throws HubException {
        JsonNode v = node.path(field);
        if (!v.isTextual()) {
            throw HubException.invalid(subject, "hub.invalid.field", field);
        }
        return v.asText();
    }

    private static long size(JsonNode v, String subject) throws HubException {
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0 || v.asLong() > MAX_FILE_SIZE) {
            throw HubException.invalid(subject, "hub.invalid.size", shown(v.toString()));
        }
        return v.asLong();
    }

    /** A server value quoted in a message: cut short, control characters made visible. */
    static String shown(String value) {
        if (value == null) {
            return "(nothing)";
        }
        String s = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        var b = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /** Stops reading past a cap, so an endless answer cannot exhaust memory. */
    private static final class Capped extends FilterInputStream {
        static final class TooLarge extends IOException {
            TooLarge() {
                super("answer too large");
            }
        }

        private long left;

        Capped(InputStream in, long cap) {
            super(in);
            this.left = cap;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                if (super.read() < 0) {
                    return -1;
                }
                throw new TooLarge();
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
