package dev.modelkeeper.core.fs;

import java.nio.file.Path;
import java.util.Optional;

/** Looks up the filesystem facts of a path. Empty when the path (or its drive) is not there. */
public interface FileSystemProbe {

    Optional<FileSystemInfo> probe(Path path);
}
