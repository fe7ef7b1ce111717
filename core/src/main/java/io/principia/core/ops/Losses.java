package io.principia.core.ops;

import io.principia.core.tensor.Tensor;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Loss functions, each fused into one graph node with a closed-form backward. */
public final class Losses {
    /** PyTorch's default ignore index. */
    public static final int NO_IGNORE = Integer.MIN_VALUE;

    private Losses() {}

    /**
     * Mean cross-entropy of logits [N, C] against class indices [N]:
     * {@code -(1/|V|) Σ_{i∈V} log softmax(z_i)[y_i]}, where V are the rows whose target is not
     * {@code ignoreIndex}. Backward: {@code (softmax(z) - onehot(y)) / |V|} on rows in V.
     */
    public static Tensor crossEntropy(Tensor logits, Tensor targets, int ignoreIndex) {
        long[] s = logits.shape();
        if (s.length != 2) {
            throw new IllegalArgumentException("crossEntropy: logits must be [N, C], got " + Arrays.toString(s)
                    + "; reshape a sequence to [N*T, C]");
        }
        int n = (int) s[0], c = (int) s[1];
        if (targets.rank() != 1 || targets.size(0) != n) {
            throw new IllegalArgumentException("crossEntropy: targets must be [" + n + "] class indices, got "
                    + Arrays.toString(targets.shape()));
        }
        int[] y = targets.data().toIntVector();
        // log-softmax, row-stably: z - max - log Σ exp(z - max)
        INDArray shifted = logits.data().subColumnVector(logits.data().max(1).reshape(n, 1)); // [N, C]
        INDArray probs = org.nd4j.linalg.ops.transforms.Transforms.exp(shifted, true); // [N, C]
        INDArray sums = probs.sum(true, 1); // [N, 1]
        probs.diviColumnVector(sums);
        double[] shiftedRow = shifted.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
        double[] logSums = sums.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
        double total = 0;
        int valid = 0;
        for (int i = 0; i < n; i++) {
            if (y[i] == ignoreIndex) {
                continue;
            }
            if (y[i] < 0 || y[i] >= c) {
                throw new IllegalArgumentException("crossEntropy: target " + y[i] + " at row " + i + " is not a class index in [0, " + c + ")");
            }
            total -= shiftedRow[i * c + y[i]] - Math.log(logSums[i]);
            valid++;
        }
        final int count = valid;
        INDArray loss = Nd4j.scalar(logits.dtype(), count == 0 ? Double.NaN : total / count);
        return Tensor.result("cross_entropy", loss, g -> {
            INDArray d = probs.dup(); // [N, C]
            for (int i = 0; i < n; i++) {
                if (y[i] == ignoreIndex) {
                    d.getRow(i).assign(0);
                } else {
                    d.putScalar(i, y[i], d.getDouble(i, y[i]) - 1.0);
                }
            }
            logits.accumulateGrad(d.muli(g.getDouble(0) / Math.max(count, 1)));
        }, logits);
    }

    public static Tensor crossEntropy(Tensor logits, Tensor targets) {
        return crossEntropy(logits, targets, NO_IGNORE);
    }
}
