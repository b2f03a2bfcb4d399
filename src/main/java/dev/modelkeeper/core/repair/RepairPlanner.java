package dev.modelkeeper.core.repair;

import dev.modelkeeper.core.cache.Severity;
import dev.modelkeeper.core.repair.RepairAction.Kind;
import dev.modelkeeper.core.verify.VerifyFinding;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns verify findings into a {@link RepairPlan}. Each damaged blob is fetched once however many
 * findings and snapshot entries point at it; orphans are deleted only when the user asks. Findings that
 * need a person (a stray file in {@code snapshots/}, an unreadable folder …) are listed, not acted on.
 * Planning reads the disk (does a blob exist?) but changes nothing.
 */
public final class RepairPlanner {

    private final boolean deleteOrphans;

    /** @param deleteOrphans also delete blobs that no snapshot uses */
    public RepairPlanner(boolean deleteOrphans) {
        this.deleteOrphans = deleteOrphans;
    }

    public RepairPlan plan(List<VerifyFinding> findings) {
        var actions = new ArrayList<RepairAction>();
        var manual = new ArrayList<VerifyFinding>();
        Set<String> fetching = new HashSet<>(); // repo folder + etag, once per plan
        Set<Path> seen = new HashSet<>();
        for (VerifyFinding f : findings) {
            if (!seen.add(f.path())) {
                continue; // one action per path
            }
            Optional<RepairAction> action = switch (f.kind()) {
                case CHECKSUM_MISMATCH, SIZE_MISMATCH, EMPTY_BLOB -> fetch(f, fetching);
                case DANGLING_LINK, LINK_OUTSIDE_REPO, WRONG_BLOB, MISSING_FILE -> relink(f, fetching);
                case REF_TRAILING_NEWLINE -> simple(Kind.REWRITE_REF, f);
                case REF_TO_MISSING_SNAPSHOT -> simple(Kind.FETCH_REVISION, f).filter(a -> f.repo().isPresent())
                        .map(a -> withBytes(a, -1));
                case REF_NOT_A_COMMIT -> simple(Kind.DELETE_REF, f);
                case INCOMPLETE_FILE -> simple(Kind.DELETE_PARTIAL, f);
                case INTERRUPTED_REPAIR -> simple(Kind.FINISH_INTERRUPTED, f);
                case ORPHAN_BLOB -> deleteOrphans ? simple(Kind.DELETE_ORPHAN, f) : Optional.empty();
                case TORCH_HASH_MISMATCH -> simple(Kind.DELETE_CHECKPOINT, f);
                default -> Optional.empty();
            };
            if (action.isPresent()) {
                actions.add(action.get());
            } else if (f.severity() != Severity.INFO) {
                manual.add(f);
            }
        }
        // refs and links after the blobs they need; deletions last
        actions.sort(java.util.Comparator.comparingInt(a -> order(a.kind())));
        return new RepairPlan(actions, manual);
    }

    private static int order(Kind k) {
        return switch (k) {
            case FINISH_INTERRUPTED -> -1; // before anything else touches the blob it belongs to
            case FETCH_BLOB, FETCH_COPY -> 0;
            case RELINK -> 1;
            case FETCH_REVISION, REWRITE_REF -> 2;
            default -> 3;
        };
    }

    private static Optional<RepairAction> fetch(VerifyFinding f, Set<String> fetching) {
        if (f.repo().isEmpty() || f.etag() == null || f.files().isEmpty()) {
            return Optional.empty();
        }
        boolean copyMode = isCopyModeEntry(f);
        boolean first = fetching.add(f.repo().get().repoDir() + "/" + f.etag());
        long bytes = first || copyMode ? f.expectedSize() : 0;
        return Optional.of(new RepairAction(copyMode ? Kind.FETCH_COPY : Kind.FETCH_BLOB, f.path(), f.repo(),
                f.files(), f.etag(), bytes, f));
    }

    /**
     * Copy mode: the damaged file is a regular file in {@code snapshots/<commit>/…} of the repo folder
     * itself. Decided from the disk and from the path relative to the repo folder, so a cache that lives
     * under some folder called {@code snapshots} is not mistaken for one.
     */
    static boolean isCopyModeEntry(VerifyFinding f) {
        Path repoDir = f.repo().get().repoDir().toAbsolutePath().normalize();
        Path file = f.path().toAbsolutePath().normalize();
        if (!file.startsWith(repoDir)) {
            return false;
        }
        Path rel = repoDir.relativize(file);
        return rel.getNameCount() >= 3 && rel.getName(0).toString().equals("snapshots")
                && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
    }

    private static Optional<RepairAction> relink(VerifyFinding f, Set<String> fetching) {
        if (f.repo().isEmpty() || f.etag() == null || f.files().isEmpty()) {
            return Optional.empty();
        }
        Path blob = f.repo().get().layout().blob(f.etag());
        boolean present = Files.exists(blob, LinkOption.NOFOLLOW_LINKS);
        boolean first = !present && fetching.add(f.repo().get().repoDir() + "/" + f.etag());
        long bytes = present ? 0 : first ? f.expectedSize() : 0;
        return Optional.of(new RepairAction(Kind.RELINK, f.path(), f.repo(), f.files(), f.etag(), bytes, f));
    }

    private static Optional<RepairAction> simple(Kind kind, VerifyFinding f) {
        return Optional.of(new RepairAction(kind, f.path(), f.repo(), f.files(), f.etag(), 0, f));
    }

    private static RepairAction withBytes(RepairAction a, long bytes) {
        return new RepairAction(a.kind(), a.path(), a.repo(), a.files(), a.etag(), bytes, a.cause());
    }
}
