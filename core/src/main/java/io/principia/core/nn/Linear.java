package io.principia.core.nn;

import io.principia.core.ops.LinearAlgebra;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The affine map y = x Wᵀ + b, as PyTorch's {@code nn.Linear}.
 *
 * <p>Parameters: {@code weight} [out, in] and {@code bias} [out], both U(−1/√in, 1/√in) (PyTorch's
 * default). Shapes: x [..., in] → y [..., out].
 *
 * <p>Every layer with parameters takes an optional trailing {@code (Rng rng, DataType dtype)}: the
 * generator its initial values come from and the parameters' data type. Shorter constructors use
 * {@link Rng#global()} and float32; build in float64 for gradient checks.
 */
public class Linear extends Layer {
    public final int inFeatures;
    public final int outFeatures;
    public final Tensor weight;
    public final Tensor bias;

    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    public Linear(int inFeatures, int outFeatures, boolean bias) {
        this(inFeatures, outFeatures, bias, Rng.global(), DataType.FLOAT);
    }

    public Linear(int inFeatures, int outFeatures, boolean bias, Rng rng, DataType dtype) {
        if (inFeatures <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException("Linear: feature sizes must be positive, got in=" + inFeatures + ", out=" + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = registerParameter("weight", Init.defaultUniform(rng, dtype, inFeatures, outFeatures, inFeatures));
        this.bias = bias ? registerParameter("bias", Init.defaultUniform(rng, dtype, inFeatures, outFeatures)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        return LinearAlgebra.linear(x, weight, bias);
    }

    @Override
    public String toString() {
        return "Linear(in=" + inFeatures + ", out=" + outFeatures + ", bias=" + (bias != null) + ")";
    }
}
