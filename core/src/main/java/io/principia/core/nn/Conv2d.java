package io.principia.core.nn;

import io.principia.core.nn.functional.Convolution;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * 2-d convolution in NCHW, as PyTorch's {@code nn.Conv2d} (groups = 1, zero padding, square
 * kernel/stride/padding/dilation; use {@link Convolution#conv2d} directly for rectangular ones).
 *
 * <p>Parameters: {@code weight} [out, in, k, k] and {@code bias} [out], both
 * U(−1/√(in·k²), 1/√(in·k²)) (PyTorch's default). Shapes: x [N, in, H, W] → y [N, out, H', W'],
 * H' = ⌊(H + 2p − d (k − 1) − 1) / s⌋ + 1.
 */
public class Conv2d extends Layer {
    public final int inChannels;
    public final int outChannels;
    public final int kernelSize;
    public final int stride;
    public final int padding;
    public final int dilation;
    public final Tensor weight;
    public final Tensor bias;

    public Conv2d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0);
    }

    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(inChannels, outChannels, kernelSize, stride, padding, 1, true, Rng.global(), DataType.FLOAT);
    }

    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, boolean bias,
            Rng rng, DataType dtype) {
        if (inChannels <= 0 || outChannels <= 0 || kernelSize <= 0 || stride <= 0 || padding < 0 || dilation <= 0) {
            throw new IllegalArgumentException("Conv2d: invalid sizes in=" + inChannels + ", out=" + outChannels + ", kernel="
                    + kernelSize + ", stride=" + stride + ", padding=" + padding + ", dilation=" + dilation);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        long fanIn = (long) inChannels * kernelSize * kernelSize;
        this.weight = registerParameter("weight", Init.defaultUniform(rng, dtype, fanIn, outChannels, inChannels, kernelSize, kernelSize));
        this.bias = bias ? registerParameter("bias", Init.defaultUniform(rng, dtype, fanIn, outChannels)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Convolution.conv2d(x, weight, bias, stride, padding, dilation);
    }

    @Override
    public String toString() {
        return "Conv2d(" + inChannels + ", " + outChannels + ", kernel=" + kernelSize + ", stride=" + stride + ", padding=" + padding
                + (dilation != 1 ? ", dilation=" + dilation : "") + ", bias=" + (bias != null) + ")";
    }
}
