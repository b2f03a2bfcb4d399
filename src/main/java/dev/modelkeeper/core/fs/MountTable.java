package dev.modelkeeper.core.fs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Parsed {@code /proc/self/mountinfo}: which mount a path lives on. */
public final class MountTable {

    /** One mount: where, what type, from which source, and whether it is mounted read-only ({@code ro}). */
    public record Mount(Path mountPoint, String type, String source, boolean readOnly) {

        public Mount(Path mountPoint, String type, String source) {
            this(mountPoint, type, source, false);
        }
    }

    private final List<Mount> mounts;

    private MountTable(List<Mount> mounts) {
        this.mounts = mounts.stream().sorted(Comparator.comparingInt((Mount m) -> m.mountPoint().getNameCount())
                .reversed()).toList();
    }

    /**
     * Parses mountinfo text (proc(5)): field 5 is the mount point, and after the {@code -} separator come
     * the type and the source; field 6 holds the mount options ({@code ro} or {@code rw}). Octal escapes
     * such as {@code \040} (space) are decoded.
     */
    public static MountTable parse(String mountinfo) {
        var list = new ArrayList<Mount>();
        for (String line : mountinfo.split("\n")) {
            String[] f = line.trim().split(" ");
            int dash = List.of(f).indexOf("-");
            if (f.length < 5 || dash < 0 || dash + 2 >= f.length) {
                continue;
            }
            boolean readOnly = dash > 5 && List.of(f[5].split(",")).contains("ro");
            list.add(new Mount(Path.of(unescape(f[4])), f[dash + 1], unescape(f[dash + 2]), readOnly));
        }
        return new MountTable(list);
    }

    public List<Mount> mounts() {
        return mounts;
    }

    /** This process's mounts ({@code /proc/self/mountinfo}); empty where there is none (not Linux). */
    public static MountTable current() {
        return parse(currentText());
    }

    /** The text of {@code /proc/self/mountinfo}, or "" where there is none: the one place that reads it. */
    static String currentText() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/self/mountinfo"));
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** Filesystems that hold data for good: where a cache can be moved to (not tmpfs, proc, overlay …). */
    private static final java.util.Set<String> DISKS = java.util.Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "zfs",
            "f2fs", "vfat", "exfat", "ntfs", "ntfs3", "fuseblk", "nfs", "nfs4", "cifs", "smb3", "apfs", "hfs");

    /** A mounted disk with the bytes this user may still write there. */
    public record Disk(Path mountPoint, String type, long usableBytes) {
    }

    /** The mounted disks a cache could move to, with their free space (stat calls: not on a UI thread). */
    public List<Disk> disks() {
        var found = new ArrayList<Disk>();
        for (Mount m : mounts) {
            if (DISKS.contains(m.type()) && java.nio.file.Files.isDirectory(m.mountPoint())
                    && !m.mountPoint().startsWith(Path.of("/boot"))) {
                try {
                    found.add(new Disk(m.mountPoint(), m.type(),
                            java.nio.file.Files.getFileStore(m.mountPoint()).getUsableSpace()));
                } catch (java.io.IOException e) {
                    // a mount that cannot be asked (gone, no permission) is not offered
                }
            }
        }
        found.sort(java.util.Comparator.comparing(d -> d.mountPoint().toString()));
        return found;
    }

    /** The mount with the longest mount point containing {@code path} (already absolute and resolved). */
    public Optional<Mount> find(Path path) {
        return mounts.stream().filter(m -> path.startsWith(m.mountPoint())).findFirst();
    }

    static String unescape(String s) {
        var sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
