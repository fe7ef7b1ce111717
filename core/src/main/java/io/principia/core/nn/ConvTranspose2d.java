package io.principia.core.nn;

import io.principia.core.nn.functional.Convolution;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * 2-d transposed convolution in NCHW, as PyTorch's {@code nn.ConvTranspose2d} (groups = 1,
 * square kernel/stride/padding/output padding/dilation).
 *
 * <p>Parameters: {@code weight} [in, out, k, k] and {@code bias} [out]. Like PyTorch, the default
 * init computes fan_in from the weight's second axis, so both are U(−1/√(out·k²), 1/√(out·k²)).
 * Shapes: x [N, in, H, W] → y [N, out, H', W'], H' = (H − 1) s − 2p + d (k − 1) + outputPadding + 1.
 */
public class ConvTranspose2d extends Layer {
    public final int inChannels;
    public final int outChannels;
    public final int kernelSize;
    public final int stride;
    public final int padding;
    public final int outputPadding;
    public final int dilation;
    public final Tensor weight;
    public final Tensor bias;

    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0, 0);
    }

    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int outputPadding) {
        this(inChannels, outChannels, kernelSize, stride, padding, outputPadding, 1, true, Rng.global(), DataType.FLOAT);
    }

    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int outputPadding,
            int dilation, boolean bias, Rng rng, DataType dtype) {
        if (inChannels <= 0 || outChannels <= 0 || kernelSize <= 0 || stride <= 0 || padding < 0 || dilation <= 0) {
            throw new IllegalArgumentException("ConvTranspose2d: invalid sizes in=" + inChannels + ", out=" + outChannels + ", kernel="
                    + kernelSize + ", stride=" + stride + ", padding=" + padding + ", dilation=" + dilation);
        }
        if (outputPadding < 0 || outputPadding >= Math.max(stride, dilation)) {
            throw new IllegalArgumentException("ConvTranspose2d: outputPadding " + outputPadding + " must be in [0, max(stride "
                    + stride + ", dilation " + dilation + "))");
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.outputPadding = outputPadding;
        this.dilation = dilation;
        long fanIn = (long) outChannels * kernelSize * kernelSize; // PyTorch: weight.size(1) · k²
        this.weight = registerParameter("weight", Init.defaultUniform(rng, dtype, fanIn, inChannels, outChannels, kernelSize, kernelSize));
        this.bias = bias ? registerParameter("bias", Init.defaultUniform(rng, dtype, fanIn, outChannels)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Convolution.convTranspose2d(x, weight, bias, new int[] {stride, stride}, new int[] {padding, padding},
                new int[] {outputPadding, outputPadding}, new int[] {dilation, dilation});
    }

    @Override
    public String toString() {
        return "ConvTranspose2d(" + inChannels + ", " + outChannels + ", kernel=" + kernelSize + ", stride=" + stride + ", padding="
                + padding + ", outputPadding=" + outputPadding + (dilation != 1 ? ", dilation=" + dilation : "") + ", bias=" + (bias != null) + ")";
    }
}
