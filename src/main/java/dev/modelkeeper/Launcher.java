package dev.modelkeeper;

import dev.modelkeeper.cli.CliMain;
import dev.modelkeeper.ui.ModelKeeperApp;

/**
 * Entry point of {@code modelkeeper.jar}: with a command it runs the command line (no display
 * needed, JavaFX is never touched); with no arguments it opens the window. A plain class, not an
 * {@code Application}, so JavaFX can start from the class path.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            ModelKeeperApp.main(args);
        } else {
            System.exit(CliMain.run(args, System.out, System.err));
        }
    }
}
