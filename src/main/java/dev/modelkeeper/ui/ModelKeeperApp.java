package dev.modelkeeper.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: builds the composition root and shows the main window. */
public final class ModelKeeperApp extends Application {

    private AppContext context;

    public static void main(String[] args) {
        launch(ModelKeeperApp.class, args);
    }

    @Override
    public void init() {
        context = AppContext.create();
    }

    @Override
    public void start(Stage stage) {
        var view = new MainView(context.mainViewModel());
        stage.setTitle("ModelKeeper");
        stage.setScene(new Scene(view, 1200, 760));
        stage.show();
        context.mainViewModel().refresh();
    }

    @Override
    public void stop() {
        context.close();
    }
}
