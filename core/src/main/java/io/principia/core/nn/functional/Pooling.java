package io.principia.core.nn.functional;

import static io.principia.core.nn.functional.NativeOps.checkRank4;
import static io.principia.core.nn.functional.NativeOps.exec;
import static io.principia.core.nn.functional.NativeOps.pair;

import io.principia.core.tensor.Tensor;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2-d max and average pooling in NCHW (floor mode, as PyTorch's default {@code ceil_mode=False}),
 * on libnd4j's native {@code maxpool2d}/{@code maxpool2d_bp} and {@code avgpool2d}/{@code avgpool2d_bp}.
 *
 * <p>libnd4j integer arguments: {@code kH, kW, sH, sW, pH, pW, dH, dW, sameMode, extra, dataFormat};
 * {@code extra} selects the average-pool divisor (1: the full window, padding included; 0: only
 * the input elements the window covers). Max pooling treats padding as −∞, as PyTorch does.
 *
 * <p>Shapes: x [N, C, H, W] → y [N, C, H', W'], H' = ⌊(H + 2pH − dH (kH − 1) − 1) / sH⌋ + 1.
 */
public final class Pooling {
    private static final int[] ONE = {1, 1};
    private static final int[] ZERO = {0, 0};

    private Pooling() {}

    /** y[n, c, i, j] = max over the (dilated) window at (i·sH − pH, j·sW − pW), padding ignored. */
    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        int[] iArgs = args("maxPool2d", x, kernel, stride, padding, dilation, 0);
        INDArray y = exec("maxpool2d", iArgs, x.data())[0]; // [N, C, H', W']
        return Tensor.result("maxPool2d", y, g -> x.accumulateGrad(exec("maxpool2d_bp", iArgs, x.data(), g)[0]), x);
    }

    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding) {
        return maxPool2d(x, kernel, stride, padding, ONE);
    }

    /** Square kernel, stride and padding. */
    public static Tensor maxPool2d(Tensor x, int kernel, int stride, int padding) {
        return maxPool2d(x, new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding}, ONE);
    }

    /** Stride = kernel, no padding (PyTorch's defaults). */
    public static Tensor maxPool2d(Tensor x, int kernel) {
        return maxPool2d(x, kernel, kernel, 0);
    }

    /**
     * y[n, c, i, j] = Σ_window x / divisor. With {@code countIncludePad} (PyTorch's default) the
     * divisor is kH·kW, zero padding included; without it, the number of input elements covered.
     */
    public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        int[] iArgs = args("avgPool2d", x, kernel, stride, padding, ONE, countIncludePad ? 1 : 0);
        INDArray y = exec("avgpool2d", iArgs, x.data())[0]; // [N, C, H', W']
        return Tensor.result("avgPool2d", y, g -> x.accumulateGrad(exec("avgpool2d_bp", iArgs, x.data(), g)[0]), x);
    }

    /** Square kernel, stride and padding, padding counted in the divisor (PyTorch's default). */
    public static Tensor avgPool2d(Tensor x, int kernel, int stride, int padding) {
        return avgPool2d(x, new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding}, true);
    }

    /** Stride = kernel, no padding. */
    public static Tensor avgPool2d(Tensor x, int kernel) {
        return avgPool2d(x, kernel, kernel, 0);
    }

    private static int[] args(String op, Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, int extra) {
        checkRank4(op, "input", x, "[N, C, H, W]");
        pair(op, "kernel", kernel, 1);
        pair(op, "stride", stride, 1);
        pair(op, "padding", padding, 0);
        pair(op, "dilation", dilation, 1);
        if (padding[0] > kernel[0] / 2 || padding[1] > kernel[1] / 2) {
            throw new IllegalArgumentException(op + ": padding " + Arrays.toString(padding) + " must be at most half the kernel "
                    + Arrays.toString(kernel));
        }
        long[] xs = x.shape();
        for (int a = 0; a < 2; a++) {
            if (xs[2 + a] + 2L * padding[a] < (long) dilation[a] * (kernel[a] - 1) + 1) {
                throw new IllegalArgumentException(op + ": padded input " + Arrays.toString(xs) + " (padding " + Arrays.toString(padding)
                        + ") is smaller than the kernel " + Arrays.toString(kernel));
            }
        }
        return new int[] {kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1], 0, extra, 0};
    }
}
