package dev.modelkeeper.core.cache;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A problem or notable fact found in a cache, tied to the path involved. Findings are data, never
 * exceptions: a broken repo is reported and scanning goes on.
 *
 * @param kind     what was found
 * @param severity how bad it is (usually {@link FindingKind#defaultSeverity()})
 * @param path     the file or folder involved
 * @param detail   a short untranslated fact for the message ("1.2 GB, 3 days old", a ref name), may be empty
 */
public record Finding(FindingKind kind, Severity severity, Path path, String detail) {

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(path, "path");
        detail = detail == null ? "" : detail;
    }

    public static Finding of(FindingKind kind, Path path, String detail) {
        return new Finding(kind, kind.defaultSeverity(), path, detail);
    }

    public static Finding of(FindingKind kind, Path path) {
        return of(kind, path, "");
    }
}
