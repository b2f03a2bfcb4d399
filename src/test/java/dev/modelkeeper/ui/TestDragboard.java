package dev.modelkeeper.ui;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import java.io.File;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.scene.image.Image;
import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.util.Pair;

/**
 * A Dragboard holding files, for simulated drops from a file manager. Dragboard has no public
 * constructor and the toolkit's own local clipboard refuses transfer modes, so it is backed by a map.
 */
final class TestDragboard implements TKClipboard {

    private final Map<DataFormat, Object> content = new HashMap<>();
    private Image image;
    private double offsetX;
    private double offsetY;

    static Dragboard withFiles(List<File> files) {
        var board = new TestDragboard();
        board.content.put(DataFormat.FILES, List.copyOf(files));
        return DragboardHelper.createDragboard(board);
    }

    @Override
    public Set<DataFormat> getContentTypes() {
        return content.keySet();
    }

    @SafeVarargs
    @Override
    public final boolean putContent(Pair<DataFormat, Object>... pairs) {
        content.clear();
        for (var p : pairs) {
            content.put(p.getKey(), p.getValue());
        }
        return true;
    }

    @Override
    public Object getContent(DataFormat format) {
        return content.get(format);
    }

    @Override
    public boolean hasContent(DataFormat format) {
        return content.containsKey(format);
    }

    @Override
    public Set<TransferMode> getTransferModes() {
        return EnumSet.allOf(TransferMode.class);
    }

    @Override
    public void setDragView(Image image) {
        this.image = image;
    }

    @Override
    public void setDragViewOffsetX(double x) {
        offsetX = x;
    }

    @Override
    public void setDragViewOffsetY(double y) {
        offsetY = y;
    }

    @Override
    public Image getDragView() {
        return image;
    }

    @Override
    public double getDragViewOffsetX() {
        return offsetX;
    }

    @Override
    public double getDragViewOffsetY() {
        return offsetY;
    }
}
