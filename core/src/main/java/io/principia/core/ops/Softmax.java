package io.principia.core.ops;

import io.principia.core.tensor.DTypes;
import io.principia.core.tensor.Tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * softmax and log-softmax along one axis, shifted by the max so large logits neither overflow nor
 * underflow; backward in closed form. libnd4j's fused softmax / log_softmax kernels are not used:
 * in M2.1 softmax returns NaN for a row such as [-1000, -1001, -999] and log_softmax returns -inf
 * for [0, 2000] (see SoftmaxTest#stableForLargeLogits).
 */
public final class Softmax {
    private Softmax() {}

    /** y_i = exp(x_i − m) / Σ_j exp(x_j − m) along {@code axis}, m the max; dx = y ⊙ (g − Σ g⊙y). */
    public static Tensor softmax(Tensor x, int axis) {
        DTypes.requireFloating("softmax", x);
        int a = ShapeOps.axis("softmax", axis, x.rank(), x.shape());
        INDArray y = softmaxArray(x.data(), a);
        return Tensor.result("softmax", y, g -> {
            INDArray gy = g.mul(y);
            INDArray s = gy.sum(true, a); // Σ_j g_j y_j, kept
            x.accumulateGrad(gy.subi(y.mul(s))); // y ⊙ g − y ⊙ Σ g⊙y
        }, x);
    }

    /** y_i = x_i − m − log Σ_j exp(x_j − m) along {@code axis}; dx = g − softmax(x) ⊙ Σ g. */
    public static Tensor logSoftmax(Tensor x, int axis) {
        DTypes.requireFloating("logSoftmax", x);
        int a = ShapeOps.axis("logSoftmax", axis, x.rank(), x.shape());
        INDArray y = logSoftmaxArray(x.data(), a);
        return Tensor.result("log_softmax", y, g -> {
            INDArray s = g.sum(true, a); // Σ_j g_j, kept
            x.accumulateGrad(Transforms.exp(y, true).muli(s).rsubi(g));
        }, x);
    }

    /** softmax of an array along axis {@code a} (already normalized), a fresh array. */
    static INDArray softmaxArray(INDArray x, int a) {
        INDArray e = Transforms.exp(x.sub(x.max(true, a)), false); // exp(x − m)
        return e.divi(e.sum(true, a));
    }

    /** log softmax of an array along axis {@code a} (already normalized), a fresh array. */
    static INDArray logSoftmaxArray(INDArray x, int a) {
        INDArray shifted = x.sub(x.max(true, a)); // x − m
        INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(true, a), false); // log Σ exp(x − m), kept
        return shifted.subi(lse);
    }
}
