package io.principia.examples.ode;

import io.principia.core.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * Side-by-side results of the ODE experiments (one run per model, or several runs averaged): per
 * model a history of epoch rows (named metrics), a summary row of the final values, written as
 * {@code compare.csv} (long form: model, epoch, every metric), {@code compare.md} (a note, the
 * summary table and the command) and one PNG per plotted metric. The examples' {@code Comparison}
 * is built around test loss and accuracy of classifiers; these experiments report regression
 * losses and NFE, so they write their own table in the same layout.
 */
final class OdeComparison {
    /** One model: its name, settings in words, epoch rows and the summary values by column. */
    record Entry(String name, String settings, List<Map<String, Double>> history, Map<String, String> summary) {}

    private final String title;
    private final String note;
    private final List<String> metrics;
    private final List<String> summaryColumns;
    private final List<Entry> entries = new ArrayList<>();

    /**
     * @param metrics        the per-epoch metrics, in CSV column order
     * @param summaryColumns the summary table's columns after "model" and "settings"
     */
    OdeComparison(String title, String note, List<String> metrics, List<String> summaryColumns) {
        this.title = title;
        this.note = note;
        this.metrics = List.copyOf(metrics);
        this.summaryColumns = List.copyOf(summaryColumns);
    }

    void add(String name, String settings, List<Map<String, Double>> history, Map<String, String> summary) {
        entries.add(new Entry(name, settings, List.copyOf(history), new LinkedHashMap<>(summary)));
    }

    List<Entry> entries() { return List.copyOf(entries); }

    String csv() {
        StringBuilder sb = new StringBuilder("model,epoch");
        metrics.forEach(m -> sb.append(',').append(m));
        sb.append('\n');
        for (Entry e : entries) {
            for (int i = 0; i < e.history().size(); i++) {
                sb.append(e.name()).append(',').append(i + 1);
                for (String m : metrics) {
                    Double v = e.history().get(i).get(m);
                    sb.append(',').append(v == null ? "" : String.format(Locale.ROOT, "%.6g", v));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    String markdown() {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n").append(note).append("\n\n| model | settings |");
        summaryColumns.forEach(c -> sb.append(' ').append(c).append(" |"));
        sb.append("\n|---|---|").append("---|".repeat(summaryColumns.size())).append('\n');
        for (Entry e : entries) {
            sb.append("| ").append(e.name()).append(" | ").append(e.settings()).append(" |");
            for (String c : summaryColumns) {
                sb.append(' ').append(e.summary().getOrDefault(c, "")).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Writes compare.csv, compare.md and compare_&lt;metric&gt;.png for each of {@code plotted}. */
    void write(Path dir, List<String> plotted) {
        try {
            AtomicFiles.write(dir.resolve("compare.csv"), csv().getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(dir.resolve("compare.md"), markdown().getBytes(StandardCharsets.UTF_8));
            for (String m : plotted) {
                plot(dir.resolve("compare_" + m + ".png"), m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the comparison into " + dir, e);
        }
    }

    private void plot(Path file, String metric) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title + ": " + metric).xAxisTitle("epoch")
                .yAxisTitle(metric).build();
        chart.getStyler().setMarkerSize(5);
        int series = 0;
        for (Entry e : entries) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (int i = 0; i < e.history().size(); i++) {
                Double v = e.history().get(i).get(metric);
                if (v != null && Double.isFinite(v)) {
                    xs.add((double) (i + 1));
                    ys.add(v);
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(e.name(), xs, ys);
                series++;
            }
        }
        if (series > 0) {
            AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG));
        }
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 || v == Math.rint(v) ? "%.0f" : "%.4f", v);
    }
}
