package io.principia.core.nn.functional;

import static io.principia.core.nn.functional.NativeOps.checkDtypes;
import static io.principia.core.nn.functional.NativeOps.checkRank4;
import static io.principia.core.nn.functional.NativeOps.exec;
import static io.principia.core.nn.functional.NativeOps.pair;

import io.principia.core.tensor.Tensor;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * 2-d convolution and transposed convolution in NCHW with PyTorch's weight layouts, on libnd4j's
 * native {@code conv2d}/{@code conv2d_bp} and {@code deconv2d}/{@code deconv2d_bp} kernels.
 *
 * <p>libnd4j integer arguments: {@code kH, kW, sH, sW, pH, pW, dH, dW, sameMode, dataFormat,
 * weightFormat}; we always pass sameMode 0 (explicit padding), dataFormat 0 (NCHW) and weight
 * format 1 ({@code [oC, iC, kH, kW]} for conv2d, {@code [iC, oC, kH, kW]} for deconv2d), which are
 * exactly PyTorch's layouts, so weights need no permute.
 */
public final class Convolution {
    private static final int[] ONE = {1, 1};
    private static final int[] ZERO = {0, 0};

    private Convolution() {}

    /**
     * y[n, o, i, j] = b[o] + Σ_{c, a, e} x[n, c, i·sH − pH + a·dH, j·sW − pW + e·dW] · w[o, c, a, e],
     * zero padding outside the input.
     *
     * <p>Shapes: x [N, C, H, W], w [O, C, kH, kW], b [O] or null, y [N, O, H', W'] with
     * H' = ⌊(H + 2pH − dH (kH − 1) − 1) / sH⌋ + 1 (likewise W').
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation) {
        String op = "conv2d";
        checkDtypes(op, x, w, b);
        checkRank4(op, "input", x, "[N, C, H, W]");
        checkRank4(op, "weight", w, "[O, C, kH, kW]");
        pair(op, "stride", stride, 1);
        pair(op, "padding", padding, 0);
        pair(op, "dilation", dilation, 1);
        long[] xs = x.shape(), ws = w.shape();
        if (xs[1] != ws[1]) {
            throw new IllegalArgumentException("conv2d: input " + Arrays.toString(xs) + " has " + xs[1]
                    + " channels but weight " + Arrays.toString(ws) + " expects " + ws[1] + " (weight is [O, C, kH, kW])");
        }
        checkBias(op, b, ws[0]);
        int kH = (int) ws[2], kW = (int) ws[3];
        if (xs[2] + 2L * padding[0] < (long) dilation[0] * (kH - 1) + 1 || xs[3] + 2L * padding[1] < (long) dilation[1] * (kW - 1) + 1) {
            throw new IllegalArgumentException("conv2d: padded input " + Arrays.toString(xs) + " (padding " + Arrays.toString(padding)
                    + ") is smaller than the dilated kernel " + Arrays.toString(ws));
        }
        int[] iArgs = {kH, kW, stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1], 0, 0, 1};
        INDArray y = exec("conv2d", iArgs, x.data(), w.data(), b == null ? null : b.data())[0]; // [N, O, H', W']
        return Tensor.result(op, y, g -> {
            INDArray[] grads = exec("conv2d_bp", iArgs, x.data(), w.data(), b == null ? null : b.data(), g);
            x.accumulateGrad(grads[0]); // [N, C, H, W]
            w.accumulateGrad(grads[1]); // [O, C, kH, kW]
            if (b != null) {
                b.accumulateGrad(grads[2]); // [O]
            }
        }, x, w, b);
    }

    /** Square stride, padding and dilation. */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int stride, int padding, int dilation) {
        return conv2d(x, w, b, new int[] {stride, stride}, new int[] {padding, padding}, new int[] {dilation, dilation});
    }

    /** Stride 1, no padding, no dilation. */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b) {
        return conv2d(x, w, b, ONE, ZERO, ONE);
    }

    /**
     * The transposed convolution (the gradient of conv2d with respect to its input), as PyTorch's
     * {@code conv_transpose2d}: every input pixel scatters x[n, c, i, j] · w[c, o, ·, ·] into the
     * output at (i·sH − pH + a·dH, j·sW − pW + e·dW), plus b[o].
     *
     * <p>Shapes: x [N, C, H, W], w [C, O, kH, kW], b [O] or null, y [N, O, H', W'] with
     * H' = (H − 1) sH − 2pH + dH (kH − 1) + opH + 1. The output padding op adds rows/columns at the
     * bottom/right and must be smaller than the stride or the dilation.
     */
    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] outputPadding,
            int[] dilation) {
        String op = "convTranspose2d";
        checkDtypes(op, x, w, b);
        checkRank4(op, "input", x, "[N, C, H, W]");
        checkRank4(op, "weight", w, "[C, O, kH, kW]");
        pair(op, "stride", stride, 1);
        pair(op, "padding", padding, 0);
        pair(op, "outputPadding", outputPadding, 0);
        pair(op, "dilation", dilation, 1);
        long[] xs = x.shape(), ws = w.shape();
        if (xs[1] != ws[0]) {
            throw new IllegalArgumentException("convTranspose2d: input " + Arrays.toString(xs) + " has " + xs[1]
                    + " channels but weight " + Arrays.toString(ws) + " expects " + ws[0] + " (weight is [C, O, kH, kW])");
        }
        checkBias(op, b, ws[1]);
        for (int a = 0; a < 2; a++) {
            if (outputPadding[a] >= Math.max(stride[a], dilation[a])) {
                throw new IllegalArgumentException("convTranspose2d: outputPadding " + Arrays.toString(outputPadding)
                        + " must be smaller than stride " + Arrays.toString(stride) + " or dilation " + Arrays.toString(dilation));
            }
        }
        int kH = (int) ws[2], kW = (int) ws[3];
        long fullH = (xs[2] - 1) * stride[0] + (long) dilation[0] * (kH - 1) + 1; // output size without padding
        long fullW = (xs[3] - 1) * stride[1] + (long) dilation[1] * (kW - 1) + 1;
        long oH = fullH - 2L * padding[0] + outputPadding[0];
        long oW = fullW - 2L * padding[1] + outputPadding[1];
        if (oH <= 0 || oW <= 0) {
            throw new IllegalArgumentException("convTranspose2d: padding " + Arrays.toString(padding) + " leaves no output for input "
                    + Arrays.toString(xs) + " and weight " + Arrays.toString(ws));
        }
        if (outputPadding[0] == 0 && outputPadding[1] == 0) {
            // Fast path: libnd4j crops the padding itself.
            int[] iArgs = {kH, kW, stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1], 0, 0, 1};
            INDArray y = exec("deconv2d", iArgs, x.data(), w.data(), b == null ? null : b.data())[0]; // [N, O, H', W']
            return Tensor.result(op, y, g -> {
                INDArray[] grads = exec("deconv2d_bp", iArgs, x.data(), w.data(), b == null ? null : b.data(), g);
                x.accumulateGrad(grads[0]); // [N, C, H, W]
                w.accumulateGrad(grads[1]); // [C, O, kH, kW]
                if (b != null) {
                    b.accumulateGrad(grads[2]); // [O]
                }
            }, x, w, b);
        }
        // Output padding: compute the full (unpadded) output, then take rows [pH, pH + H') and columns
        // [pW, pW + W'); rows past the full output receive no input contribution (only the bias).
        int[] iArgs = {kH, kW, stride[0], stride[1], 0, 0, dilation[0], dilation[1], 0, 0, 1};
        INDArray full = exec("deconv2d", iArgs, x.data(), w.data())[0]; // [N, O, fullH, fullW]
        long keepH = Math.min(oH, fullH - padding[0]), keepW = Math.min(oW, fullW - padding[1]);
        INDArrayIndex[] src = {NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(padding[0], padding[0] + keepH), NDArrayIndex.interval(padding[1], padding[1] + keepW)};
        INDArrayIndex[] dst = {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, keepH), NDArrayIndex.interval(0, keepW)};
        INDArray y = Nd4j.zeros(x.dtype(), xs[0], ws[1], oH, oW); // [N, O, H', W']
        boolean overlap = keepH > 0 && keepW > 0; // false only for degenerate paddings
        if (overlap) {
            y.get(dst).assign(full.get(src));
        }
        if (b != null) {
            Nd4j.getExecutioner().exec(new BroadcastAddOp(y, b.data(), y, 1));
        }
        return Tensor.result(op, y, g -> {
            if (x.requiresGrad() || w.requiresGrad()) {
                INDArray gFull = Nd4j.zeros(x.dtype(), full.shape()); // [N, O, fullH, fullW]
                if (overlap) {
                    gFull.get(src).assign(g.get(dst));
                }
                INDArray[] grads = exec("deconv2d_bp", iArgs, x.data(), w.data(), gFull);
                x.accumulateGrad(grads[0]); // [N, C, H, W]
                w.accumulateGrad(grads[1]); // [C, O, kH, kW]
            }
            if (b != null) {
                b.accumulateGrad(g.sum(0, 2, 3)); // [O]
            }
        }, x, w, b);
    }

    /** Square stride, padding and output padding; no dilation. */
    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor b, int stride, int padding, int outputPadding) {
        return convTranspose2d(x, w, b, new int[] {stride, stride}, new int[] {padding, padding},
                new int[] {outputPadding, outputPadding}, ONE);
    }

    /** Stride 1, no padding. */
    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor b) {
        return convTranspose2d(x, w, b, ONE, ZERO, ZERO, ONE);
    }

    private static void checkBias(String op, Tensor b, long channels) {
        if (b != null && (b.rank() != 1 || b.size(0) != channels)) {
            throw new IllegalArgumentException(op + ": bias shape " + Arrays.toString(b.shape()) + " should be [" + channels + "]");
        }
    }
}
