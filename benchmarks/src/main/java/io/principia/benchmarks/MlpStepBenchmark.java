package io.principia.benchmarks;

import io.principia.core.nn.Activation;
import io.principia.core.nn.MLP;
import io.principia.core.ops.Losses;
import io.principia.core.optim.Adam;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;
import io.principia.core.util.Seed;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One MLP training step (784-256-256-10, ReLU, batch 128, Adam, cross-entropy), timed the same
 * way as {@code benchmarks/python/mlp_step.py}: zero grads, forward, loss, backward, optimizer step.
 * Prints {@code principia_mlp_step threads=N median_us=... p10_us=... p90_us=...}.
 *
 * <p>Run through {@code benchmarks/run-mlp-step.sh}, which sets the thread variables for both sides.
 */
public final class MlpStepBenchmark {

    public static void main(String[] args) {
        int warmup = intArg(args, "--warmup", 200);
        int iters = intArg(args, "--iters", 1000);
        int batch = intArg(args, "--batch", 128);
        Seed.everything(0);
        MLP model = new MLP(new int[] {784, 256, 256, 10}, Activation::relu, 0.0);
        Adam opt = new Adam(model.namedParameters(), 1e-3);
        Rng rng = new Rng(1);
        // A pool of random batches, cycled: with one fixed batch the loss collapses towards 0 within
        // ~1000 steps and Adam's second moments become denormal floats, which makes libnd4j's
        // adam_updater ~50x slower (measured) and no longer measures a training step.
        int pool = 32;
        Tensor[] xs = new Tensor[pool];
        Tensor[] ys = new Tensor[pool];
        for (int k = 0; k < pool; k++) {
            xs[k] = Tensor.of(rng.uniform(DataType.FLOAT, 0, 1, batch, 784));
            INDArray labels = Nd4j.createUninitialized(DataType.LONG, batch);
            for (int i = 0; i < batch; i++) {
                labels.putScalar(i, rng.nextInt(10));
            }
            ys[k] = Tensor.of(labels);
        }
        int[] next = {0};

        Runnable step = () -> {
            int k = next[0]++ % pool;
            opt.zeroGrad();
            Tensor loss = Losses.crossEntropy(model.forward(xs[k]), ys[k]);
            loss.backward();
            opt.step();
        };
        for (int i = 0; i < warmup; i++) {
            step.run();
        }
        double[] us = new double[iters];
        for (int i = 0; i < iters; i++) {
            long t0 = System.nanoTime();
            step.run();
            us[i] = (System.nanoTime() - t0) / 1000.0;
        }
        Arrays.sort(us);
        String threads = System.getenv().getOrDefault("OMP_NUM_THREADS", "default");
        System.out.printf("principia_mlp_step threads=%s median_us=%.1f p10_us=%.1f p90_us=%.1f%n",
                threads, us[iters / 2], us[(int) (0.1 * (iters - 1))], us[(int) (0.9 * (iters - 1))]);
    }

    static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
