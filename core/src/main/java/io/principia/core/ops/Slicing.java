package io.principia.core.ops;

import io.principia.core.tensor.Tensor;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Cutting a tensor along one axis (slice) and joining tensors along one (concat, stack). */
public final class Slicing {
    private Slicing() {}

    /**
     * y = x[..., start:end:step, ...] along {@code axis}, Python rules: negative bounds count from
     * the end and bounds are clipped to the axis; {@code step} must be positive. The result must be
     * non-empty. Backward writes g into a zero array at the sliced positions.
     */
    public static Tensor slice(Tensor x, int axis, long start, long end, long step) {
        long[] xs = x.shape();
        int a = ShapeOps.axis("slice", axis, xs.length, xs);
        if (step <= 0) {
            throw new IllegalArgumentException("slice: step must be positive, got " + step);
        }
        long n = xs[a];
        long lo = Math.min(Math.max(start < 0 ? start + n : start, 0), n);
        long hi = Math.min(Math.max(end < 0 ? end + n : end, 0), n);
        if (hi <= lo) {
            throw new IllegalArgumentException("slice: range [" + start + ", " + end + ") of axis " + axis + " (size " + n
                    + ") of shape " + Arrays.toString(xs) + " is empty");
        }
        INDArrayIndex[] index = along(xs.length, a, NDArrayIndex.interval(lo, step, hi));
        INDArray y = x.data().get(index).dup('c');
        return Tensor.result("slice", y, g -> {
            INDArray gx = Nd4j.zeros(x.dtype(), xs);
            gx.get(index).assign(g);
            x.accumulateGrad(gx);
        }, x);
    }

    /** y = x[..., start:end, ...] along {@code axis}; see {@link #slice(Tensor, int, long, long, long)}. */
    public static Tensor slice(Tensor x, int axis, long start, long end) {
        return slice(x, axis, start, end, 1);
    }

    /** Indices that take everything except {@code at} on axis {@code axis}. */
    private static INDArrayIndex[] along(int rank, int axis, INDArrayIndex at) {
        INDArrayIndex[] index = new INDArrayIndex[rank];
        for (int i = 0; i < rank; i++) {
            index[i] = i == axis ? at : NDArrayIndex.all();
        }
        return index;
    }

    /**
     * y = [x_0 | x_1 | ... ] joined along {@code axis}; all inputs share rank, data type and every
     * other size. Backward hands each input its own block of g.
     */
    public static Tensor concat(int axis, Tensor... xs) {
        if (xs == null || xs.length == 0) {
            throw new IllegalArgumentException("concat: no tensors given");
        }
        long[] s0 = xs[0].shape();
        int a = ShapeOps.axis("concat", axis, s0.length, s0);
        INDArray[] arrays = new INDArray[xs.length];
        long[] offsets = new long[xs.length + 1];
        for (int k = 0; k < xs.length; k++) {
            long[] sk = xs[k].shape();
            boolean fits = sk.length == s0.length && xs[k].dtype() == xs[0].dtype();
            for (int i = 0; fits && i < sk.length; i++) {
                fits = i == a || sk[i] == s0[i];
            }
            if (!fits) {
                throw new IllegalArgumentException("concat: tensor " + k + " " + Arrays.toString(sk) + " " + xs[k].dtype()
                        + " does not fit tensor 0 " + Arrays.toString(s0) + " " + xs[0].dtype() + " along axis " + axis
                        + " (same rank, data type and sizes off that axis needed)");
            }
            arrays[k] = xs[k].data();
            offsets[k + 1] = offsets[k] + sk[a];
        }
        INDArray y = xs.length == 1 ? arrays[0].dup('c') : Nd4j.concat(a, arrays);
        return Tensor.result("concat", y, g -> {
            for (int k = 0; k < xs.length; k++) {
                if (xs[k].requiresGrad()) {
                    xs[k].accumulateGrad(g.get(along(s0.length, a, NDArrayIndex.interval(offsets[k], offsets[k + 1]))).dup('c'));
                }
            }
        }, xs);
    }

    /**
     * y = stack of equally shaped x_k along a new axis {@code axis} of the result:
     * y[..., k, ...] = x_k. A negative axis counts from the end of the result (-1 appends).
     */
    public static Tensor stack(int axis, Tensor... xs) {
        if (xs == null || xs.length == 0) {
            throw new IllegalArgumentException("stack: no tensors given");
        }
        long[] s0 = xs[0].shape();
        int a = ShapeOps.axis("stack", axis, s0.length + 1, s0);
        long[] unit = new long[s0.length + 1]; // x_k's shape with a 1 inserted at a
        for (int i = 0, j = 0; i < unit.length; i++) {
            unit[i] = i == a ? 1 : s0[j++];
        }
        INDArray[] arrays = new INDArray[xs.length];
        for (int k = 0; k < xs.length; k++) {
            if (!Arrays.equals(xs[k].shape(), s0) || xs[k].dtype() != xs[0].dtype()) {
                throw new IllegalArgumentException("stack: tensor " + k + " " + Arrays.toString(xs[k].shape()) + " " + xs[k].dtype()
                        + " differs from tensor 0 " + Arrays.toString(s0) + " " + xs[0].dtype() + "; all must match");
            }
            arrays[k] = xs[k].data().reshape('c', unit);
        }
        INDArray y = xs.length == 1 ? arrays[0].dup('c') : Nd4j.concat(a, arrays); // [..., K, ...]
        return Tensor.result("stack", y, g -> {
            for (int k = 0; k < xs.length; k++) {
                if (xs[k].requiresGrad()) {
                    xs[k].accumulateGrad(g.get(along(unit.length, a, NDArrayIndex.interval(k, k + 1))).dup('c').reshape('c', s0));
                }
            }
        }, xs);
    }
}
