package dev.modelkeeper.core.cache;

import dev.modelkeeper.core.cache.HubRepoScanner.PhysicalBlob;
import dev.modelkeeper.core.fs.FileStats;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The binary shape of one {@link ScanIndex.Entry}. Paths inside the repo folder are kept relative to it, and
 * each blob's facts once per repo however many revisions link to it. Any change here needs a new
 * {@code ScanIndex.VERSION}.
 */
final class ScanIndexCodec {

    private ScanIndexCodec() {
    }

    static void writeEntry(DataOutputStream out, Path root, ScanIndex.Entry e) throws IOException {
        Path repoDir = root.resolve(e.folder());
        writeString(out, e.folder());
        out.writeInt(e.stamps().size());
        for (RepoStamps.Stamp s : e.stamps()) {
            writeString(out, s.rel());
            out.writeLong(s.dev());
            out.writeLong(s.ino());
            writeInstant(out, s.modified());
            writeInstant(out, s.changed());
        }
        out.writeInt(e.refFindings());
        Repo repo = e.result().repo();
        out.writeInt(repo.type().ordinal());
        writeString(out, repo.repoId());
        writeMap(out, repo.refs());
        var blobs = new HashMap<Path, Integer>();
        var blobList = new ArrayList<CachedFile>();
        repo.revisions().forEach(r -> r.files().forEach(f -> {
            if (blobs.putIfAbsent(f.blobPath(), blobs.size()) == null) {
                blobList.add(f);
            }
        }));
        out.writeInt(blobList.size());
        for (CachedFile f : blobList) {
            writePath(out, repoDir, f.blobPath());
            out.writeLong(f.size());
            out.writeLong(f.allocated());
            writeInstant(out, f.lastAccessed());
            writeInstant(out, f.lastModified());
        }
        out.writeInt(repo.revisions().size());
        for (Revision r : repo.revisions()) {
            writeString(out, r.commitHash());
            writePath(out, repoDir, r.snapshotPath());
            out.writeInt(r.refs().size());
            for (String ref : r.refs()) {
                writeString(out, ref);
            }
            out.writeLong(r.sizeOnDisk());
            out.writeLong(r.allocatedOnDisk());
            writeInstant(out, r.lastModified());
            out.writeInt(r.files().size());
            for (CachedFile f : r.files()) {
                writeString(out, f.filePath());
                out.writeInt(f.storage().ordinal());
                out.writeInt(blobs.get(f.blobPath()));
            }
        }
        out.writeInt(repo.nbFiles());
        out.writeLong(repo.sizeOnDisk());
        out.writeLong(repo.allocatedOnDisk());
        writeInstant(out, repo.lastAccessed());
        writeInstant(out, repo.lastModified());
        out.writeInt(repo.findings().size());
        for (Finding f : repo.findings()) {
            out.writeInt(f.kind().ordinal());
            out.writeInt(f.severity().ordinal());
            writePath(out, repoDir, f.path());
            writeString(out, f.detail());
        }
        out.writeLong(repo.partialBytes());
        out.writeInt(e.result().physical().size());
        for (PhysicalBlob b : e.result().physical()) {
            Integer blob = blobs.get((Path) b.key()); // usually a blob of the table above: no second path
            out.writeInt(blob == null ? -1 : blob);
            if (blob == null) {
                writePath(out, repoDir, (Path) b.key());
            }
            var key = (FileStats.InodeKey) b.inode();
            out.writeLong(key.dev());
            out.writeLong(key.ino());
            out.writeLong(b.size());
            out.writeLong(b.allocated());
        }
    }

    /** Whether the index can keep this repo's result (paths as keys, inodes as dev+ino, no partial files). */
    static boolean storable(HubRepoScanner.Result r) {
        return r.incomplete().isEmpty() && r.physical().stream()
                .allMatch(b -> b.key() instanceof Path && b.inode() instanceof FileStats.InodeKey);
    }

