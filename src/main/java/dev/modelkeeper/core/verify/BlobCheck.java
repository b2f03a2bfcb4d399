package dev.modelkeeper.core.verify;

import dev.modelkeeper.core.cache.FindingKind;
import dev.modelkeeper.core.verify.VerifyFinding.FileRef;
import dev.modelkeeper.core.verify.VerifyFinding.RepoRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One stored file to judge by its content (a blob, a copy-mode snapshot file, a checkpoint) and the
 * snapshot entries whose verdict depends on it. Built while planning, judged once its digest is known.
 */
final class BlobCheck {

    /** A file whose verdict follows this check: its path for the listener and, in a hub repo, which file it is. */
    record User(Path path, FileRef file) {
    }

    final Path path;
    final ExpectedDigest expected;
    final FindingKind mismatch;
    final Optional<RepoRef> repo;
    long expectedSize;
    final List<User> users = new ArrayList<>();
    FileIdentity identity;

    BlobCheck(Path path, ExpectedDigest expected, FindingKind mismatch, Optional<RepoRef> repo, long expectedSize) {
        this.path = path;
        this.expected = expected;
        this.mismatch = mismatch;
        this.repo = repo;
        this.expectedSize = expectedSize;
    }

    /** Adds a file whose verdict follows this check; a listing that knows the size makes the size checked. */
    BlobCheck use(User user, long size) {
        users.add(user);
        if (expectedSize < 0) {
            expectedSize = size;
        }
        return this;
    }

    List<FileRef> files() {
        return users.stream().map(User::file).filter(f -> f != null).toList();
    }

    /** The blob name for Repair, when the expectation is a full blob name. */
    String etag() {
        return expected.prefixOnly() ? null : expected.hex();
    }
}
