package io.principia.core.ops;

import io.principia.core.tensor.Tensor;

import io.principia.core.tensor.Broadcast;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Reshaping, adding and removing unit axes, broadcasting, and axis reordering. */
public final class ShapeOps {
    private ShapeOps() {}

    /** Normalizes a possibly negative axis of a rank-{@code rank} shape, or throws naming op and shape. */
    static int axis(String op, int axis, int rank, long[] shape) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " out of range for shape " + Arrays.toString(shape));
        }
        return a;
    }

    /** y = x with shape {@code shape} (same elements in row-major order); one entry may be -1 (inferred). */
    public static Tensor reshape(Tensor x, long... shape) {
        long[] target = inferShape(x, shape);
        long[] original = x.shape();
        INDArray y = x.data().reshape('c', target);
        return Tensor.result("reshape", y, g -> x.accumulateGrad(g.reshape('c', original)), x);
    }

    private static long[] inferShape(Tensor x, long[] shape) {
        long known = 1;
        int unknown = -1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException("reshape: more than one -1 in " + Arrays.toString(shape));
                }
                unknown = i;
            } else if (shape[i] < 0) {
                throw new IllegalArgumentException("reshape: negative size in " + Arrays.toString(shape));
            } else {
                known *= shape[i];
            }
        }
        long[] out = shape.clone();
        if (unknown >= 0) {
            if (known == 0 || x.length() % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + Arrays.toString(x.shape()) + " to " + Arrays.toString(shape));
            }
            out[unknown] = x.length() / known;
            known *= out[unknown];
        }
        if (known != x.length()) {
            throw new IllegalArgumentException("reshape: cannot reshape " + Arrays.toString(x.shape()) + " (" + x.length()
                    + " elements) to " + Arrays.toString(shape));
        }
        return out;
    }

    /** y = x without axis {@code axis}, which must have size 1: [..., 1, ...] -> [..., ...]. */
    public static Tensor squeeze(Tensor x, int axis) {
        long[] xs = x.shape();
        int a = axis("squeeze", axis, xs.length, xs);
        if (xs[a] != 1) {
            throw new IllegalArgumentException("squeeze: axis " + axis + " of shape " + Arrays.toString(xs) + " has size " + xs[a] + ", not 1");
        }
        long[] ys = new long[xs.length - 1];
        for (int i = 0, j = 0; i < xs.length; i++) {
            if (i != a) {
                ys[j++] = xs[i];
            }
        }
        return view("squeeze", x, ys);
    }

    /** y = x without any of its size-1 axes. */
    public static Tensor squeeze(Tensor x) {
        long[] ys = Arrays.stream(x.shape()).filter(d -> d != 1).toArray();
        return view("squeeze", x, ys);
    }

    /** y = x with a new size-1 axis at position {@code axis} of the result (-1 appends one). */
    public static Tensor unsqueeze(Tensor x, int axis) {
        long[] xs = x.shape();
        int a = axis("unsqueeze", axis, xs.length + 1, xs);
        long[] ys = new long[xs.length + 1];
        for (int i = 0, j = 0; i < ys.length; i++) {
            ys[i] = i == a ? 1 : xs[j++];
        }
        return view("unsqueeze", x, ys);
    }

    /** A reshape that the caller has checked; the gradient is reshaped back. */
    private static Tensor view(String op, Tensor x, long[] shape) {
        long[] original = x.shape();
        INDArray y = x.data().reshape('c', shape);
        return Tensor.result(op, y, g -> x.accumulateGrad(g.reshape('c', original)), x);
    }

    /**
     * y = x broadcast to {@code shape} (NumPy rules: leading axes are added, size-1 axes repeat).
     * Backward sums the gradient over the broadcast axes. The result is a fresh array.
     */
    public static Tensor broadcastTo(Tensor x, long... shape) {
        long[] xs = x.shape();
        long[] b = Broadcast.shape("broadcastTo", xs, shape);
        if (!Arrays.equals(b, shape)) {
            throw new IllegalArgumentException("broadcastTo: shape " + Arrays.toString(xs) + " cannot be broadcast to "
                    + Arrays.toString(shape) + " (it would need " + Arrays.toString(b) + ")");
        }
        INDArray y = broadcastArray(x.data(), shape);
        return Tensor.result("broadcast_to", y, g -> x.accumulateGrad(Broadcast.reduceTo(g, xs)), x);
    }

    /**
     * PyTorch's {@code expand}: {@link #broadcastTo}, where a -1 in {@code shape} keeps the size of
     * the matching (trailing-aligned) axis of x.
     */
    public static Tensor expand(Tensor x, long... shape) {
        long[] xs = x.shape();
        long[] target = shape.clone();
        int lead = target.length - xs.length;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == -1) {
                if (i < lead) {
                    throw new IllegalArgumentException("expand: -1 at new leading axis " + i + " of " + Arrays.toString(shape)
                            + " for shape " + Arrays.toString(xs));
                }
                target[i] = xs[i - lead];
            }
        }
        return broadcastTo(x, target);
    }

    /** A fresh c-order copy of {@code a} broadcast to {@code shape} (which must be a valid target). */
    static INDArray broadcastArray(INDArray a, long[] shape) {
        long[] s = a.shape();
        if (Arrays.equals(s, shape)) {
            return a.dup('c'); // INDArray.broadcast returns the array itself here
        }
        INDArray r = a;
        if (s.length < shape.length) {
            long[] padded = new long[shape.length];
            Arrays.fill(padded, 1);
            System.arraycopy(s, 0, padded, shape.length - s.length, s.length);
            r = a.reshape('c', padded);
        }
        return r.broadcast(shape);
    }

    /** y = x with axes {@code a} and {@code b} swapped. */
    public static Tensor transpose(Tensor x, int a, int b) {
        int r = x.rank();
        int[] perm = new int[r];
        for (int i = 0; i < r; i++) {
            perm[i] = i;
        }
        int aa = a < 0 ? a + r : a, bb = b < 0 ? b + r : b;
        if (aa < 0 || aa >= r || bb < 0 || bb >= r) {
            throw new IllegalArgumentException("transpose: axes " + a + ", " + b + " out of range for shape " + Arrays.toString(x.shape()));
        }
        perm[aa] = bb;
        perm[bb] = aa;
        return permute(x, perm);
    }

    /** y = x with axes reordered: output axis i is input axis {@code axes[i]}. */
    public static Tensor permute(Tensor x, int... axes) {
        int r = x.rank();
        if (axes.length != r) {
            throw new IllegalArgumentException("permute: " + Arrays.toString(axes) + " does not name every axis of shape " + Arrays.toString(x.shape()));
        }
        int[] inverse = new int[r];
        boolean[] seen = new boolean[r];
        for (int i = 0; i < r; i++) {
            int a = axes[i] < 0 ? axes[i] + r : axes[i];
            if (a < 0 || a >= r || seen[a]) {
                throw new IllegalArgumentException("permute: " + Arrays.toString(axes) + " is not a permutation of the axes of shape " + Arrays.toString(x.shape()));
            }
            seen[a] = true;
            inverse[a] = i;
        }
        int[] perm = axes.clone();
        for (int i = 0; i < r; i++) {
            perm[i] = perm[i] < 0 ? perm[i] + r : perm[i];
        }
        INDArray y = x.data().permute(perm).dup('c');
        return Tensor.result("permute", y, g -> x.accumulateGrad(g.permute(inverse).dup('c')), x);
    }
}
