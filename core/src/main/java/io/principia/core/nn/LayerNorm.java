package io.principia.core.nn;

import io.principia.core.nn.functional.Normalization;
import io.principia.core.tensor.Tensor;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Layer normalization over the trailing {@code normalizedShape} axes, as PyTorch's {@code nn.LayerNorm}:
 * y = (x − mean) / √(var + ε) ⊙ weight + bias, mean and biased var over those axes.
 *
 * <p>Parameters (when affine): {@code weight} (ones) and {@code bias} (zeros), both normalizedShape.
 * Shapes: x [..., *normalizedShape] → y the same.
 */
public class LayerNorm extends Layer {
    public final long[] normalizedShape;
    public final double eps;
    public final Tensor weight;
    public final Tensor bias;

    public LayerNorm(long... normalizedShape) {
        this(normalizedShape, 1e-5, true, DataType.FLOAT);
    }

    public LayerNorm(long[] normalizedShape, double eps, boolean affine, DataType dtype) {
        if (normalizedShape.length == 0 || Arrays.stream(normalizedShape).anyMatch(s -> s <= 0)) {
            throw new IllegalArgumentException("LayerNorm: normalized shape must be non-empty and positive, got "
                    + Arrays.toString(normalizedShape));
        }
        this.normalizedShape = normalizedShape.clone();
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("LayerNorm: eps must be a finite number >= 0, got " + eps);
        }
        this.eps = eps;
        this.weight = affine ? registerParameter("weight", Init.ones(dtype, normalizedShape)) : null;
        this.bias = affine ? registerParameter("bias", Init.zeros(dtype, normalizedShape)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Normalization.layerNorm(x, normalizedShape, weight, bias, eps);
    }

    @Override
    public String toString() {
        return "LayerNorm(" + Arrays.toString(normalizedShape) + ", eps=" + eps + ", affine=" + (weight != null) + ")";
    }
}
