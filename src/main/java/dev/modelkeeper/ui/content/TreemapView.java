package dev.modelkeeper.ui.content;

import dev.modelkeeper.core.cache.Repo;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;

/** Disk use of the shown repos as a squarified treemap; a click selects the repo in the table. */
final class TreemapView extends Pane {

    private final CacheContentViewModel model;
    private final Consumer<Repo> onSelect;
    private List<Repo> repos = List.of();
    private List<Object> laidOut = List.of();

    TreemapView(CacheContentViewModel model, Consumer<Repo> onSelect) {
        this.model = model;
        this.onSelect = onSelect;
        setId("treemap");
        getStyleClass().add("treemap");
        model.visibleRepos().addListener((ListChangeListener<Repo>) c -> {
            repos = List.copyOf(model.visibleRepos());
            requestLayout();
        });
    }

    @Override
    protected void layoutChildren() {
        // adding tiles requests another layout: rebuild only when the data or the size changed
        var key = java.util.List.of(repos, getWidth(), getHeight());
        if (key.equals(laidOut)) {
            return;
        }
        laidOut = key;
        getChildren().clear();
        var weights = repos.stream().map(r -> (double) r.sizeOnDisk()).toList();
        for (var rect : SquarifiedTreemap.layout(weights, 0, 0, getWidth(), getHeight())) {
            getChildren().add(tile(repos.get(rect.index()), rect));
        }
    }

    private StackPane tile(Repo repo, SquarifiedTreemap.Rect rect) {
        var label = new Label(rect.w() > 60 && rect.h() > 18 ? repo.repoId() + "\n" + Formats.size(repo.sizeOnDisk()) : "");
        label.setMaxWidth(Math.max(0, rect.w() - 6));
        var tile = new StackPane(label);
        tile.getStyleClass().addAll("treemap-tile", "treemap-" + repo.type().id());
        tile.resizeRelocate(rect.x(), rect.y(), rect.w(), rect.h());
        tile.setUserData(repo);
        Tooltip.install(tile, new Tooltip(repo.cacheId() + "  " + Formats.size(repo.sizeOnDisk())));
        tile.setOnMouseClicked(e -> onSelect.accept(repo));
        return tile;
    }

}
