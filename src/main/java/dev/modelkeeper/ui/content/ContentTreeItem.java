package dev.modelkeeper.ui.content;

import java.util.Comparator;
import java.util.function.Supplier;
import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;

/**
 * A tree row whose children (revisions of a repo, files of a revision) are created only when first
 * asked for, so a 50,000-file cache costs one row per repo until the user expands something. New
 * children are sorted with the table's current order.
 */
final class ContentTreeItem extends TreeItem<ContentRow> {

    private final Supplier<Comparator<TreeItem<ContentRow>>> order;
    private boolean loaded;

    ContentTreeItem(ContentRow row, Supplier<Comparator<TreeItem<ContentRow>>> order) {
        super(row);
        this.order = order;
    }

    @Override
    public boolean isLeaf() {
        ContentRow row = getValue();
        return row.file() != null || (row.isRevision() && row.revision().files().isEmpty())
                || (row.isRepo() && row.repo().revisions().isEmpty());
    }

    @Override
    public ObservableList<TreeItem<ContentRow>> getChildren() {
        if (!loaded) {
            loaded = true;
            var children = new java.util.ArrayList<TreeItem<ContentRow>>();
            ContentRow row = getValue();
            if (row.isRepo()) {
                row.repo().revisions().forEach(rev ->
                        children.add(new ContentTreeItem(new ContentRow(row.repo(), rev, null), order)));
            } else if (row.isRevision()) {
                row.revision().files().forEach(f ->
                        children.add(new ContentTreeItem(new ContentRow(row.repo(), row.revision(), f), order)));
            }
            Comparator<TreeItem<ContentRow>> c = order.get();
            if (c != null) {
                children.sort(c);
            }
            super.getChildren().setAll(children);
        }
        return super.getChildren();
    }
}
