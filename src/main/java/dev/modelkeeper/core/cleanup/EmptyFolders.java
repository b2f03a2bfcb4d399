package dev.modelkeeper.core.cleanup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Folders of a hub cache with nothing in them (at any depth), the outermost of each. Never the root, a repo
 * folder, its {@code blobs}, {@code snapshots} or {@code refs}, a snapshot folder (an empty revision is a revision),
 * {@code .locks} or the shared store: the official client expects those to be there.
 */
final class EmptyFolders {

    private final Path root;

    EmptyFolders(Path root) {
        this.root = root;
    }

    List<Path> find() {
        var found = new ArrayList<Path>();
        emptyBelow(root, 0, found);
        return found;
    }

    /**
     * Whether {@code dir} may go as a whole: it holds no file at any depth and is not one the client expects.
     * Otherwise its removable sub-folders are collected.
     */
    private boolean emptyBelow(Path dir, int depth, List<Path> found) {
        boolean empty = true;
        var emptyChildren = new ArrayList<Path>();
        for (Path child : list(dir)) {
            if (!Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                empty = false;
            } else if (emptyBelow(child, depth + 1, found)) {
                emptyChildren.add(child);
            } else {
                empty = false;
            }
        }
        if (empty && !kept(dir, depth)) {
            return true;
        }
        found.addAll(emptyChildren);
        return false;
    }

    private boolean kept(Path dir, int depth) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        return switch (depth) {
            case 0, 1 -> true; // the root; repo folders, .locks, the shared store
            case 2 -> name.equals("blobs") || name.equals("snapshots") || name.equals("refs");
            case 3 -> dir.getParent().getFileName().toString().equals("snapshots");
            default -> false;
        };
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
