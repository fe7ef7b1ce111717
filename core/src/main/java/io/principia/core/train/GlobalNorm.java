package io.principia.core.train;

import io.principia.core.tensor.Tensor;

import java.util.Collection;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradient norm over all parameters together, {@code ||g|| = sqrt(Σ_p Σ_i g_{p,i}²)}, and clipping
 * by it (as {@code torch.nn.utils.clip_grad_norm_}): when {@code ||g|| > maxNorm}, every gradient is
 * scaled by {@code maxNorm / (||g|| + 1e-6)}, which keeps the update direction.
 */
public final class GlobalNorm {
    private GlobalNorm() {}

    /** The global L2 norm of the gradients present (parameters without a gradient count as zero). */
    public static double of(Collection<Tensor> params) {
        double sq = 0;
        for (Tensor p : params) {
            INDArray g = p.grad();
            if (g != null) {
                double n = g.norm2Number().doubleValue();
                sq += n * n;
            }
        }
        return Math.sqrt(sq);
    }

    /** Clips in place and returns the norm before clipping. */
    public static double clip(Collection<Tensor> params, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("clip: maxNorm must be positive, got " + maxNorm);
        }
        double total = of(params);
        if (total > maxNorm) {
            double scale = maxNorm / (total + 1e-6);
            for (Tensor p : params) {
                if (p.grad() != null) {
                    p.ownGrad(); // the gradient array may be shared with another tensor
                    p.grad().muli(scale);
                }
            }
        }
        return total;
    }
}
