package io.principia.core.optim;

import io.principia.core.tensor.Tensor;

import java.util.Collection;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.clip.ClipByValue;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradient clipping, as {@code torch.nn.utils.clip_grad_norm_} / {@code clip_grad_value_}.
 * Tensors without a gradient are skipped. Clipped gradients are installed with
 * {@link Tensor#setGrad} as fresh arrays: a leaf's gradient may be the very array another leaf
 * holds (the backward of {@code a + b} hands the same array to both), so it is never scaled in place.
 */
public final class GradClip {
    private GradClip() {}

    /**
     * Rescales all gradients together so that their global L2 norm ‖(g₁, …, gₙ)‖₂ is at most
     * {@code maxNorm}: with total norm N, every gradient is multiplied by maxNorm/(N + 1e-6) when
     * that factor is below 1.
     *
     * <p>If N is not finite (a NaN or infinite gradient), the gradients are left untouched and N is
     * returned, so the caller (the trainer) can skip the step or stop; PyTorch would instead fill
     * every gradient with NaN.
     *
     * @return the total norm N before clipping (0 when no tensor has a gradient)
     */
    public static double clipGlobalNorm(Collection<Tensor> params, double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("clipGlobalNorm: maxNorm must be a finite number > 0, got " + maxNorm);
        }
        double sumSq = 0;
        for (Tensor p : params) {
            INDArray g = p.grad();
            if (g != null) {
                double n = InPlace.norm2(g);
                sumSq += n * n;
            }
        }
        double total = Math.sqrt(sumSq);
        if (!Double.isFinite(total)) {
            return total;
        }
        double scale = maxNorm / (total + 1e-6);
        if (scale < 1) {
            for (Tensor p : params) {
                INDArray g = p.grad();
                if (g != null) {
                    p.setGrad(g.mul(scale));
                }
            }
        }
        return total;
    }

    /** Clamps every gradient element into [−clipValue, clipValue]. */
    public static void clipValue(Collection<Tensor> params, double clipValue) {
        if (!(clipValue > 0) || Double.isInfinite(clipValue)) {
            throw new IllegalArgumentException("clipValue: clipValue must be a finite number > 0, got " + clipValue);
        }
        for (Tensor p : params) {
            INDArray g = p.grad();
            if (g != null) {
                p.setGrad(Nd4j.exec(new ClipByValue(g, -clipValue, clipValue))[0]);
            }
        }
    }
}
