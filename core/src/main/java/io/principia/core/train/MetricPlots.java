package io.principia.core.train;

import io.principia.core.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * PNG plots of every metric against the epoch, in {@code <runDir>/plots/}, redrawn after every
 * epoch (XChart, headless). {@code train_x} and {@code val_x} share one chart {@code x.png}
 * (e.g. {@code loss.png} with both curves); other metrics ({@code lr}, {@code val_accuracy} alone)
 * get a chart each.
 */
public final class MetricPlots implements Callback {
    private static final List<String> SKIP = List.of("epoch", "step", "elapsed_s");
    private final Path dir;

    /** Plots into {@code plots/} in the run directory. */
    public MetricPlots() {
        this(null);
    }

    /** Plots into {@code dir} (null: {@code plots/} in the run directory). */
    public MetricPlots(Path dir) {
        this.dir = dir;
    }

    @Override
    public void onEpochEnd(TrainerContext ctx, int epoch, Map<String, Double> metrics) {
        Path target = dir != null ? dir : ctx.runDir().map(d -> d.resolve("plots")).orElseThrow(() ->
                new IllegalStateException("MetricPlots needs a run directory (Trainer.builder().runDir(...)) or a folder"));
        try {
            plot(ctx.history(), target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plots to " + target, e);
        }
    }

    /** Writes one PNG per chart for {@code history} into {@code dir}; returns the files written. */
    public static List<Path> plot(List<Map<String, Double>> history, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        // chart name -> (series name -> metric key)
        Map<String, Map<String, String>> charts = new LinkedHashMap<>();
        for (Map<String, Double> row : history) {
            for (String key : row.keySet()) {
                if (SKIP.contains(key)) {
                    continue;
                }
                String chart = key;
                String series = key;
                for (String prefix : new String[] {"train_", "val_"}) {
                    if (key.startsWith(prefix)) {
                        String base = key.substring(prefix.length());
                        boolean paired = history.stream().anyMatch(r -> r.containsKey(
                                (prefix.equals("train_") ? "val_" : "train_") + base));
                        if (paired) {
                            chart = base;
                            series = prefix.substring(0, prefix.length() - 1);
                        }
                    }
                }
                charts.computeIfAbsent(chart, c -> new LinkedHashMap<>()).put(series, key);
            }
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> c : charts.entrySet()) {
            XYChart chart = new XYChartBuilder().width(640).height(420).title(c.getKey()).xAxisTitle("epoch")
                    .yAxisTitle(c.getKey()).build();
            chart.getStyler().setMarkerSize(5);
            int seriesCount = 0;
            for (Map.Entry<String, String> s : c.getValue().entrySet()) {
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                for (Map<String, Double> row : history) {
                    Double v = row.get(s.getValue());
                    if (v != null && Double.isFinite(v)) {
                        xs.add(row.getOrDefault("epoch", (double) xs.size()));
                        ys.add(v);
                    }
                }
                if (!xs.isEmpty()) {
                    chart.addSeries(s.getKey(), xs, ys);
                    seriesCount++;
                }
            }
            if (seriesCount == 0) {
                continue;
            }
            Path file = dir.resolve(c.getKey().replaceAll("[^A-Za-z0-9_.-]", "_") + ".png");
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
            AtomicFiles.write(file, png);
            written.add(file);
        }
        return written;
    }
}
