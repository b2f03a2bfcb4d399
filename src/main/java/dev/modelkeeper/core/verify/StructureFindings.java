package dev.modelkeeper.core.verify;

import dev.modelkeeper.core.fs.HashAlgorithm;
import dev.modelkeeper.core.cache.CachedFile;
import dev.modelkeeper.core.cache.Finding;
import dev.modelkeeper.core.cache.FindingKind;
import dev.modelkeeper.core.cache.IncompleteFile;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.verify.VerifyFinding.FileRef;
import dev.modelkeeper.core.verify.VerifyFinding.RepoRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scanner's findings for one repo (dangling links, links outside the repo, refs, partial downloads,
 * orphans …), narrowed to the scope and given what Repair needs. Partial downloads that a process is
 * writing right now are not problems and are left out.
 */
final class StructureFindings {

    /** A snapshot entry in scope: its revision and what the scanner saw. */
    record EntryInfo(String commit, CachedFile file) {
    }

    private final VerifyScope scope;
    private final Repo repo;
    private final RepoRef ref;
    private final Set<Path> held;
    private final Map<Path, EntryInfo> entries;
    private final Set<String> etags;
    private final Map<String, Listing> listings;

    StructureFindings(VerifyScope scope, Repo repo, RepoRef ref, List<IncompleteFile> incomplete,
                      Map<Path, EntryInfo> entries, Map<String, Listing> listings) {
        this.scope = scope;
        this.repo = repo;
        this.ref = ref;
        this.held = incomplete.stream().filter(IncompleteFile::lockHeld).map(IncompleteFile::path)
                .collect(Collectors.toSet());
        this.entries = entries;
        this.etags = entries.values().stream().map(e -> etagOf(e.file().blobPath())).collect(Collectors.toSet());
        this.listings = listings;
    }

    List<VerifyFinding> select() {
        return repo.findings().stream().filter(this::keep).map(this::enrich).toList();
    }

    private boolean keep(Finding f) {
        if (f.kind() == FindingKind.INCOMPLETE_FILE) {
            return !held.contains(f.path()) && (narrowed() == null || etags.contains(etagOf(f.path())));
        }
        if (narrowed() == null) {
            return true;
        }
        if (isRefFinding(f.kind())) {
            return scope.level() == VerifyScope.Level.REVISION && scope.commit().equals(refTarget(f.path()));
        }
        return f.path().startsWith(narrowed()) || entries.containsKey(f.path()) || blobInScope(f.path());
    }

    /** The folder the scope is narrowed to, or null when the whole repo is in scope. */
    private Path narrowed() {
        return switch (scope.level()) {
            case ROOTS, REPO -> null;
            case REVISION -> repo.repoPath().resolve("snapshots").resolve(scope.commit());
            case FILE -> scope.file();
        };
    }

    private boolean blobInScope(Path p) {
        return entries.values().stream().anyMatch(e -> e.file().blobPath().equals(p));
    }

    private VerifyFinding enrich(Finding f) {
        EntryInfo entry = entries.get(f.path());
        if (entry != null) {
            String etag = HashAlgorithm.forEtag(etagOf(entry.file().blobPath())) != null
                    ? etagOf(entry.file().blobPath()) : null;
            Listing listing = listings.get(entry.commit());
            var expected = listing == null ? null : listing.get(entry.file().filePath());
            return new VerifyFinding(f, Optional.of(ref), List.of(new FileRef(entry.commit(), entry.file().filePath())),
                    expected != null ? expected.etag() : etag, expected != null ? expected.size() : -1);
        }
        return switch (f.kind()) {
            case ORPHAN_BLOB, INCOMPLETE_FILE -> new VerifyFinding(f, Optional.of(ref), List.of(),
                    HashAlgorithm.forEtag(etagOf(f.path())) != null ? etagOf(f.path()) : null, -1);
            case DETACHED_REVISION -> new VerifyFinding(f, Optional.of(ref), List.of(new FileRef(f.detail(), "")),
                    null, -1);
            default -> new VerifyFinding(f, Optional.of(ref), List.of(), null, -1);
        };
    }

    private String refTarget(Path refFile) {
        String name = repo.repoPath().resolve("refs").relativize(refFile).toString().replace('\\', '/');
        String raw = repo.refs().get(name);
        return raw == null ? null : raw.strip();
    }

    private static boolean isRefFinding(FindingKind kind) {
        return kind == FindingKind.REF_TRAILING_NEWLINE || kind == FindingKind.REF_NOT_A_COMMIT
                || kind == FindingKind.REF_TO_MISSING_SNAPSHOT || kind == FindingKind.REFS_IS_A_FILE;
    }

    /** {@code <etag>}, {@code <etag>.incomplete} or {@code <etag>.<8hex>.incomplete} give the etag. */
    static String etagOf(Path blobOrPartial) {
        String name = blobOrPartial.getFileName().toString();
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
