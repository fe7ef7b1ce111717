package io.principia.examples.ode;

import io.principia.core.ops.Pointwise;
import io.principia.core.optim.Adam;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;
import io.principia.examples.cli.Launcher;
import io.principia.examples.cli.TrainOptions;
import io.principia.examples.common.RunDirs;
import io.principia.ode.GradientMode;
import io.principia.ode.models.SolverConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.nd4j.linalg.api.ndarray.INDArray;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Nested-spheres separation (spec §3.3 point cloud; the NesterovNODE repository's
 * {@code nested_n_spheres.py}): NODE, ANODE, SONODE, HBNODE, GHBNODE, NesterovNODE and
 * GNesterovNODE ({@link SphereModel}) fit the labels ∓1 of {@link NestedSpheresData#standard} with
 * the smooth-L1 loss, Adam lr 1e-2, batch 50 (shuffled), float64, dopri5 on t ∈ [1, 2] with the
 * adjoint. Reported per model: the final epoch's mean training loss and mean forward / backward
 * NFE per iteration (the official Trainer's {@code epoch_*_history}), averaged over the runs.
 * The official figure averages 50 runs of 200 epochs at tol 1e-7; the defaults here (1 run, 40
 * epochs, tol 1e-5) take a few minutes on two cores.
 */
@Command(name = "nested-spheres", mixinStandardHelpOptions = true,
        footer = "%nDefaults: --epochs 40, --batch-size 50, --lr 1e-2, 1 run.",
        description = "Nested 2-D spheres with NODE/ANODE/SONODE/HBNODE/GHBNODE/Nesterov: final loss and forward/backward NFE.")
public final class NestedSpheres implements Callable<Integer> {
    public static final String NAME = "nested-spheres";
    static final String DEFAULT_MODELS = "node,anode,sonode,hbnode,ghbnode,nesterovnode,gnesterovnode";

    @Mixin
    TrainOptions opts = new TrainOptions();

    @Option(names = "--models", split = ",", defaultValue = DEFAULT_MODELS, description = "Models (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--runs", defaultValue = "1", description = "Independent runs per model, seeds seed+1000+r (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--tol", defaultValue = "1e-5", description = "dopri5 rtol = atol (default: ${DEFAULT-VALUE}; official 1e-7).")
    double tol;

    @Option(names = "--backprop", description = "Backprop through the solver instead of the adjoint (no backward NFE).")
    boolean backprop;

    @Override
    public Integer call() {
        opts.validate();
        List<SphereModel.Kind> kinds;
        try {
            kinds = models.stream().map(SphereModel.Kind::parse).toList();
        } catch (IllegalArgumentException e) {
            throw opts.usage("--models: " + e.getMessage());
        }
        if (runs < 1) {
            throw opts.usage("--runs must be >= 1, got " + runs);
        }
        if (!(tol > 0)) {
            throw opts.usage("--tol must be > 0, got " + tol);
        }
        int epochs = opts.epochs(40), batch = opts.batchSize(50);
        double lr = opts.lr(1e-2);
        SolverConfig solver = SolverConfig.dopri5(tol, backprop ? GradientMode.BACKPROP : GradientMode.ADJOINT);
        NestedSpheresData.Points data = NestedSpheresData.standard(opts.seed);
        Path out = RunDirs.defaultFor(NAME, opts.out);
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
        String note = String.format(Locale.ROOT, "2-D nested spheres, 40 inner (r ≤ 0.5, label −1) + 80 outer (0.85 ≤ r ≤ 1, label +1) "
                        + "points (data seed %d); %d run(s) per model (model/shuffle seeds %d…%d), %d epochs, batch %d (shuffled), "
                        + "Adam lr %s, smooth-L1 loss, float64, dopri5 tol %s on t ∈ [1, 2], %s. Final loss = mean training loss of "
                        + "the last epoch; NFE = mean per iteration in the last epoch; all averaged over runs. Command: `%s`.",
                opts.seed, runs, opts.seed + 1000, opts.seed + 1000 + runs - 1, epochs, batch, lr, tol, backprop ? "backprop" : "adjoint",
                String.join(" ", Launcher.arguments()));
        OdeComparison cmp = new OdeComparison("Nested spheres", note, List.of("loss", "accuracy", "nfe_forward", "nfe_backward", "elapsed_s"),
                List.of("params", "runs", "final loss", "final accuracy", "fwd NFE/iter", "bwd NFE/iter", "time/run (s)"));
        for (SphereModel.Kind k : kinds) {
            List<List<Map<String, Double>>> all = new ArrayList<>();
            long params = 0;
            for (int r = 0; r < runs; r++) {
                SphereModel model = new SphereModel(k, 2, solver, new Rng(opts.seed + 1000 + r));
                params = model.parameterCount();
                all.add(fit(model, data, epochs, batch, lr, new Rng(opts.seed + 2000 + r)));
            }
            List<Map<String, Double>> mean = average(all);
            Map<String, Double> last = mean.get(mean.size() - 1);
            Map<String, String> summary = new LinkedHashMap<>();
            summary.put("params", Long.toString(params));
            summary.put("runs", Integer.toString(runs));
            summary.put("final loss", OdeComparison.fmt(last.get("loss")));
            summary.put("final accuracy", OdeComparison.fmt(last.get("accuracy")));
            summary.put("fwd NFE/iter", String.format(Locale.ROOT, "%.1f", last.get("nfe_forward")));
            summary.put("bwd NFE/iter", String.format(Locale.ROOT, "%.1f", last.get("nfe_backward")));
            summary.put("time/run (s)", String.format(Locale.ROOT, "%.0f", last.get("elapsed_s")));
            cmp.add(k.displayName, "nhid " + k.nhid, mean, summary);
            cmp.write(out, List.of("loss", "nfe_forward", "nfe_backward"));
            System.out.printf(Locale.ROOT, "%s (%d params): final loss %.4f, fwd NFE %.1f, bwd NFE %.1f%n", k.displayName, params,
                    last.get("loss"), last.get("nfe_forward"), last.get("nfe_backward"));
        }
        System.out.println(cmp.markdown());
        System.out.println("wrote " + out.resolve("compare.md") + ", compare.csv and compare_*.png");
        return 0;
    }

    /** One run; a row per epoch: mean loss, accuracy (sign of the prediction), mean NFE per iteration. */
    static List<Map<String, Double>> fit(SphereModel model, NestedSpheresData.Points data, int epochs, int batch, double lr, Rng shuffle) {
        Adam opt = new Adam(model.namedParameters(), lr);
        List<Map<String, Double>> rows = new ArrayList<>();
        long start = System.nanoTime();
        int n = data.size();
        for (int e = 0; e < epochs; e++) {
            int[] perm = shuffle.permutation(n);
            double loss = 0, nfeF = 0, nfeB = 0, correct = 0;
            int iters = 0;
            for (int b0 = 0; b0 < n; b0 += batch) {
                int[] idx = Arrays.copyOfRange(perm, b0, Math.min(n, b0 + batch));
                Tensor x = Tensor.of(data.x().data().getRows(idx));
                Tensor y = Tensor.of(data.y().data().getRows(idx));
                opt.zeroGrad();
                Tensor pred = model.forward(x);
                nfeF += model.block().lastNfeForward();
                Tensor l = smoothL1(pred, y);
                l.backward();
                opt.step();
                nfeB += model.block().lastNfeBackward();
                loss += l.item();
                INDArray agree = pred.data().mul(y.data()).gt(0).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
                correct += agree.sumNumber().doubleValue();
                iters++;
            }
            Map<String, Double> row = new LinkedHashMap<>();
            row.put("loss", loss / iters);
            row.put("accuracy", correct / n);
            row.put("nfe_forward", nfeF / iters);
            row.put("nfe_backward", nfeB / iters);
            row.put("elapsed_s", (System.nanoTime() - start) / 1e9);
            rows.add(row);
        }
        return rows;
    }

    /**
     * Smooth L1 (Huber with β = 1), mean over elements: 0.5 d² where |d| &lt; 1, |d| − 0.5 elsewhere,
     * written as 0.5 c² + (|d| − c) with c = min(|d|, 1).
     */
    static Tensor smoothL1(Tensor pred, Tensor target) {
        if (!Arrays.equals(pred.shape(), target.shape())) {
            throw new IllegalArgumentException("smoothL1: prediction shape " + Arrays.toString(pred.shape()) + " differs from target "
                    + Arrays.toString(target.shape()));
        }
        Tensor a = pred.sub(target).abs();
        Tensor c = Pointwise.clamp(a, 0, 1);
        return c.mul(c).mul(0.5).add(a.sub(c)).mean();
    }

    /** Element-wise mean of the runs' epoch rows. */
    static List<Map<String, Double>> average(List<List<Map<String, Double>>> runs) {
        List<Map<String, Double>> out = new ArrayList<>();
        for (int e = 0; e < runs.get(0).size(); e++) {
            Map<String, Double> row = new LinkedHashMap<>();
            for (String key : runs.get(0).get(e).keySet()) {
                final int epoch = e;
                row.put(key, runs.stream().mapToDouble(r -> r.get(epoch).get(key)).average().orElse(Double.NaN));
            }
            out.add(row);
        }
        return out;
    }

}
