package io.principia.benchmarks;

import io.principia.core.autograd.Grad;
import io.principia.core.io.Npy;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;
import io.principia.graph.Graph;
import io.principia.graph.GraphOps;
import io.principia.graph.Normalization;
import io.principia.graph.diffusion.LaplacianDiffusion;
import io.principia.graph.diffusion.SparseAdjacency;
import io.principia.graph.sparse.Spmm;
import io.principia.ode.Method;
import io.principia.ode.OdeSolution;
import io.principia.ode.Odeint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One graph-diffusion solve on a large random graph (GRAND's linear diffusion, Chamberlain et al.
 * 2021): dx/dt = σ(α)(A − I) x with A the column-stochastic 'rw' adjacency, x [N, d] float32,
 * classical RK4 with {@code --steps} equal steps over [0, 1], loss = mean(x(1)²). Timed the same
 * way as {@code benchmarks/python/diffusion_solve.py}.
 *
 * <p>The graph: {@code --nodes N} nodes, a self-loop at every node and (E − N)/2 random node pairs
 * (u ≠ v, uniform, drawn with {@link Rng} seed {@code --seed}) in both directions, so A has
 * {@code --edges E} entries. x(0) ~ N(0, 1). {@code --write DIR} writes source, target, weight and
 * x0 as .npy so that PyTorch solves the same problem (the loss must agree).
 *
 * <p>Modes: {@code forward} (under {@link Grad#off()}) and {@code backward} (x(0) and α require a
 * gradient; forward + backward through the solver). One mode per process, so that the process's
 * peak RSS ({@code /usr/bin/time -v}) belongs to that mode. {@code --profile} also times one
 * {@link Spmm#apply} and its parts (the copy of x to {@code double[]} and of the result back).
 *
 * <p>Prints {@code principia_diffusion_solve mode=... nodes=... edges=... dim=... steps=... nfe=... median_ms=... min_ms=...
 * loss=... loss_f64=... base_rss_mb=... step_peak_mb=...}: loss is ND4J's float32 mean (a sequential float32 sum,
 * visibly off at millions of elements), loss_f64 the same mean summed in float64.
 */
public final class DiffusionSolveBenchmark {

    public static void main(String[] args) throws Exception {
        int nodes = MlpStepBenchmark.intArg(args, "--nodes", 100_000);
        int edges = MlpStepBenchmark.intArg(args, "--edges", 1_000_000);
        int dim = MlpStepBenchmark.intArg(args, "--dim", 32);
        int steps = MlpStepBenchmark.intArg(args, "--steps", 4);
        int warmup = MlpStepBenchmark.intArg(args, "--warmup", 1);
        int iters = MlpStepBenchmark.intArg(args, "--iters", 3);
        int seed = MlpStepBenchmark.intArg(args, "--seed", 0);
        String mode = RnnStepBenchmark.strArg(args, "--mode", "forward");
        String write = RnnStepBenchmark.strArg(args, "--write", null);
        boolean profile = Arrays.asList(args).contains("--profile");
        if (!mode.equals("forward") && !mode.equals("backward")) {
            throw new IllegalArgumentException("DiffusionSolveBenchmark: --mode must be forward or backward, got " + mode);
        }

        Rng rng = new Rng(seed);
        Graph graph = randomGraph(nodes, edges, rng);
        double[] w = Normalization.columnStochastic(graph, null);
        INDArray x0 = rng.normal(DataType.FLOAT, 0, 1, nodes, dim); // [N, d]
        if (write != null) {
            Path dir = Files.createDirectories(Path.of(write));
            Npy.write(dir.resolve("source.npy"), Nd4j.createFromArray(graph.sources()));          // [E]
            Npy.write(dir.resolve("target.npy"), Nd4j.createFromArray(graph.targets()));          // [E]
            Npy.write(dir.resolve("weight.npy"), Nd4j.createFromArray(w).castTo(DataType.FLOAT)); // [E]
            Npy.write(dir.resolve("x0.npy"), x0);                                                 // [N, d]
        }
        SparseAdjacency adjacency = SparseAdjacency.of(graph, w, DataType.FLOAT);
        LaplacianDiffusion field = new LaplacianDiffusion(adjacency, DataType.FLOAT);
        Odeint ode = Odeint.of(field).method(Method.RK4).stepSize(1.0 / steps);
        Tensor x = mode.equals("backward") ? Tensor.param(x0) : Tensor.of(x0);

        double[] loss = new double[1];
        int[] nfe = new int[1];
        INDArray[] last = new INDArray[1]; // x(1) of the latest solve, for the float64 loss printed at the end
        Runnable solve = () -> {
            field.zeroGrad();
            x.zeroGrad();
            if (mode.equals("forward")) {
                try (var off = Grad.off()) {
                    OdeSolution sol = ode.solve(x, 0.0, 1.0);
                    loss[0] = sol.last().pow(2).mean().item();
                    nfe[0] = sol.stats().nfeForward();
                    last[0] = sol.last().data();
                }
            } else {
                OdeSolution sol = ode.solve(x, 0.0, 1.0);
                Tensor l = sol.last().pow(2).mean();
                l.backward();
                loss[0] = l.item();
                nfe[0] = sol.stats().nfeForward();
                last[0] = sol.last().data();
            }
        };
        for (int i = 0; i < warmup; i++) {
            solve.run();
        }
        System.gc();
        long base = Pointer.physicalBytes();
        boolean hwm = RnnStepBenchmark.resetHighWaterMark();
        double[] ms = new double[iters];
        for (int i = 0; i < iters; i++) {
            long t0 = System.nanoTime();
            solve.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        long peak = hwm ? RnnStepBenchmark.highWaterMark() : -1;
        double mb = 1 << 20;
        double gradNorm = mode.equals("backward") ? x.grad().castTo(DataType.DOUBLE).norm2Number().doubleValue() : 0;
        System.out.printf("principia_diffusion_solve mode=%s nodes=%d edges=%d dim=%d steps=%d threads=%s nfe=%d median_ms=%.1f min_ms=%.1f "
                        + "max_ms=%.1f loss=%.7f loss_f64=%.7f grad_norm=%.7g base_rss_mb=%.0f step_peak_mb=%.1f%n",
                mode, nodes, graph.numEdges(), dim, steps, System.getenv().getOrDefault("OMP_NUM_THREADS", "default"), nfe[0],
                RnnStepBenchmark.median(ms), RnnStepBenchmark.min(ms), Arrays.stream(ms).max().orElse(Double.NaN), loss[0],
                last[0].castTo(DataType.DOUBLE).norm2Number().doubleValue() * last[0].castTo(DataType.DOUBLE).norm2Number().doubleValue() / last[0].length(), gradNorm,
                base / mb, hwm ? (peak - base) / mb : -1.0);
        if (profile) {
            profileSpmm(adjacency, x0, 5);
        }
    }

    /** Self-loops plus (E − N)/2 random pairs u ≠ v in both directions: E entries in all. */
    static Graph randomGraph(int nodes, int edges, Rng rng) {
        int pairs = (edges - nodes) / 2;
        if (pairs < 0 || nodes + 2 * pairs != edges) {
            throw new IllegalArgumentException("random graph: edges − nodes must be even and >= 0, got " + edges + " edges, " + nodes + " nodes");
        }
        int[] s = new int[2 * pairs];
        int[] t = new int[2 * pairs];
        for (int k = 0; k < pairs; k++) {
            int u = rng.nextInt(nodes);
            int v = rng.nextInt(nodes - 1);
            v = v >= u ? v + 1 : v; // uniform over v ≠ u
            s[2 * k] = u;
            t[2 * k] = v;
            s[2 * k + 1] = v;
            t[2 * k + 1] = u;
        }
        return GraphOps.addSelfLoops(new Graph(nodes, s, t));
    }

    /** Median over {@code reps} calls of: one Spmm forward, the double[] copy of x, the float32 array of the result. */
    static void profileSpmm(SparseAdjacency a, INDArray x0, int reps) {
        double[] spmm = new double[reps];
        double[] copyIn = new double[reps];
        double[] copyOut = new double[reps];
        Tensor x = Tensor.of(x0);
        try (var off = Grad.off()) {
            for (int r = 0; r < reps + 1; r++) {
                long t0 = System.nanoTime();
                a.apply(x);
                long t1 = System.nanoTime();
                double[] v = x0.castTo(DataType.DOUBLE).dup('c').data().asDouble(); // what Flat.of does
                long t2 = System.nanoTime();
                Nd4j.create(v, x0.shape(), 'c').castTo(DataType.FLOAT);             // what Flat.array does
                long t3 = System.nanoTime();
                if (r > 0) {
                    spmm[r - 1] = (t1 - t0) / 1e6;
                    copyIn[r - 1] = (t2 - t1) / 1e6;
                    copyOut[r - 1] = (t3 - t2) / 1e6;
                }
            }
        }
        System.out.printf("profile_spmm forward_ms=%.1f copy_in_ms=%.1f copy_out_ms=%.1f%n", RnnStepBenchmark.median(spmm),
                RnnStepBenchmark.median(copyIn), RnnStepBenchmark.median(copyOut));
    }
}