    static ScanIndex.Entry readEntry(ByteBuffer in, Path root, Instant indexedAt) throws IOException {
        String folder = readString(in);
        Path repoDir = root.resolve(folder);
        int nStamps = in.getInt();
        var stamps = new ArrayList<RepoStamps.Stamp>(nStamps);
        for (int i = 0; i < nStamps; i++) {
            stamps.add(new RepoStamps.Stamp(readString(in), in.getLong(), in.getLong(), readInstant(in),
                    readInstant(in)));
        }
        int refFindings = in.getInt();
        RepoType type = RepoType.values()[in.getInt()];
        String repoId = readString(in);
        Map<String, String> refs = readMap(in);
        int nBlobs = in.getInt();
        var blobPaths = new Path[nBlobs];
        var blobFacts = new long[nBlobs][];
        var blobTimes = new Instant[nBlobs][];
        for (int i = 0; i < nBlobs; i++) {
            blobPaths[i] = readPath(in, repoDir);
            blobFacts[i] = new long[] {in.getLong(), in.getLong()};
            blobTimes[i] = new Instant[] {readInstant(in), readInstant(in)};
        }
        CachedFile.Storage[] storages = CachedFile.Storage.values();
        int nRevisions = in.getInt();
        var revisions = new ArrayList<Revision>(nRevisions);
        for (int r = 0; r < nRevisions; r++) {
            String commit = readString(in);
            Path snap = readPath(in, repoDir);
            int nRefs = in.getInt();
            var refNames = new TreeSet<String>();
            for (int i = 0; i < nRefs; i++) {
                refNames.add(readString(in));
            }
            long size = in.getLong();
            long allocated = in.getLong();
            Instant modified = readInstant(in);
            int nFiles = in.getInt();
            var files = new ArrayList<CachedFile>(nFiles);
            for (int i = 0; i < nFiles; i++) {
                String filePath = readString(in);
                var storage = storages[in.getInt()];
                int b = in.getInt();
                String name = filePath.substring(filePath.lastIndexOf('/') + 1);
                files.add(new CachedFile(name, filePath, snap.resolve(filePath), blobPaths[b], storage,
                        blobFacts[b][0], blobFacts[b][1], blobTimes[b][0], blobTimes[b][1]));
            }
            revisions.add(new Revision(commit, snap, refNames, files, size, allocated, modified));
        }
        int nbFiles = in.getInt();
        long size = in.getLong();
        long allocated = in.getLong();
        Instant accessed = readInstant(in);
        Instant modified = readInstant(in);
        int nFindings = in.getInt();
        var findings = new ArrayList<Finding>(nFindings);
        for (int i = 0; i < nFindings; i++) {
            findings.add(new Finding(FindingKind.values()[in.getInt()], Severity.values()[in.getInt()],
                    readPath(in, repoDir), readString(in)));
        }
        long partialBytes = in.getLong();
        int nPhysical = in.getInt();
        var physical = new ArrayList<PhysicalBlob>(nPhysical);
        for (int i = 0; i < nPhysical; i++) {
            int blob = in.getInt();
            Path key = blob >= 0 ? blobPaths[blob] : readPath(in, repoDir);
            physical.add(new PhysicalBlob(key, new FileStats.InodeKey(in.getLong(), in.getLong()),
                    in.getLong(), in.getLong()));
        }
        var repo = new Repo(type, repoId, repoDir, CacheKind.HF_HUB, refs, revisions, nbFiles, size, allocated,
                accessed, modified, findings, partialBytes);
        return new ScanIndex.Entry(folder, stamps, refFindings, new HubRepoScanner.Result(repo, List.of(), physical),
                indexedAt);
    }

    private static void writePath(DataOutputStream out, Path repoDir, Path p) throws IOException {
        if (p.startsWith(repoDir)) {
            out.writeBoolean(true);
            writeString(out, repoDir.relativize(p).toString());
        } else {
            out.writeBoolean(false);
            writeString(out, p.toString());
        }
    }

    private static Path readPath(ByteBuffer in, Path repoDir) throws IOException {
        boolean relative = (in.get() != 0);
        String s = readString(in);
        return relative ? (s.isEmpty() ? repoDir : repoDir.resolve(s)) : repoDir.getFileSystem().getPath(s);
    }

    private static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (var e : new TreeMap<>(map).entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
    }

    private static Map<String, String> readMap(ByteBuffer in) throws IOException {
        int n = in.getInt();
        var map = new TreeMap<String, String>();
        for (int i = 0; i < n; i++) {
            map.put(readString(in), readString(in));
        }
        return map;
    }

    private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static Instant readInstant(ByteBuffer in) throws IOException {
        return Instant.ofEpochSecond(in.getLong(), in.getInt());
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(ByteBuffer in) throws IOException {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IOException("corrupt index: string of " + n + " bytes");
        }
        String s = new String(in.array(), in.arrayOffset() + in.position(), n, StandardCharsets.UTF_8);
        in.position(in.position() + n);
        return s;
    }
}
