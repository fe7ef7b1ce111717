package io.principia.core.nn.functional;

import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inverted dropout: y = x ⊙ m / (1 − p) with m ~ Bernoulli(1 − p), so E[y] = x and evaluation
 * needs no rescaling. The backward is g ⊙ m / (1 − p).
 */
public final class Dropout {
    private Dropout() {}

    /**
     * Drops each element with probability {@code p} when {@code training}, drawing the mask from
     * {@code rng}; returns {@code x} itself in evaluation mode or when p = 0.
     *
     * @throws IllegalArgumentException if p is outside [0, 1)
     */
    public static Tensor dropout(Tensor x, double p, boolean training, Rng rng) {
        checkP(p);
        if (!training || p == 0.0) {
            return x;
        }
        INDArray mask = rng.bernoulli(x.dtype(), 1.0 - p, x.shape()).muli(1.0 / (1.0 - p)); // 0 or 1/(1-p)
        INDArray y = x.data().mul(mask);
        return Tensor.result("dropout", y, g -> x.accumulateGrad(g.mul(mask)), x);
    }

    /** Dropout with the mask drawn from {@link Rng#global()}. */
    public static Tensor dropout(Tensor x, double p, boolean training) {
        return dropout(x, p, training, Rng.global());
    }

    /** Checks that a drop probability is in [0, 1). */
    public static double checkP(double p) {
        if (!(p >= 0.0 && p < 1.0)) {
            throw new IllegalArgumentException("dropout: probability p must be in [0, 1), got " + p);
        }
        return p;
    }
}
