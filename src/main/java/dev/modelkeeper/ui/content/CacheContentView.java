package dev.modelkeeper.ui.content;

import javafx.scene.layout.BorderPane;

/** The centre of the main window: tree table, filter field, details and usage view. */
public final class CacheContentView extends BorderPane {

    private final CacheContentViewModel model;

    public CacheContentView(CacheContentViewModel model) {
        this.model = model;
    }
}
