package io.principia.core.nn;

import io.principia.core.nn.functional.Pooling;
import io.principia.core.tensor.Tensor;

/**
 * 2-d average pooling in NCHW, as PyTorch's {@code nn.AvgPool2d} (floor mode). With
 * {@code countIncludePad} (the default, as in PyTorch) every window divides by k², zero padding
 * included; without it, by the number of input elements it covers. Stride defaults to the kernel.
 */
public class AvgPool2d extends Layer {
    public final int kernelSize;
    public final int stride;
    public final int padding;
    public final boolean countIncludePad;

    public AvgPool2d(int kernelSize) {
        this(kernelSize, kernelSize, 0, true);
    }

    public AvgPool2d(int kernelSize, int stride, int padding) {
        this(kernelSize, stride, padding, true);
    }

    public AvgPool2d(int kernelSize, int stride, int padding, boolean countIncludePad) {
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.countIncludePad = countIncludePad;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Pooling.avgPool2d(x, new int[] {kernelSize, kernelSize}, new int[] {stride, stride}, new int[] {padding, padding},
                countIncludePad);
    }

    @Override
    public String toString() {
        return "AvgPool2d(kernel=" + kernelSize + ", stride=" + stride + ", padding=" + padding + ", countIncludePad=" + countIncludePad + ")";
    }
}
