package dev.modelkeeper.core.fs;

import java.util.Locale;

/** Picks the best {@link FileSystemProbe} for this OS. */
public final class FileSystemProbes {

    private FileSystemProbes() {
    }

    public static FileSystemProbe forCurrentOs() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        return linux ? LinuxFileSystemProbe.system() : new BasicFileSystemProbe();
    }
}
