package dev.modelkeeper.ui;

import javafx.stage.Stage;
import org.testfx.api.FxRobot;

/** Shared pieces of the window tests. */
final class UiTestSupport {

    private UiTestSupport() {
    }

    /** Closes every stage a test opened. */
    static void closeWindows(FxRobot robot) {
        robot.interact(() -> robot.listWindows().stream().filter(w -> w instanceof Stage)
                .forEach(w -> ((Stage) w).close()));
    }

    /** Window actions that open choosers and dialogs are not under test in these flows. */
    static final class NoActions implements MainView.Actions {
        @Override
        public void chooseFolder() {
        }

        @Override
        public void openDownload() {
        }

        @Override
        public void openSettings() {
        }

        @Override
        public void switchLanguage(String tag) {
        }

        @Override
        public void about() {
        }

        @Override
        public void quit() {
        }
    }
}
