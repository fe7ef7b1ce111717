package io.principia.examples.common;

import io.principia.core.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * Side-by-side results of several training runs on the same data: per model and epoch, the test
 * loss and accuracy (the {@code val_loss} / {@code val_accuracy} of runs whose Trainer validated on
 * the test set), written as {@code compare.csv} (long form), {@code compare.md} (two wide tables
 * and a summary) and {@code compare_loss.png} / {@code compare_accuracy.png} (one curve per model,
 * XChart, like core's {@code MetricPlots}). Epochs are shown 1-based: "epoch 10" is after ten
 * epochs of training.
 */
public final class Comparison {
    /** One run: its name in the tables, its settings in words, and its Trainer history (rows of metrics.csv). */
    public record Curve(String name, String settings, List<Map<String, Double>> history) {}

    private final String title;
    private final String note;
    private final List<Curve> curves = new ArrayList<>();

    /** @param note a line under the title: data, sizes, and that the test set was the validation source */
    public Comparison(String title, String note) {
        this.title = title;
        this.note = note;
    }

    public Comparison add(String name, String settings, List<Map<String, Double>> history) {
        curves.add(new Curve(name, settings, List.copyOf(history)));
        return this;
    }

    public List<Curve> curves() { return List.copyOf(curves); }

    /** Writes the four files into {@code dir} (again after every added run, so a long comparison shows progress). */
    public void write(Path dir) {
        try {
            AtomicFiles.write(dir.resolve("compare.csv"), csv().getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(dir.resolve("compare.md"), markdown().getBytes(StandardCharsets.UTF_8));
            plot(dir.resolve("compare_loss.png"), "val_loss", "test loss (cross-entropy)");
            plot(dir.resolve("compare_accuracy.png"), "val_accuracy", "test accuracy");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the comparison into " + dir, e);
        }
    }

    /** model,epoch,train_loss,test_loss,test_accuracy,elapsed_s: one row per model and epoch. */
    public String csv() {
        StringBuilder sb = new StringBuilder("model,epoch,train_loss,test_loss,test_accuracy,elapsed_s\n");
        for (Curve c : curves) {
            for (Map<String, Double> row : c.history()) {
                sb.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%s,%s%n", c.name(), epoch(row), num(row, "train_loss"),
                        num(row, "val_loss"), num(row, "val_accuracy"), num(row, "elapsed_s")));
            }
        }
        return sb.toString();
    }

    /** A summary table (settings, final and best numbers, time) and wide tables of test loss and accuracy per epoch. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n").append(note).append("\n\n");
        sb.append("| model | settings | final test loss | min test loss (epoch) | final test acc | best test acc (epoch) | train time (s) |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Curve c : curves) {
            List<Map<String, Double>> h = c.history();
            if (h.isEmpty()) {
                continue;
            }
            Map<String, Double> last = h.get(h.size() - 1);
            int minLoss = argBest(h, "val_loss", false), bestAcc = argBest(h, "val_accuracy", true);
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.4f | %.4f (%d) | %.4f | %.4f (%d) | %.0f |%n", c.name(), c.settings(),
                    last.getOrDefault("val_loss", Double.NaN), h.get(minLoss).get("val_loss"), epoch(h.get(minLoss)),
                    last.getOrDefault("val_accuracy", Double.NaN), h.get(bestAcc).get("val_accuracy"), epoch(h.get(bestAcc)),
                    last.getOrDefault("elapsed_s", Double.NaN)));
        }
        wide(sb, "Test loss per epoch", "val_loss");
        wide(sb, "Test accuracy per epoch", "val_accuracy");
        return sb.toString();
    }

    private void wide(StringBuilder sb, String heading, String key) {
        sb.append("\n").append(heading).append(":\n\n| epoch |");
        int epochs = 0;
        for (Curve c : curves) {
            sb.append(' ').append(c.name()).append(" |");
            epochs = Math.max(epochs, c.history().size());
        }
        sb.append("\n|---|").append("---|".repeat(curves.size())).append('\n');
        for (int e = 0; e < epochs; e++) {
            sb.append("| ").append(e + 1).append(" |");
            for (Curve c : curves) {
                Double v = e < c.history().size() ? c.history().get(e).get(key) : null;
                sb.append(v == null ? " |" : String.format(Locale.ROOT, " %.4f |", v));
            }
            sb.append('\n');
        }
    }

    private void plot(Path file, String key, String label) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title + ": " + label).xAxisTitle("epoch")
                .yAxisTitle(label).build();
        chart.getStyler().setMarkerSize(5);
        int series = 0;
        for (Curve c : curves) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (Map<String, Double> row : c.history()) {
                Double v = row.get(key);
                if (v != null && Double.isFinite(v)) {
                    xs.add((double) epoch(row));
                    ys.add(v);
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(c.name(), xs, ys);
                series++;
            }
        }
        if (series > 0) {
            AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG));
        }
    }

    private static int argBest(List<Map<String, Double>> h, String key, boolean max) {
        int best = 0;
        for (int i = 1; i < h.size(); i++) {
            double v = h.get(i).getOrDefault(key, Double.NaN), b = h.get(best).getOrDefault(key, Double.NaN);
            if (Double.isNaN(b) || (max ? v > b : v < b)) {
                best = i;
            }
        }
        return best;
    }

    /** 1-based epoch of a history row. */
    private static int epoch(Map<String, Double> row) {
        return (int) Math.round(row.getOrDefault("epoch", Double.NaN)) + 1;
    }

    private static String num(Map<String, Double> row, String key) {
        Double v = row.get(key);
        return v == null ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
