package io.principia.examples.ode;

import io.principia.core.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * The ode-image comparison: per model and epoch, forward and backward NFE (per training batch),
 * training time, train loss, test loss and accuracy. Writes {@code ode_image.csv} (long form),
 * {@code ode_image.md} (a summary and a per-epoch table) and four PNG plots (NFE forward, NFE
 * backward, test accuracy, train loss against epoch).
 */
final class OdeImageReport {
    /** One epoch of one model. */
    record Row(String model, int epoch, double nfeForward, double nfeBackward, double trainSeconds, double trainLoss,
               double testLoss, double testAccuracy) {}

    /** One model: its name, parameter count and epochs. */
    record Model(String name, long parameters, List<Row> rows) {}

    private final String title;
    private final String note;
    private final List<Model> models = new ArrayList<>();

    OdeImageReport(String title, String note) {
        this.title = title;
        this.note = note;
    }

    void add(String name, long parameters, List<Map<String, Double>> history, List<NfeMonitor.Epoch> nfe) {
        List<Row> rows = new ArrayList<>();
        for (int e = 0; e < history.size(); e++) {
            Map<String, Double> h = history.get(e);
            NfeMonitor.Epoch n = e < nfe.size() ? nfe.get(e) : new NfeMonitor.Epoch(Double.NaN, Double.NaN, Double.NaN);
            rows.add(new Row(name, e + 1, n.nfeForward(), n.nfeBackward(), n.trainSeconds(), h.getOrDefault("train_loss", Double.NaN),
                    h.getOrDefault("val_loss", Double.NaN), h.getOrDefault("val_accuracy", Double.NaN)));
        }
        models.add(new Model(name, parameters, rows));
    }

    List<Model> models() {
        return List.copyOf(models);
    }

    void write(Path dir) {
        try {
            AtomicFiles.write(dir.resolve("ode_image.csv"), csv().getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(dir.resolve("ode_image.md"), markdown().getBytes(StandardCharsets.UTF_8));
            plot(dir.resolve("ode_image_nfe_forward.png"), "forward NFE per batch", Row::nfeForward);
            plot(dir.resolve("ode_image_nfe_backward.png"), "backward NFE per batch", Row::nfeBackward);
            plot(dir.resolve("ode_image_accuracy.png"), "test accuracy", Row::testAccuracy);
            plot(dir.resolve("ode_image_train_loss.png"), "train loss", Row::trainLoss);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ode-image report into " + dir, e);
        }
    }

    String csv() {
        StringBuilder sb = new StringBuilder("model,parameters,epoch,nfe_forward,nfe_backward,train_time_s,train_loss,test_loss,test_accuracy\n");
        for (Model m : models) {
            for (Row r : m.rows()) {
                sb.append(String.format(Locale.ROOT, "%s,%d,%d,%.2f,%.2f,%.2f,%.6g,%.6g,%.6g%n", m.name(), m.parameters(), r.epoch(),
                        r.nfeForward(), r.nfeBackward(), r.trainSeconds(), r.trainLoss(), r.testLoss(), r.testAccuracy()));
            }
        }
        return sb.toString();
    }

    String markdown() {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n").append(note).append("\n\n");
        sb.append("| model | params | epoch | fwd NFE | bwd NFE | train time (s) | train loss | test loss | test acc |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Model m : models) {
            for (Row r : m.rows()) {
                sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %.1f | %.4f | %.4f | %.4f |%n", m.name(), m.parameters(),
                        r.epoch(), r.nfeForward(), r.nfeBackward(), r.trainSeconds(), r.trainLoss(), r.testLoss(), r.testAccuracy()));
            }
        }
        return sb.toString();
    }

    private void plot(Path file, String label, ToDoubleFunction<Row> value) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title + ": " + label).xAxisTitle("epoch").yAxisTitle(label).build();
        chart.getStyler().setMarkerSize(5);
        int series = 0;
        for (Model m : models) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (Row r : m.rows()) {
                double v = value.applyAsDouble(r);
                if (Double.isFinite(v)) {
                    xs.add((double) r.epoch());
                    ys.add(v);
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(m.name(), xs, ys);
                series++;
            }
        }
        if (series > 0) {
            AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG));
        }
    }
}
