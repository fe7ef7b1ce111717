package io.principia.benchmarks;

import io.principia.core.autograd.Grad;
import io.principia.core.autograd.GraphStats;
import io.principia.core.io.Npy;
import io.principia.core.nn.Linear;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;
import io.principia.core.util.Seed;
import io.principia.ode.GradientMode;
import io.principia.ode.Method;
import io.principia.ode.OdeFunction;
import io.principia.ode.OdeSolution;
import io.principia.ode.Odeint;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * One neural-ODE solve (Chen et al. 2018) timed the same way as {@code benchmarks/python/ode_step.py}:
 * state y [B, D], vector field f(y) = W2 tanh(W1 y + b1) + b2 (D -> H -> D, time-independent),
 * dopri5 with rtol = atol = 1e-5 over [0, 1] (torchdiffeq's step control, which the Python side
 * reimplements), loss = mean(y(1)²), float32. Modes: {@code forward} (no graph),
 * {@code backprop} (forward + backward through the solver's recorded ops) and {@code adjoint}
 * (forward without a graph + the adjoint backward solve). {@code --method rk4 --steps N} takes N
 * fixed classical RK4 steps instead (for the memory comparison).
 *
 * <p>The weights (Principia's default Linear init, seed {@code --seed}) and y0 ~ N(0, 1) are written
 * as {@code w1, b1, w2, b2, y0 .npy} to {@code --write-weights DIR} so that PyTorch solves exactly the
 * same problem and must take the same steps (same NFE).
 *
 * <p>Prints one line per mode: {@code principia_ode_step mode=... nfe=... nfe_bwd=... accepted=... rejected=... median_ms=...
 * min_ms=... max_ms=... loss=... grad_norm=... graph_mb=... base_rss_mb=... step_peak_mb=...}, where
 * graph_mb is {@link GraphStats#retainedBytes} of the loss's graph before backward (the arrays the
 * recorded graph keeps alive) and step_peak_mb the RSS high-water mark over the timed solves minus
 * the RSS before them (VmHWM, reset through {@code /proc/self/clear_refs}). {@code --gc-between}
 * calls {@link System#gc()} before each solve (untimed), which frees the last solve's native arrays
 * (ND4J frees them only when the GC reclaims the INDArrays); {@code --gc-every K} calls it every K
 * evaluations of the field, inside the solves (memory runs: the RSS then follows the live arrays).
 * {@code --profile} runs one more solve per mode and prints its number of ND4J op invocations.
 */
public final class OdeStepBenchmark {

    /** dy/dt = W2 tanh(W1 y + b1) + b2, weights [out, in] as torch.nn.Linear. */
    static final class MlpField extends OdeFunction {
        final Linear in;
        final Linear out;
        int gcEvery;
        private long evaluations;

        MlpField(int dim, int hidden, Rng rng) {
            in = registerModule("in", new Linear(dim, hidden, true, rng, DataType.FLOAT));
            out = registerModule("out", new Linear(hidden, dim, true, rng, DataType.FLOAT));
        }

        @Override
        public Tensor forward(double t, Tensor y) {
            if (gcEvery > 0 && ++evaluations % gcEvery == 0) {
                System.gc(); // memory runs only: frees the native arrays of garbage INDArrays
            }
            return out.forward(in.forward(y).tanh()); // [B, D] -> [B, H] -> [B, D]
        }
    }

    public static void main(String[] args) throws Exception {
        int batch = MlpStepBenchmark.intArg(args, "--batch", 128);
        int dim = MlpStepBenchmark.intArg(args, "--dim", 64);
        int hidden = MlpStepBenchmark.intArg(args, "--hidden", 256);
        int warmup = MlpStepBenchmark.intArg(args, "--warmup", 3);
        int iters = MlpStepBenchmark.intArg(args, "--iters", 10);
        int steps = MlpStepBenchmark.intArg(args, "--steps", 0);
        int seed = MlpStepBenchmark.intArg(args, "--seed", 0);
        double tol = Double.parseDouble(RnnStepBenchmark.strArg(args, "--tol", "1e-5"));
        Method method = Method.parse(RnnStepBenchmark.strArg(args, "--method", "dopri5"));
        String modes = RnnStepBenchmark.strArg(args, "--modes", "forward,backprop,adjoint");
        String weightsDir = RnnStepBenchmark.strArg(args, "--write-weights", null);
        boolean gcBetween = java.util.Arrays.asList(args).contains("--gc-between");
        boolean profile = java.util.Arrays.asList(args).contains("--profile");
        if (!method.adaptive() && steps < 1) {
            throw new IllegalArgumentException("OdeStepBenchmark: --method " + method + " needs --steps N >= 1, got " + steps);
        }

        Seed.everything(seed);
        Rng rng = new Rng(seed);
        MlpField field = new MlpField(dim, hidden, rng);
        field.gcEvery = MlpStepBenchmark.intArg(args, "--gc-every", 0);
        Tensor y0 = Tensor.of(rng.normal(DataType.FLOAT, 0, 1, batch, dim)); // [B, D]
        if (weightsDir != null) {
            Path dir = Files.createDirectories(Path.of(weightsDir));
            Npy.write(dir.resolve("w1.npy"), field.in.weight.data());   // [H, D]
            Npy.write(dir.resolve("b1.npy"), field.in.bias.data());     // [H]
            Npy.write(dir.resolve("w2.npy"), field.out.weight.data());  // [D, H]
            Npy.write(dir.resolve("b2.npy"), field.out.bias.data());    // [D]
            Npy.write(dir.resolve("y0.npy"), y0.data());                // [B, D]
        }

        for (String mode : modes.split(",")) {
            Odeint ode = Odeint.of(field).method(method).tolerances(tol, tol)
                    .gradient(mode.equals("adjoint") ? GradientMode.ADJOINT : GradientMode.BACKPROP);
            if (!method.adaptive()) {
                ode.stepSize(1.0 / steps);
            }
            Result last = null;
            for (int i = 0; i < warmup; i++) {
                last = run(mode, ode, field, y0, false);
            }
            System.gc();
            long base = Pointer.physicalBytes();
            boolean hwm = RnnStepBenchmark.resetHighWaterMark();
            double[] ms = new double[iters];
            for (int i = 0; i < iters; i++) {
                if (gcBetween) {
                    System.gc();
                }
                long t0 = System.nanoTime();
                last = run(mode, ode, field, y0, i == iters - 1);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            long peak = hwm ? RnnStepBenchmark.highWaterMark() : -1;
            double mb = 1 << 20;
            System.out.printf("principia_ode_step mode=%s method=%s steps=%d threads=%s nfe=%d nfe_bwd=%d accepted=%d rejected=%d median_ms=%.2f min_ms=%.2f "
                            + "max_ms=%.2f loss=%.9g grad_norm=%.9g graph_mb=%.2f base_rss_mb=%.0f step_peak_mb=%.1f gc_between=%d gc_every=%d%n",
                    mode, method.name().toLowerCase(), steps, System.getenv().getOrDefault("OMP_NUM_THREADS", "default"),
                    last.nfe, last.nfeBackward, last.accepted, last.rejected, RnnStepBenchmark.median(ms), RnnStepBenchmark.min(ms),
                    java.util.Arrays.stream(ms).max().orElse(Double.NaN), last.loss, gradNorm(field), last.graphBytes / mb,
                    base / mb, hwm ? (peak - base) / mb : -1.0, gcBetween ? 1 : 0, field.gcEvery);
            if (profile) {
                Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
                OpProfiler.getInstance().reset();
                Result r = run(mode, ode, field, y0, false);
                long ops = OpProfiler.getInstance().getInvocationsCount();
                Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
                System.out.printf("profile_ode_step mode=%s nd4j_invocations=%d per_evaluation=%.1f%n", mode, ops,
                        ops / (double) (r.nfe + r.nfeBackward));
            }
        }
    }

    private record Result(int nfe, int nfeBackward, int accepted, int rejected, double loss, long graphBytes) {}

    /** One solve in the given mode; measures the graph's retained bytes (untimed cost) when asked. */
    private static Result run(String mode, Odeint ode, MlpField field, Tensor y0, boolean measureGraph) {
        field.zeroGrad();
        if (mode.equals("forward")) {
            try (var off = Grad.off()) {
                OdeSolution sol = ode.solve(y0, 0.0, 1.0);
                Tensor loss = sol.last().pow(2).mean();
                return new Result(sol.stats().nfeForward(), 0, sol.stats().acceptedSteps(), sol.stats().rejectedSteps(), loss.item(), 0);
            }
        }
        if (!mode.equals("backprop") && !mode.equals("adjoint")) {
            throw new IllegalArgumentException("OdeStepBenchmark: mode must be forward, backprop or adjoint, got " + mode);
        }
        OdeSolution sol = ode.solve(y0, 0.0, 1.0);
        Tensor loss = sol.last().pow(2).mean();
        long graph = measureGraph ? GraphStats.retainedBytes(loss) : 0;
        loss.backward();
        return new Result(sol.stats().nfeForward(), sol.stats().nfeBackward(), sol.stats().acceptedSteps(), sol.stats().rejectedSteps(),
                loss.item(), graph);
    }

    private static double gradNorm(MlpField field) {
        double s = 0;
        for (Tensor p : field.parameters()) {
            INDArray g = p.grad();
            if (g != null) {
                s += g.castTo(DataType.DOUBLE).norm2Number().doubleValue() * g.castTo(DataType.DOUBLE).norm2Number().doubleValue();
            }
        }
        return Math.sqrt(s);
    }
}
