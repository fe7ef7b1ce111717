package io.principia.core.ops;

import io.principia.core.tensor.Tensor;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Reshaping and axis reordering. */
public final class ShapeOps {
    private ShapeOps() {}

    /** Same elements in row-major order, new shape; one entry may be -1 (inferred). */
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

    /** Swaps two axes. */
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

    /** Reorders axes: output axis i is input axis {@code axes[i]}. */
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
