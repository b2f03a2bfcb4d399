package dev.modelkeeper.ui.team;

import java.util.ResourceBundle;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.VBox;

/** What "Open manifest…" did, and the environment lines (with a copy button) that make programs use it offline. */
public final class EnsureReportDialog extends Alert {

    public EnsureReportDialog(ManifestJobs.Report report, ResourceBundle texts) {
        super(report.ready() ? AlertType.INFORMATION : AlertType.WARNING);
        setTitle(texts.getString("team.manifest.title"));
        setHeaderText(texts.getString(report.ready() ? "team.manifest.header.ready" : "team.manifest.header.notReady"));
        getDialogPane().setId("ensure-report");
        var summary = new Label(report.summary());
        summary.setWrapText(true);
        var env = new TextArea(report.environment());
        env.setId("ensure-environment");
        env.setEditable(false);
        env.setPrefRowCount(4);
        var copy = new Button(texts.getString("team.manifest.copy"));
        copy.setId("ensure-copy");
        copy.setOnAction(e -> {
            var content = new ClipboardContent();
            content.putString(report.environment());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        var box = new VBox(8, summary, new Label(texts.getString("team.manifest.environment")), env, copy);
        box.setPrefWidth(560);
        getDialogPane().setContent(box);
    }
}
