package io.principia.examples.graph.grand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import io.principia.core.io.AtomicFiles;
import io.principia.core.util.Seed;
import io.principia.examples.cli.TrainOptions;
import io.principia.examples.common.RunDirs;
import io.principia.graph.grand.GrandConfig;
import io.principia.graph.split.GrandSplit;
import io.principia.graph.split.Splits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Over-smoothing (Thorpe et al., GRAND++, ICLR 2022, §1 and the depth experiment): test accuracy
 * against the diffusion time T for GRAND-l and GRAND++-l. GRAND's diffusion drives the features
 * towards a constant as T grows; GRAND++'s source keeps them apart (spec §1.3, T3).
 */
@Command(name = GrandOversmoothing.NAME, mixinStandardHelpOptions = true,
        description = "Test accuracy vs diffusion time T for GRAND and GRAND++ (over-smoothing).",
        footer = {"", "Defaults: --epochs 100, cora, 20 labels per class, 3 splits, T in 1,4,16,32,64, rk4 with step 1."})
public final class GrandOversmoothing implements Callable<Integer> {
    public static final String NAME = "grand-oversmoothing";

    @Mixin
    TrainOptions opts = new TrainOptions();

    @Mixin
    GrandOptions grand = new GrandOptions();

    @Option(names = "--dataset", description = "cora, citeseer or photo (default: ${DEFAULT-VALUE}).", defaultValue = "cora")
    String dataset;

    @Option(names = "--times", split = ",", description = "Diffusion times T (default: ${DEFAULT-VALUE}).", defaultValue = "1,4,16,32,64")
    List<Double> times;

    @Option(names = "--labels", description = "Labels per class (default: ${DEFAULT-VALUE}).", defaultValue = "20")
    int labels;

    @Option(names = "--splits", description = "Number of splits, seeds 0.. (default: ${DEFAULT-VALUE}).", defaultValue = "3")
    int splits;

    @Option(names = "--models", split = ",", description = "Any of grand, grand++, grand-nl, grand++-nl (default: ${DEFAULT-VALUE}).",
            defaultValue = "grand,grand++")
    List<String> models;

    @Override
    public Integer call() {
        opts.validate();
        String bad = grand.problem();
        if (bad != null) {
            throw opts.usage(bad);
        }
        List<Models> kinds = new ArrayList<>();
        try {
            models.forEach(m -> kinds.add(Models.parse(m)));
            times.forEach(t -> new GrandConfig().time(t));
        } catch (IllegalArgumentException e) {
            throw opts.usage(e.getMessage());
        }
        if (kinds.stream().anyMatch(m -> !m.isGrand())) {
            throw opts.usage("--models: only GRAND models have a diffusion time, got " + models);
        }
        if (splits < 1 || labels < 1) {
            throw opts.usage("--splits and --labels must be >= 1, got " + splits + ", " + labels);
        }
        int epochs = opts.epochs(100);
        Path dir = RunDirs.defaultFor(NAME, opts.out);
        Protocol protocol = grand.protocol();
        NodeData d;
        try {
            d = NodeData.load(dataset, opts.data);
        } catch (IllegalArgumentException e) {
            throw opts.usage("--dataset: " + e.getMessage());
        }
        AccuracyTable table = new AccuracyTable("Over-smoothing: test accuracy vs diffusion time T", "T =", List.of(
                "Test accuracy (%), mean ± sample std (number of splits). Protocol: " + protocol.describe(grand.earlyStopFactor) + ".",
                String.format(Locale.ROOT, "%s, largest connected component, GRAND++ splits with %d labels per class and %d development "
                        + "nodes, split seeds 0..%d; %d epochs; solver %s; optimizer %s%s.", dataset, labels, grand.dev, splits - 1, epochs,
                        grand.config(dataset, 1.0).x0Source(false).describe().replaceAll("^.* T=1.0 ", ""),
                        grand.tunedOptimizer() && dataset.equals("cora") ? "Adamax" : "Adam",
                        grand.x0Source ? "; GRAND (not GRAND++) adds its own beta*x0 source" : ""),
                "Command: `" + String.join(" ", io.principia.examples.cli.Launcher.arguments()) + "`"));
        table.appendFrom(dir, grand.append);
        for (double t : times) {
            for (int s = 0; s < splits; s++) {
                GrandSplit split = Splits.grandPlusPlus(d.labels(), d.numClasses(), grand.dev, labels, s, grand.releasedCodeSource);
                for (Models m : kinds) {
                    if (table.has(dataset, format(t), m.id, s)) {
                        continue; // already in the appended runs.csv
                    }
                    long seed = opts.seed + s;
                    Seed.everything(seed);
                    Models.Built b = m.build(d, grand.config(dataset, t), split.sourceNodes(), seed, grand.tunedOptimizer());
                    FullBatchFit.Result r = FullBatchFit.run(b.model(), b.optimizer(), epochs, d.labels(), split.split(), protocol,
                            grand.earlyStopFactor, grand.step);
                    table.add(new AccuracyTable.Run(dataset, format(t), m.id, s, r));
                    table.write(dir, "oversmoothing");
                    System.out.printf(Locale.ROOT, "%s T=%s split %d %s: val %.4f test %.4f (epoch %d) %.1f s%n", NAME, format(t), s, m.id,
                            r.val(), r.test(), r.epoch(), r.seconds());
                }
            }
            plot(table, dir.resolve("oversmoothing.png"));
        }
        System.out.println(table.markdown());
        System.out.println(NAME + ": table and plot in " + dir);
        return 0;
    }

    static String format(double t) {
        return t == Math.rint(t) ? Long.toString((long) t) : Double.toString(t);
    }

    /** Mean test accuracy against T, one line per model (the x axis is log2 T). */
    static void plot(AccuracyTable table, Path file) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(800).height(480).title("Test accuracy vs diffusion time T")
                .xAxisTitle("log2 T").yAxisTitle("test accuracy").build();
        chart.getStyler().setMarkerSize(7);
        for (String m : table.models()) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>(), err = new ArrayList<>();
            for (String d : table.datasets()) {
                for (String c : table.columns()) {
                    double[] s = table.stats(d, c, m);
                    if (s[2] > 0) {
                        xs.add(Math.log(Double.parseDouble(c)) / Math.log(2));
                        ys.add(s[0]);
                        err.add(Double.isNaN(s[1]) ? 0.0 : s[1]);
                    }
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(m, xs, ys, err);
            }
        }
        try {
            AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plot " + file, e);
        }
    }
}
