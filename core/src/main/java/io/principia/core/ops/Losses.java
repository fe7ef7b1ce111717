package io.principia.core.ops;

import io.principia.core.tensor.DTypes;
import io.principia.core.tensor.Tensor;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Loss functions with mean reduction, each fused into one graph node with a closed-form backward. */
public final class Losses {
    /** Passed as ignoreIndex when no target is to be ignored. */
    public static final int NO_IGNORE = Integer.MIN_VALUE;

    private Losses() {}

    /**
     * Mean cross-entropy of logits [N, C] against class indices [N] (read through
     * {@code toIntVector()}): {@code -(1/|V|) Σ_{i∈V} log softmax(z_i)[y_i]}, where V are the rows
     * whose target is not {@code ignoreIndex}; NaN when V is empty, as in PyTorch.
     * Backward: {@code (softmax(z) - onehot(y)) / |V|} on rows in V, 0 on the others.
     */
    public static Tensor crossEntropy(Tensor logits, Tensor targets, int ignoreIndex) {
        long[] s = logits.shape();
        if (s.length != 2) {
            throw new IllegalArgumentException("crossEntropy: logits must be [N, C], got " + Arrays.toString(s)
                    + "; reshape a sequence to [N*T, C]");
        }
        DTypes.requireFloating("crossEntropy (logits)", logits);
        int n = (int) s[0], c = (int) s[1];
        if (n == 0 || c == 0) {
            throw new IllegalArgumentException("crossEntropy: logits " + Arrays.toString(s) + " hold no rows or no classes");
        }
        if (targets.rank() != 1 || targets.size(0) != n) {
            throw new IllegalArgumentException("crossEntropy: targets must be [" + n + "] class indices, got "
                    + Arrays.toString(targets.shape()));
        }
        checkIntegral(targets.data());
        int[] y = targets.data().toIntVector();
        int[] hot = new int[n]; // target class, or -1 (a zero one-hot row) for an ignored row
        double[] keep = new double[n];
        int valid = 0;
        for (int i = 0; i < n; i++) {
            if (y[i] == ignoreIndex) {
                hot[i] = -1;
                continue;
            }
            if (y[i] < 0 || y[i] >= c) {
                throw new IllegalArgumentException("crossEntropy: target " + y[i] + " at row " + i + " is not a class index in [0, " + c + ")");
            }
            hot[i] = y[i];
            keep[i] = 1;
            valid++;
        }
        final int count = valid;
        INDArray logp = Softmax.logSoftmaxArray(logits.data(), 1); // [N, C]
        INDArray onehot = NativeOps.exec("onehot", Nd4j.create(logits.dtype(), n, c), new int[] {-1, c}, Nd4j.createFromArray(hot)); // [N, C]
        double total = -Reductions.total(logp.mul(onehot));
        INDArray loss = Nd4j.scalar(logits.dtype(), count == 0 ? Double.NaN : total / count);
        return Tensor.result("cross_entropy", loss, g -> {
            INDArray d = Transforms.exp(logp, true); // softmax, [N, C]
            if (count < n) {
                d.muliColumnVector(Nd4j.createFromArray(keep).castTo(logits.dtype()).reshape(n, 1)); // zero the ignored rows
            }
            logits.accumulateGrad(d.subi(onehot).muli(g.getDouble(0) / Math.max(count, 1)));
        }, logits);
    }

    public static Tensor crossEntropy(Tensor logits, Tensor targets) {
        return crossEntropy(logits, targets, NO_IGNORE);
    }

    /** Float targets are accepted only if they hold whole numbers (toIntVector would truncate 1.7 to 1, NaN to 0). */
    private static void checkIntegral(INDArray y) {
        if (y.dataType().isFPType()) {
            INDArray bad = Transforms.floor(y, true).neq(y); // true where fractional, NaN or infinite
            if (bad.any()) {
                long at = bad.castTo(DataType.INT).argMax().getLong(0);
                throw new IllegalArgumentException("crossEntropy: target " + y.getDouble(at) + " at row " + at
                        + " is not a whole class index (targets are " + y.dataType() + "; use an integer type)");
            }
        } else if (!y.dataType().isIntType()) {
            throw new IllegalArgumentException("crossEntropy: targets must hold class indices, got data type " + y.dataType());
        }
    }

    private static void checkSameShape(String op, Tensor a, String aName, Tensor b, String bName) {
        Arithmetic.checkDtypes(op, a, b);
        DTypes.requireFloating(op, a);
        DTypes.requireNonEmpty(op + " (" + aName + ")", a);
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": " + aName + " shape " + Arrays.toString(a.shape()) + " differs from "
                    + bName + " shape " + Arrays.toString(b.shape()) + " (no broadcasting in losses)");
        }
    }

    /** Mean squared error: {@code (1/n) Σ_i (p_i - t_i)²}; dp = 2 (p - t) / n = -dt. */
    public static Tensor mse(Tensor pred, Tensor target) {
        checkSameShape("mse", pred, "pred", target, "target");
        long n = pred.length();
        INDArray diff = pred.data().sub(target.data());
        double norm = diff.norm2Number().doubleValue();
        INDArray loss = Nd4j.scalar(pred.dtype(), norm * norm / n);
        return Tensor.result("mse", loss, g -> {
            INDArray d = diff.mul(2.0 * g.getDouble(0) / n);
            if (pred.requiresGrad()) {
                pred.accumulateGrad(d);
            }
            if (target.requiresGrad()) {
                target.accumulateGrad(d.neg());
            }
        }, pred, target);
    }

    /**
     * Mean binary cross-entropy on logits, computed stably as
     * {@code (1/n) Σ_i max(z_i, 0) - z_i y_i + log(1 + exp(-|z_i|))};
     * dz = (σ(z) - y) / n, dy = -z / n (targets may be soft, in [0, 1]).
     */
    public static Tensor bceWithLogits(Tensor logits, Tensor targets) {
        checkSameShape("bceWithLogits", logits, "logits", targets, "targets");
        long n = logits.length();
        INDArray z = logits.data();
        INDArray terms = Transforms.log(Transforms.exp(Transforms.abs(z, true).negi(), false).addi(1.0), false) // log(1 + e^-|z|)
                .addi(Transforms.relu(z, true)).subi(z.mul(targets.data()));
        INDArray loss = Nd4j.scalar(logits.dtype(), Reductions.total(terms) / n);
        return Tensor.result("bce_with_logits", loss, g -> {
            double scale = g.getDouble(0) / n;
            if (logits.requiresGrad()) {
                logits.accumulateGrad(Transforms.sigmoid(z, true).subi(targets.data()).muli(scale));
            }
            if (targets.requiresGrad()) {
                targets.accumulateGrad(z.mul(-scale));
            }
        }, logits, targets);
    }
}
