package io.principia.core.ops;

import io.principia.core.tensor.Broadcast;
import io.principia.core.tensor.Tensor;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Integer indexing (row selection, torch.gather, segment sums) and boolean selection (masked
 * fill, where). Indices are range-checked in Java before they reach libnd4j, whose gather does
 * not check and can crash the JVM on a bad index.
 */
public final class Indexing {
    private Indexing() {}

    // ---------------------------------------------------------------- index checks

    /** Checks every index in [0, size); the error names the op, the offending index, its position and the size. */
    static void checkRange(String op, int[] idx, long size, String what) {
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= size) {
                throw new IllegalArgumentException(op + ": index " + idx[i] + " at position " + i + " is out of range for "
                        + what + " of size " + size);
            }
        }
    }

    /** The same check on an index array, with two native calls unless an index is bad. */
    static void checkRange(String op, INDArray idx, long size, String what) {
        if (idx.dataType().isFPType() && Transforms.floor(idx, true).neq(idx).any()) {
            throw new IllegalArgumentException(op + ": indices must be integers, got non-integral values in a " + idx.dataType() + " array");
        }
        if (idx.minNumber().doubleValue() < 0 || idx.maxNumber().doubleValue() >= size) {
            long[] flat = idx.reshape(idx.length()).toLongVector();
            for (int i = 0; i < flat.length; i++) {
                if (flat[i] < 0 || flat[i] >= size) {
                    throw new IllegalArgumentException(op + ": index " + flat[i] + " at position "
                            + Arrays.toString(unravel(i, idx.shape())) + " is out of range for " + what + " of size " + size);
                }
            }
        }
    }

    private static long[] unravel(long flat, long[] shape) {
        long[] at = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            at[d] = flat % shape[d];
            flat /= shape[d];
        }
        return at;
    }

    /** An index array as the INT array libnd4j's gather and segment ops take. */
    private static INDArray asInt(INDArray idx) {
        return idx.dataType() == DataType.INT ? idx : idx.castTo(DataType.INT);
    }

    // ---------------------------------------------------------------- indexSelect

    /**
     * y = x[..., idx, ...] along {@code axis}: y.shape[axis] = idx.length, y[.., k, ..] = x[.., idx[k], ..].
     * Backward scatter-adds g into x's shape, so repeated indices sum their gradients.
     */
    public static Tensor indexSelect(Tensor x, int axis, int... indices) {
        int a = ShapeOps.axis("indexSelect", axis, x.rank(), x.shape());
        if (indices.length == 0) {
            throw new IllegalArgumentException("indexSelect: no indices given");
        }
        checkRange("indexSelect", indices, x.size(a), "axis " + axis + " of shape " + Arrays.toString(x.shape()));
        return select(x, a, Nd4j.createFromArray(indices));
    }

    /** {@link #indexSelect(Tensor, int, int...)} with the indices in a rank-1 integer-valued tensor. */
    public static Tensor indexSelect(Tensor x, int axis, Tensor indices) {
        int a = ShapeOps.axis("indexSelect", axis, x.rank(), x.shape());
        if (indices.rank() != 1 || indices.length() == 0) {
            throw new IllegalArgumentException("indexSelect: indices must be a non-empty vector, got shape " + Arrays.toString(indices.shape()));
        }
        checkRange("indexSelect", indices.data(), x.size(a), "axis " + axis + " of shape " + Arrays.toString(x.shape()));
        return select(x, a, asInt(indices.data()));
    }

    private static Tensor select(Tensor x, int a, INDArray idx) {
        long[] xs = x.shape();
        long[] ys = xs.clone();
        ys[a] = idx.length();
        INDArray y = NativeOps.exec("gather", Nd4j.createUninitialized(x.dtype(), ys), new int[] {a}, x.data(), idx);
        return Tensor.result("index_select", y, g -> {
            if (a == 0) {
                x.accumulateGrad(SegmentSumKernel.segmentSum(g, idx, xs[0]));
                return;
            }
            int[] front = moveToFront(xs.length, a);
            INDArray gf = g.permute(front).dup('c'); // [K, ...rest]
            INDArray sf = SegmentSumKernel.segmentSum(gf, idx, xs[a]); // [S, ...rest]
            x.accumulateGrad(sf.permute(inverse(front)).dup('c'));
        }, x);
    }

    private static int[] moveToFront(int rank, int a) {
        int[] p = new int[rank];
        p[0] = a;
        for (int i = 0, j = 1; i < rank; i++) {
            if (i != a) {
                p[j++] = i;
            }
        }
        return p;
    }

    private static int[] inverse(int[] p) {
        int[] inv = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            inv[p[i]] = i;
        }
        return inv;
    }

    // ---------------------------------------------------------------- gather (torch.gather)

    /**
     * torch.gather: y[i_0, .., i_{r-1}] = x[i_0, .., index[i_0, .., i_{r-1}], .., i_{r-1}], the index
     * replacing coordinate {@code axis}. index has x's rank and sizes ≤ x's off that axis; y has
     * index's shape. Backward scatter-adds g to the gathered positions (repeats sum).
     */
    public static Tensor gather(Tensor x, int axis, Tensor index) {
        long[] xs = x.shape(), is = index.shape();
        int r = xs.length;
        int a = ShapeOps.axis("gather", axis, r, xs);
        boolean fits = is.length == r;
        for (int d = 0; fits && d < r; d++) {
            fits = d == a || is[d] <= xs[d];
        }
        if (!fits) {
            throw new IllegalArgumentException("gather: index shape " + Arrays.toString(is) + " does not fit input shape "
                    + Arrays.toString(xs) + " along axis " + axis + " (same rank, sizes no larger off that axis)");
        }
        checkRange("gather", index.data(), xs[a], "axis " + axis + " of shape " + Arrays.toString(xs));
        // flat position in x of each index element: Σ_{d≠a} i_d stride_d + index · stride_a
        long[] stride = new long[r];
        long acc = 1;
        for (int d = r - 1; d >= 0; d--) {
            stride[d] = acc;
            acc *= xs[d];
        }
        INDArray idx = index.data();
        // castTo returns the array itself when the type already matches: never scale the caller's indices in place
        INDArray flatIdx = idx.dataType() == DataType.LONG ? idx.mul(stride[a]) : idx.castTo(DataType.LONG).muli(stride[a]); // [is]
        for (int d = 0; d < r; d++) {
            if (d != a && is[d] > 1) {
                long[] unit = new long[r];
                Arrays.fill(unit, 1);
                unit[d] = is[d];
                flatIdx.addi(Nd4j.arange(is[d]).castTo(DataType.LONG).muli(stride[d]).reshape(unit)); // broadcast over [is]
            }
        }
        INDArray lin = asInt(flatIdx.reshape(flatIdx.length())); // [L]
        long n = x.length();
        INDArray y = NativeOps.gatherRows(x.data().reshape('c', new long[] {n}), lin).reshape('c', is);
        return Tensor.result("gather", y, g -> x.accumulateGrad(
                SegmentSumKernel.segmentSum(g.reshape('c', new long[] {g.length()}), lin, n).reshape('c', xs)), x);
    }

    // ---------------------------------------------------------------- scatterAdd (segment sum)

    /**
     * Segment sum: y[s, ...] = Σ_{e: index[e] = s} src[e, ...], y of shape [numSegments, ...];
     * empty segments are 0. Backward is a gather: dsrc[e, ...] = g[index[e], ...].
     */
    public static Tensor scatterAdd(Tensor src, Tensor index, long numSegments) {
        if (src.rank() < 1 || index.rank() != 1 || index.length() != src.size(0)) {
            throw new IllegalArgumentException("scatterAdd: index must be a vector with one entry per row of src, got index "
                    + Arrays.toString(index.shape()) + " for src " + Arrays.toString(src.shape()));
        }
        if (numSegments <= 0 || numSegments > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("scatterAdd: numSegments must be in [1, 2^31), got " + numSegments);
        }
        checkRange("scatterAdd", index.data(), numSegments, "numSegments");
        INDArray idx = asInt(index.data());
        INDArray y = SegmentSumKernel.segmentSum(src.data(), idx, numSegments); // [numSegments, ...]
        return Tensor.result("scatter_add", y, g -> src.accumulateGrad(NativeOps.gatherRows(g, idx)), src);
    }

    // ---------------------------------------------------------------- maskedFill and where

    /** {@code a} broadcast to {@code shape}, or {@code a} itself when it already has that shape (read only). */
    private static INDArray expanded(INDArray a, long[] shape) {
        return Arrays.equals(a.shape(), shape) ? a : ShapeOps.broadcastArray(a, shape);
    }

    /** A mask as a boolean array: boolean as is, numeric nonzero = true. */
    private static INDArray asBool(INDArray m) {
        return m.dataType() == DataType.BOOL ? m : m.neq(0);
    }

    /**
     * y = mask ? value : x, elementwise; mask (boolean, or numeric with nonzero = true) broadcasts
     * to x's shape. Backward: g where the mask is false, 0 where it is true.
     */
    public static Tensor maskedFill(Tensor x, Tensor mask, double value) {
        long[] xs = x.shape();
        long[] b = Broadcast.shape("maskedFill", xs, mask.shape());
        if (!Arrays.equals(b, xs)) {
            throw new IllegalArgumentException("maskedFill: mask shape " + Arrays.toString(mask.shape())
                    + " does not broadcast to input shape " + Arrays.toString(xs));
        }
        INDArray m = expanded(asBool(mask.data()), xs); // [xs], boolean
        INDArray y = NativeOps.select(m, Nd4j.valueArrayOf(xs, value, x.dtype()), x.data());
        return Tensor.result("masked_fill", y, g -> x.accumulateGrad(NativeOps.select(m, Nd4j.zeros(g.dataType(), xs), g)), x);
    }

    /**
     * y = cond ? a : b elementwise, all three broadcast together (NumPy rules); cond is boolean or
     * numeric with nonzero = true. Backward routes g to a where cond holds and to b elsewhere,
     * summed back over broadcast axes.
     */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        Arithmetic.checkDtypes("where", a, b);
        long[] s = Broadcast.shape("where", Broadcast.shape("where", cond.shape(), a.shape()), b.shape());
        INDArray c = expanded(asBool(cond.data()), s); // [s], boolean
        INDArray y = NativeOps.select(c, expanded(a.data(), s), expanded(b.data(), s));
        return Tensor.result("where", y, g -> {
            INDArray zeros = Nd4j.zeros(g.dataType(), s);
            if (a.requiresGrad()) {
                a.accumulateGrad(Broadcast.reduceTo(NativeOps.select(c, g, zeros), a.shape()));
            }
            if (b.requiresGrad()) {
                b.accumulateGrad(Broadcast.reduceTo(NativeOps.select(c, zeros, g), b.shape()));
            }
        }, a, b);
    }
}
