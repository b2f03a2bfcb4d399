package dev.modelkeeper.ui.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SquarifiedTreemapTest {

    @Test
    void areasAreProportionalAndFillTheBoundsWithoutOverlap() {
        var weights = List.of(6.0, 6.0, 4.0, 3.0, 2.0, 2.0, 1.0);
        var rects = SquarifiedTreemap.layout(weights, 0, 0, 600, 400);

        assertEquals(weights.size(), rects.size());
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        for (var r : rects) {
            assertEquals(600 * 400 * weights.get(r.index()) / total, r.area(), 1e-6);
            assertTrue(r.x() >= -1e-9 && r.y() >= -1e-9 && r.x() + r.w() <= 600 + 1e-6 && r.y() + r.h() <= 400 + 1e-6);
        }
        for (var a : rects) {
            for (var b : rects) {
                if (a != b) {
                    double ox = Math.min(a.x() + a.w(), b.x() + b.w()) - Math.max(a.x(), b.x());
                    double oy = Math.min(a.y() + a.h(), b.y() + b.h()) - Math.max(a.y(), b.y());
                    assertTrue(ox <= 1e-6 || oy <= 1e-6, "overlap " + a + " " + b);
                }
            }
        }
    }

    @Test
    void zeroWeightsAndEmptyBoundsGiveNoRectangles() {
        assertEquals(1, SquarifiedTreemap.layout(List.of(0.0, 5.0), 0, 0, 10, 10).size());
        assertEquals(List.of(), SquarifiedTreemap.layout(List.of(1.0), 0, 0, 0, 10));
    }
}
