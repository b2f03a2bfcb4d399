package dev.modelkeeper.ui.content;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Squarified treemap layout (Bruls, Huizing, van Wijk): rectangles whose areas are proportional to the
 * weights, filling the bounds, as close to square as a greedy row layout gets. Pure geometry.
 */
public final class SquarifiedTreemap {

    /** A rectangle; {@code index} is the position of its weight in the input list. */
    public record Rect(int index, double x, double y, double w, double h) {
        public double area() {
            return w * h;
        }
    }

    private SquarifiedTreemap() {
    }

    /** Lays out positive weights (zero or negative weights get no rectangle) inside x, y, w, h. */
    public static List<Rect> layout(List<Double> weights, double x, double y, double w, double h) {
        double total = weights.stream().filter(v -> v > 0).mapToDouble(Double::doubleValue).sum();
        if (total <= 0 || w <= 0 || h <= 0) {
            return List.of();
        }
        double scale = w * h / total;
        List<Integer> order = IntStream.range(0, weights.size()).boxed().filter(i -> weights.get(i) > 0)
                .sorted(Comparator.comparingDouble((Integer i) -> weights.get(i)).reversed()).toList();
        var out = new ArrayList<Rect>();
        var row = new ArrayList<Integer>();
        double[] box = {x, y, w, h};
        for (int i : order) {
            double side = Math.min(box[2], box[3]);
            var candidate = new ArrayList<>(row);
            candidate.add(i);
            if (!row.isEmpty() && worst(candidate, weights, scale, side) > worst(row, weights, scale, side)) {
                place(row, weights, scale, box, out);
                row.clear();
            }
            row.add(i);
        }
        place(row, weights, scale, box, out);
        return out;
    }

    private static double worst(List<Integer> row, List<Double> weights, double scale, double side) {
        double sum = row.stream().mapToDouble(i -> weights.get(i) * scale).sum();
        double max = row.stream().mapToDouble(i -> weights.get(i) * scale).max().orElse(0);
        double min = row.stream().mapToDouble(i -> weights.get(i) * scale).min().orElse(0);
        double s2 = side * side;
        return Math.max(s2 * max / (sum * sum), sum * sum / (s2 * min));
    }

    /** Places a row along the shorter side of the remaining box and shrinks the box. */
    private static void place(List<Integer> row, List<Double> weights, double scale, double[] box, List<Rect> out) {
        if (row.isEmpty()) {
            return;
        }
        double sum = row.stream().mapToDouble(i -> weights.get(i) * scale).sum();
        boolean horizontal = box[2] >= box[3];
        double thickness = sum / (horizontal ? box[3] : box[2]);
        double offset = 0;
        for (int i : row) {
            double length = weights.get(i) * scale / thickness;
            out.add(horizontal ? new Rect(i, box[0], box[1] + offset, thickness, length)
                    : new Rect(i, box[0] + offset, box[1], length, thickness));
            offset += length;
        }
        if (horizontal) {
            box[0] += thickness;
            box[2] -= thickness;
        } else {
            box[1] += thickness;
            box[3] -= thickness;
        }
    }
}
