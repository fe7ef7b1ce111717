package io.principia.benchmarks;

import io.principia.core.nn.Linear;
import io.principia.core.ops.Losses;
import io.principia.core.optim.RmsProp;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;
import io.principia.core.util.Seed;
import io.principia.recurrent.Coefficient;
import io.principia.recurrent.LstmCell;
import io.principia.recurrent.MomentumLstmCell;
import io.principia.recurrent.Recurrent;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.AllocationsTracker;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * One recurrent training step on the pixel-MNIST shape (B = 128, H = 128, T = 784, input size 1),
 * timed the same way as {@code benchmarks/python/rnn_step.py}: zero grads, {@link Recurrent} over T
 * steps, {@code Linear(H, 10)} on h_T, cross-entropy, backward, {@link RmsProp} step (lr 1e-3,
 * PyTorch defaults otherwise). Models: {@code lstm} ({@link LstmCell}) and {@code momentum}
 * ({@link MomentumLstmCell}, μ = s = 0.6 fixed), both with the official initialization.
 *
 * <p>Prints {@code principia_rnn_step model=... threads=N median_ms=... min_ms=... fwd_ms=... bwd_ms=...
 * opt_ms=... base_rss_mb=... peak_rss_mb=... step_peak_mb=... javacpp_peak_mb=... heap_peak_mb=...}.
 * Memory: base is the RSS ({@link Pointer#physicalBytes()}) after building the model and data; the
 * RSS high-water mark (VmHWM, reset through {@code /proc/self/clear_refs} there) is read after the
 * last step; a sampler thread (2 ms) records the peaks of ND4J's off-heap bytes
 * ({@link AllocationsTracker}, which includes arrays that are garbage but not yet collected: ND4J
 * frees native memory only when the GC reclaims the INDArray), JavaCPP's tracked bytes
 * ({@link Pointer#totalBytes()}; ND4J's buffers do not go through it, so it stays near 0) and the
 * used Java heap over the same steps.
 *
 * <p>ND4J frees an array's native memory only when the GC reclaims the INDArray; the arrays of a
 * 784-step unroll live for seconds, likely get promoted to the old generation, and their native memory
 * then waits for an old-generation collection, so the RSS peak grows over several steps.
 * {@code --gc-between-steps} calls {@link System#gc()} before each step (outside the timing), which
 * leaves the peak of one step.
 *
 * <p>{@code --profile} runs two more untimed steps and prints, per step, the number of ND4J op
 * invocations (OpProfiler), the JavaCPP pointers and off-heap bytes allocated (counted through
 * {@link Pointer#totalCount()} with garbage collection of the step's arrays left to the end), and
 * the Java heap bytes allocated by the thread.
 *
 * <p>Run through {@code benchmarks/run-rnn-step.sh}, which sets the thread variables for both sides.
 */
public final class RnnStepBenchmark {

    public static void main(String[] args) throws Exception {
        String model = strArg(args, "--model", "lstm");
        int warmup = MlpStepBenchmark.intArg(args, "--warmup", 2);
        int iters = MlpStepBenchmark.intArg(args, "--iters", 5);
        int batch = MlpStepBenchmark.intArg(args, "--batch", 128);
        int hidden = MlpStepBenchmark.intArg(args, "--hidden", 128);
        int steps = MlpStepBenchmark.intArg(args, "--steps", 784);
        boolean profile = Arrays.asList(args).contains("--profile");
        boolean gcBetween = Arrays.asList(args).contains("--gc-between-steps");

        Seed.everything(0);
        Rng rng = new Rng(0);
        LstmCell cell = switch (model) {
            case "lstm" -> new LstmCell(1, hidden, rng, DataType.FLOAT);
            case "momentum" -> new MomentumLstmCell(1, hidden, Coefficient.fixed(0.6), Coefficient.fixed(0.6), rng, DataType.FLOAT);
            default -> throw new IllegalArgumentException("RnnStepBenchmark: --model must be lstm or momentum, got " + model);
        };
        Recurrent rnn = new Recurrent(cell);
        Linear head = new Linear(hidden, 10, true, rng, DataType.FLOAT);
        Map<String, Tensor> params = new LinkedHashMap<>();
        rnn.namedParameters().forEach((k, v) -> params.put("rnn." + k, v));
        head.namedParameters().forEach((k, v) -> params.put("head." + k, v));
        RmsProp opt = new RmsProp(params, 1e-3);

        Rng data = new Rng(1);
        Tensor x = Tensor.of(data.uniform(DataType.FLOAT, 0, 1, batch, steps, 1));     // [B, T, 1]
        INDArray labels = Nd4j.createUninitialized(DataType.LONG, batch);
        for (int i = 0; i < batch; i++) {
            labels.putScalar(i, data.nextInt(10));
        }
        Tensor y = Tensor.of(labels);

        long[] split = new long[3];   // ns of the last step: forward + loss, backward, optimizer
        Runnable step = () -> {
            long t0 = System.nanoTime();
            opt.zeroGrad();
            Tensor loss = Losses.crossEntropy(head.forward(rnn.forward(x).last()), y);
            long t1 = System.nanoTime();
            loss.backward();
            long t2 = System.nanoTime();
            opt.step();
            long t3 = System.nanoTime();
            split[0] = t1 - t0;
            split[1] = t2 - t1;
            split[2] = t3 - t2;
        };

        System.gc();
        long baseRss = Pointer.physicalBytes();
        long baseNd4j = AllocationsTracker.getInstance().bytesOnDevice(0);
        boolean hwm = resetHighWaterMark();
        Sampler sampler = new Sampler(baseRss);
        sampler.start();
        double[] total = new double[iters], fwd = new double[iters], bwd = new double[iters], upd = new double[iters];
        for (int i = 0; i < warmup + iters; i++) {
            if (gcBetween) {
                System.gc();                                   // untimed: frees the last step's native arrays
            }
            long t0 = System.nanoTime();
            step.run();
            long t = System.nanoTime() - t0;
            if (i >= warmup) {
                int j = i - warmup;
                total[j] = t / 1e6;
                fwd[j] = split[0] / 1e6;
                bwd[j] = split[1] / 1e6;
                upd[j] = split[2] / 1e6;
            }
        }
        sampler.stop();
        long peakRss = hwm ? highWaterMark() : sampler.peakRss;
        double mb = 1 << 20;
        String threads = System.getenv().getOrDefault("OMP_NUM_THREADS", "default");
        System.out.printf("principia_rnn_step model=%s threads=%s median_ms=%.1f min_ms=%.1f fwd_ms=%.1f bwd_ms=%.1f opt_ms=%.2f "
                        + "base_rss_mb=%.0f peak_rss_mb=%.0f step_peak_mb=%.0f nd4j_offheap_base_mb=%.0f nd4j_offheap_peak_mb=%.0f javacpp_peak_mb=%.0f heap_peak_mb=%.0f mem=%s gc_between_steps=%d%n",
                model, threads, median(total), min(total), median(fwd), median(bwd), median(upd),
                baseRss / mb, peakRss / mb, (peakRss - baseRss) / mb, baseNd4j / mb, sampler.peakNd4j / mb, sampler.peakJavacpp / mb, sampler.peakHeap / mb,
                hwm ? "vmhwm" : "sampled", gcBetween ? 1 : 0);

        if (profile) {
            profile(step, split);
        }
    }

    /** Per-step counts: ND4J op invocations, off-heap allocations, heap allocation. */
    private static void profile(Runnable step, long[] split) {
        com.sun.management.ThreadMXBean tmx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        System.gc();
        long count0 = Pointer.totalCount(), heap0 = tmx.getThreadAllocatedBytes(tid);
        long bytes0 = Pointer.totalBytes();
        step.run();
        long count1 = Pointer.totalCount(), heap1 = tmx.getThreadAllocatedBytes(tid);
        long bytes1 = Pointer.totalBytes();
        System.out.printf("profile_alloc javacpp_pointers_net=%d javacpp_bytes_net_mb=%.1f heap_alloc_mb=%.1f "
                        + "(net = created minus freed by GC during the step) fwd_ms=%.1f bwd_ms=%.1f opt_ms=%.2f%n",
                count1 - count0, (bytes1 - bytes0) / (double) (1 << 20), (heap1 - heap0) / (double) (1 << 20),
                split[0] / 1e6, split[1] / 1e6, split[2] / 1e6);

        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        OpProfiler.getInstance().reset();
        step.run();
        long ops = OpProfiler.getInstance().getInvocationsCount();
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        System.out.printf("profile_ops nd4j_invocations_per_step=%d fwd_ms=%.1f bwd_ms=%.1f (profiled step)%n",
                ops, split[0] / 1e6, split[1] / 1e6);
        OpProfiler.getInstance().printOutDashboard();
    }

    /** Polls RSS, JavaCPP's tracked bytes and the used heap every 2 ms. */
    private static final class Sampler implements Runnable {
        volatile boolean running = true;
        volatile long peakRss, peakJavacpp, peakNd4j, peakHeap;
        private Thread thread;

        Sampler(long baseRss) {
            this.peakRss = baseRss;
        }

        void start() {
            thread = new Thread(this, "memory-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        @Override
        public void run() {
            Runtime rt = Runtime.getRuntime();
            while (running) {
                peakRss = Math.max(peakRss, Pointer.physicalBytes());
                peakJavacpp = Math.max(peakJavacpp, Pointer.totalBytes());
                peakNd4j = Math.max(peakNd4j, AllocationsTracker.getInstance().bytesOnDevice(0));
                peakHeap = Math.max(peakHeap, rt.totalMemory() - rt.freeMemory());
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    static boolean resetHighWaterMark() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static long highWaterMark() throws IOException {
        Matcher m = Pattern.compile("VmHWM:\\s+(\\d+)").matcher(Files.readString(Path.of("/proc/self/status")));
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    }

    static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double min(double[] a) {
        return Arrays.stream(a).min().orElse(Double.NaN);
    }

    static String strArg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
