package io.principia.examples.graph.grand;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.principia.core.autograd.Grad;
import io.principia.core.ops.Indexing;
import io.principia.core.ops.Losses;
import io.principia.core.optim.Optimizer;
import io.principia.core.tensor.Tensor;
import io.principia.graph.split.NodeSplit;

/**
 * Full-batch training with validation-based selection (spec §1.4): each epoch is one step of
 * cross entropy on the training nodes, then an evaluation (no dropout, no gradients) that keeps
 * the test accuracy at the best validation accuracy so far (strictly better replaces). With
 * {@link Protocol#EARLY_STOP_TIME} the evaluation also decodes the diffusion on a grid of times
 * in (0, factor·T] and the selection runs over (epoch, time). The reference code evaluates
 * before each training step; here evaluation follows it, so epoch 1 is scored after one step.
 */
final class FullBatchFit {
    /** What a run selected: accuracies at the chosen (epoch, time), the epoch 1-based. */
    record Result(double val, double test, double train, int epoch, double time, double seconds) {}

    private FullBatchFit() {}

    /**
     * @param gridStep spacing of the evaluation times for the early-stop protocol (T itself is
     *                 always on the grid)
     */
    static Result run(NodeModel model, Optimizer opt, int epochs, int[] labels, NodeSplit split, Protocol protocol,
                      double factor, double gridStep) {
        int[] train = split.train();
        Tensor y = Tensor.of(Nd4j.createFromArray(NodeSplit.labelsOf(labels, train)));
        double[] grid = protocol == Protocol.EARLY_STOP_TIME && !Double.isNaN(model.time())
                ? grid(model.time(), factor, gridStep) : null;
        long t0 = System.nanoTime();
        double bestVal = -1, bestTest = Double.NaN, bestTrain = Double.NaN, bestTime = model.time();
        int bestEpoch = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            model.module().train();
            opt.zeroGrad();
            Tensor rows = Indexing.indexSelect(model.logits(), 0, train); // [K, C]
            Tensor loss = Losses.crossEntropy(rows, y);
            if (!Double.isFinite(loss.item())) {
                throw new IllegalStateException("training loss is " + loss.item() + " at epoch " + epoch);
            }
            loss.backward();
            opt.step();
            model.module().eval();
            try (var off = Grad.off()) {
                double[] acc = accuracies(model.logits().data(), labels, split);
                if (acc[1] > bestVal) {
                    bestVal = acc[1];
                    bestTest = acc[2];
                    bestTrain = acc[0];
                    bestEpoch = epoch;
                    bestTime = model.time();
                }
                if (grid != null) {
                    List<INDArray> over = model.logitsOverTime(grid);
                    for (int k = 0; k < grid.length; k++) {
                        double[] a = accuracies(over.get(k), labels, split);
                        if (a[1] > bestVal) {
                            bestVal = a[1];
                            bestTest = a[2];
                            bestTrain = a[0];
                            bestEpoch = epoch;
                            bestTime = grid[k];
                        }
                    }
                }
            }
        }
        return new Result(bestVal, bestTest, bestTrain, bestEpoch, bestTime, (System.nanoTime() - t0) / 1e9);
    }

    /** Times gridStep, 2·gridStep, ... up to factor·T, with T and factor·T included. */
    static double[] grid(double time, double factor, double gridStep) {
        double end = factor * time;
        java.util.TreeSet<Double> ts = new java.util.TreeSet<>();
        for (int k = 1; k * gridStep < end - 1e-9; k++) {
            ts.add(k * gridStep);
        }
        ts.add(time);
        ts.add(end);
        return ts.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Train, validation and test accuracy of argmax(logits). */
    static double[] accuracies(INDArray logits, int[] labels, NodeSplit split) {
        long[] pred = logits.argMax(1).toLongVector();
        return new double[] {accuracy(pred, labels, split.train()), accuracy(pred, labels, split.val()),
                accuracy(pred, labels, split.test())};
    }

    private static double accuracy(long[] pred, int[] labels, int[] nodes) {
        if (nodes.length == 0) {
            return Double.NaN;
        }
        int right = 0;
        for (int i : nodes) {
            if (pred[i] == labels[i]) {
                right++;
            }
        }
        return right / (double) nodes.length;
    }
}
