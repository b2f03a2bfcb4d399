package dev.modelkeeper.core.verify;

import dev.modelkeeper.core.cache.CacheKind;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.HubLayout;
import dev.modelkeeper.core.cache.RepoType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns what a user names into verify scopes: a path (a cache root, a repo folder, a snapshot folder,
 * a file or folder inside a snapshot, a blob, a torch checkpoint) or a repo id ({@code org/name},
 * {@code models--org--name}) looked up in the known cache roots. A path that exists wins over a repo id.
 */
public final class ScopeResolver {

    /** Why a name could not be turned into a scope. */
    public enum Problem {
        /** Neither an existing path nor a repo in any known cache. */
        NOT_FOUND,
        /** An existing file that belongs to no cache layout. */
        NOT_IN_A_CACHE,
        /** The repo is there, but not that revision. */
        REVISION_NOT_FOUND
    }

    /** A name that does not resolve; the CLI and the window word the message themselves. */
    public static final class UnresolvedException extends Exception {
        private final Problem problem;
        private final String target;

        UnresolvedException(Problem problem, String target) {
            super(problem + ": " + target);
            this.problem = problem;
            this.target = target;
        }

        public Problem problem() {
            return problem;
        }

        public String target() {
            return target;
        }
    }

    private final List<CacheRoot> roots;

    /** @param roots the caches a repo id is looked up in (and whose origin a path inside them keeps) */
    public ScopeResolver(List<CacheRoot> roots) {
        this.roots = List.copyOf(roots);
    }

    /**
     * @param type     the repo type of a bare {@code org/name} (ignored for paths and folder names)
     * @param revision a branch, tag or commit to narrow a repo to, or null for every revision
     */
    public List<VerifyScope> resolve(String target, RepoType type, String revision) throws UnresolvedException {
        Path path = asPath(target);
        if (path != null && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return List.of(narrow(fromPath(path, target), revision, target));
        }
        var found = new ArrayList<VerifyScope>();
        for (CacheRoot root : roots) {
            Path repoDir = root.path().resolve(folderName(target, type));
            if ((root.kind() == CacheKind.HF_HUB || root.kind() == CacheKind.AUTO) && Files.isDirectory(repoDir)) {
                found.add(narrow(VerifyScope.repo(root, repoDir), revision, target));
            }
        }
        if (found.isEmpty()) {
            throw new UnresolvedException(Problem.NOT_FOUND, target);
        }
        return found;
    }

    private static Path asPath(String target) {
        try {
            return Path.of(target).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private VerifyScope fromPath(Path path, String target) throws UnresolvedException {
        for (Path a = path; a != null && a.getParent() != null; a = a.getParent()) {
            if (HubLayout.parseFolderName(a.getFileName().toString()).isPresent() && isRepoFolder(a)) {
                return inRepo(known(a.getParent(), CacheKind.HF_HUB), a, path);
            }
        }
        Path parent = path.getParent();
        if (Files.isRegularFile(path) && parent != null && parent.getFileName() != null
                && parent.getFileName().toString().equals("checkpoints") && parent.getParent() != null) {
            return VerifyScope.file(known(parent.getParent(), CacheKind.TORCH_HUB), path, null, path);
        }
        if (Files.isDirectory(path)) {
            return VerifyScope.root(known(path, CacheKind.AUTO));
        }
        throw new UnresolvedException(Problem.NOT_IN_A_CACHE, target);
    }

    /** {@code <repo>}, {@code <repo>/snapshots/<commit>}, anything below it, or {@code <repo>/blobs/<etag>}. */
    private static VerifyScope inRepo(CacheRoot root, Path repoDir, Path path) {
        Path rel = repoDir.relativize(path);
        if (rel.getNameCount() >= 2 && rel.getName(0).toString().equals("snapshots")) {
            String commit = rel.getName(1).toString();
            return rel.getNameCount() == 2 ? VerifyScope.revision(root, repoDir, commit)
                    : VerifyScope.file(root, repoDir, commit, path);
        }
        if (rel.getNameCount() == 2 && rel.getName(0).toString().equals("blobs")) {
            return VerifyScope.file(root, repoDir, null, path);
        }
        return VerifyScope.repo(root, repoDir);
    }

    private static boolean isRepoFolder(Path dir) {
        return Files.isDirectory(dir.resolve("snapshots")) || Files.isDirectory(dir.resolve("blobs"))
                || Files.isDirectory(dir.resolve("refs"));
    }

    /** The known root at {@code dir}, keeping where it came from, or a folder the user named. */
    private CacheRoot known(Path dir, CacheKind kind) {
        return roots.stream().filter(r -> r.path().equals(dir)).findFirst()
                .orElseGet(() -> new CacheRoot(dir, kind, CacheRoot.Origin.USER, null));
    }

    private static String folderName(String target, RepoType type) {
        return HubLayout.parseFolderName(target).isPresent() ? target : HubLayout.folderName(type, target);
    }

    /** Narrows a repo scope to a revision: a commit hash, or a ref read as the official verify reads it. */
    private static VerifyScope narrow(VerifyScope scope, String revision, String target) throws UnresolvedException {
        if (revision == null || scope.level() != VerifyScope.Level.REPO) {
            return scope;
        }
        String commit = revision.matches("[0-9a-f]{40}") ? revision : readRef(scope.repoDir(), revision).orElse(null);
        if (commit == null || !Files.isDirectory(scope.repoDir().resolve("snapshots").resolve(commit))) {
            throw new UnresolvedException(Problem.REVISION_NOT_FOUND, target + "@" + revision);
        }
        return VerifyScope.revision(scope.roots().getFirst(), scope.repoDir(), commit);
    }

    private static Optional<String> readRef(Path repoDir, String revision) {
        try {
            Path ref = repoDir.resolve("refs").resolve(revision);
            return Files.isRegularFile(ref) ? Optional.of(Files.readString(ref, StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
