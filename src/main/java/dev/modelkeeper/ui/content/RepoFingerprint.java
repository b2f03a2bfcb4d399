package dev.modelkeeper.ui.content;

import dev.modelkeeper.core.cache.CachedFile;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.Revision;

/**
 * What a repo holds, as one string: refs, revisions and each file's blob, size and modification time.
 * Two scans with the same fingerprint saw the same content, so what verify said about it still holds;
 * access times are left out (verify itself reads the files).
 */
final class RepoFingerprint {

    private RepoFingerprint() {
    }

    static String of(Repo repo) {
        var s = new StringBuilder(repo.refs().toString());
        for (Revision rev : repo.revisions()) {
            s.append('\n').append(rev.commitHash());
            for (CachedFile f : rev.files()) {
                s.append('|').append(f.filePath()).append('>').append(f.blobPath()).append(':').append(f.storage())
                        .append(':').append(f.size()).append(':').append(f.lastModified());
            }
        }
        return s.toString();
    }
}
