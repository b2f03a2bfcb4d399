package dev.modelkeeper.ui;

import dev.modelkeeper.core.cache.Repo;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;

/** The main window's content. */
public final class MainView extends BorderPane {

    private final MainViewModel model;
    private ListView<Repo> list;

    public MainView(MainViewModel model) {
        this.model = model;
        createParts();
        layoutParts();
        bindToModel();
    }

    private void createParts() {
        list = new ListView<>();
        list.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Repo repo, boolean empty) {
                super.updateItem(repo, empty);
                setText(empty || repo == null ? null : repo.cacheId());
            }
        });
    }

    private void layoutParts() {
        setCenter(list);
    }

    private void bindToModel() {
        list.setItems(model.repos());
    }
}
