package dev.modelkeeper.core.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.modelkeeper.core.task.Message;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read as untrusted input into plain values that remember their line, so that every complaint about
 * {@code modelkeeper.yaml} names the line to fix. Only mappings, lists and scalars; a parse error is one sentence.
 */
final class YamlTree {

    /** Deeper than any manifest needs; a deeper document is refused rather than walked. */
    private static final int MAX_DEPTH = 16;

    private static final YAMLFactory YAML = YAMLFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH * 2)
                    .maxStringLength(1 << 20).build())
            .build();

    /** A value and the line (from 1) where it starts. */
    sealed interface Node permits Scalar, Sequence, Mapping {
        int line();
    }

    /** A scalar as written (numbers and booleans as their text); {@code text} is null for an empty value. */
    record Scalar(String text, int line) implements Node {
    }

    record Sequence(List<Node> items, int line) implements Node {
    }

    /** Keys in the order written, each with the line of the key. */
    record Mapping(Map<String, Node> values, Map<String, Integer> keyLines, int line) implements Node {
    }

    private final String name;

    /** @param name how the file is named in sentences */
    YamlTree(String name) {
        this.name = name;
    }

    /** The document's root; an empty document is an empty mapping. */
    Node read(byte[] yaml) throws ManifestException {
        try (JsonParser p = YAML.createParser(yaml)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new Mapping(Map.of(), Map.of(), 1);
            }
            Node root = value(p, t, 0);
            if (p.nextToken() != null) {
                throw error(p.currentTokenLocation(), "manifest.error.twoDocuments");
            }
            return root;
        } catch (StreamReadException e) {
            String why = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().strip();
            why = why.lines().findFirst().orElse("").replaceAll("[.:]+$", "");
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ManifestException(new Message(ManifestException.BUNDLE, "manifest.error.syntax", name,
                    Math.max(1, line), why), null);
        } catch (IOException e) {
            throw new ManifestException(new Message(ManifestException.BUNDLE, "manifest.error.unreadable", name,
                    e.getMessage()), e);
        }
    }

    private Node value(JsonParser p, JsonToken t, int depth) throws IOException, ManifestException {
        int line = p.currentTokenLocation().getLineNr();
        if (depth > MAX_DEPTH) {
            throw error(p.currentTokenLocation(), "manifest.error.tooDeep");
        }
        switch (t) {
            case START_OBJECT -> {
                var values = new LinkedHashMap<String, Node>();
                var lines = new LinkedHashMap<String, Integer>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String key = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    if (values.containsKey(key)) {
                        throw new ManifestException(new Message(ManifestException.BUNDLE, "manifest.error.duplicateKey",
                                name, keyLine, key, lines.get(key)), null);
                    }
                    lines.put(key, keyLine);
                    values.put(key, value(p, p.nextToken(), depth + 1));
                }
                return new Mapping(values, lines, line);
            }
            case START_ARRAY -> {
                var items = new ArrayList<Node>();
                for (JsonToken i = p.nextToken(); i != JsonToken.END_ARRAY; i = p.nextToken()) {
                    items.add(value(p, i, depth + 1));
                }
                return new Sequence(items, line);
            }
            case VALUE_NULL -> {
                return new Scalar(null, line);
            }
            default -> {
                return new Scalar(p.getText(), line);
            }
        }
    }

    private ManifestException error(JsonLocation at, String key) {
        return new ManifestException(new Message(ManifestException.BUNDLE, key, name, at.getLineNr()), null);
    }
}
