package io.principia.core.train;

import io.principia.core.nn.Module;
import io.principia.core.ops.LinearAlgebra;
import io.principia.core.ops.Losses;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Tiny synthetic problems and models for the Trainer tests. */
final class Problems {
    private Problems() {}

    record Batch(Tensor x, Tensor y) {
        int size() { return (int) x.size(0); }
    }

    /** y = x W^T + b, one layer. */
    static final class Linear extends Module {
        final Tensor w;
        final Tensor b;

        Linear(Rng rng, int in, int out) {
            w = registerParameter("weight", rng.normal(DataType.FLOAT, 0, 0.5, out, in));
            b = registerParameter("bias", Nd4j.zeros(DataType.FLOAT, out));
        }

        Tensor forward(Tensor x) {
            return LinearAlgebra.linear(x, w, b); // [N, out]
        }
    }

    /** Two-layer tanh MLP, registered as fc1, fc2 (so names are fc1.weight, ...). */
    static final class Mlp extends Module {
        final Linear fc1;
        final Linear fc2;

        Mlp(Rng rng, int in, int hidden, int out) {
            fc1 = registerModule("fc1", new Linear(rng, in, hidden));
            fc2 = registerModule("fc2", new Linear(rng, hidden, out));
        }

        Tensor forward(Tensor x) {
            return fc2.forward(fc1.forward(x).tanh());
        }
    }

    /** Mini-batches of rows of (x, y), shuffled per epoch by a generator seeded with seed + epoch. */
    static BatchSource<Batch> shuffled(INDArray x, INDArray y, int batchSize, long seed) {
        int n = (int) x.size(0);
        int numBatches = (n + batchSize - 1) / batchSize;
        return new BatchSource<>() {
            @Override
            public int numBatches() { return numBatches; }

            @Override
            public Iterator<Batch> batches(int epoch) {
                int[] perm = new Rng(seed + epoch).permutation(n);
                List<Batch> out = new ArrayList<>();
                for (int s = 0; s < n; s += batchSize) {
                    int[] rows = java.util.Arrays.copyOfRange(perm, s, Math.min(n, s + batchSize));
                    out.add(new Batch(Tensor.of(x.getRows(rows)), Tensor.of(y.getRows(rows).reshape(rows.length, -1).dup())));
                }
                return out.iterator();
            }
        };
    }

    /** All rows as one batch, the same every epoch. */
    static BatchSource<Batch> fixed(INDArray x, INDArray y) {
        return BatchSource.of(List.of(new Batch(Tensor.of(x), Tensor.of(y))));
    }

    /** Two Gaussian blobs in 2-d, label 0 around (-1, -1) and label 1 around (1, 1). */
    static INDArray[] blobs(long seed, int n) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            double c = label == 0 ? -1 : 1;
            x[2 * i] = (float) (c + 0.6 * rng.nextGaussian());
            x[2 * i + 1] = (float) (c + 0.6 * rng.nextGaussian());
            y[i] = label;
        }
        return new INDArray[] {Nd4j.create(x, new long[] {n, 2}, 'c'), Nd4j.create(y, new long[] {n, 1}, 'c')};
    }

    /**
     * Classification with an MLP and cross-entropy; in training, inputs pass through an inverted
     * dropout mask drawn from {@link Rng#global()}, so exact resume must restore that generator.
     */
    static final class Classify implements TrainingTask<Batch> {
        final Mlp net;
        final double dropout;

        Classify(Mlp net, double dropout) {
            this.net = net;
            this.dropout = dropout;
        }

        @Override
        public Module model() { return net; }

        @Override
        public StepResult step(Batch b, Phase phase) {
            Tensor x = b.x();
            if (phase == Phase.TRAIN && dropout > 0) {
                INDArray mask = Rng.global().bernoulli(DataType.FLOAT, 1 - dropout, x.shape()).divi(1 - dropout);
                x = x.mul(Tensor.of(mask));
            }
            Tensor logits = net.forward(x); // [N, 2]
            Tensor labels = Tensor.of(b.y().data().reshape(b.size()).castTo(DataType.INT32));
            Tensor loss = Losses.crossEntropy(logits, labels);
            return StepResult.of(loss, b.size()).withMetric("mean_logit", logits.data().meanNumber().doubleValue())
                    .withClassification(logits.data(), labels.data());
        }
    }
}
