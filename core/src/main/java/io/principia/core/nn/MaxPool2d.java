package io.principia.core.nn;

import io.principia.core.nn.functional.Pooling;
import io.principia.core.tensor.Tensor;

/**
 * 2-d max pooling in NCHW, as PyTorch's {@code nn.MaxPool2d} (floor mode; padding counts as −∞).
 * Stride defaults to the kernel size. Shapes: x [N, C, H, W] → y [N, C, ⌊(H + 2p − k) / s⌋ + 1, ...].
 */
public class MaxPool2d extends Layer {
    public final int kernelSize;
    public final int stride;
    public final int padding;

    public MaxPool2d(int kernelSize) {
        this(kernelSize, kernelSize, 0);
    }

    public MaxPool2d(int kernelSize, int stride, int padding) {
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Pooling.maxPool2d(x, kernelSize, stride, padding);
    }

    @Override
    public String toString() {
        return "MaxPool2d(kernel=" + kernelSize + ", stride=" + stride + ", padding=" + padding + ")";
    }
}
