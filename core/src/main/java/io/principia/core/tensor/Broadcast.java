package io.principia.core.tensor;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/** NumPy broadcasting: the result shape of a binary op, and the reduction its backward needs. */
public final class Broadcast {
    private Broadcast() {}

    /**
     * The broadcast shape of {@code a} and {@code b} (NumPy rules: align trailing axes; sizes must
     * match or be 1). Throws an error naming {@code op} and both shapes when they do not broadcast.
     */
    public static long[] shape(String op, long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            long db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " do not broadcast (axis " + i + " of the result: " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Sums {@code g} (of a broadcast result's shape) back down to {@code shape}: the gradient of a
     * broadcast input. Returns {@code g} itself when no reduction is needed.
     */
    public static INDArray reduceTo(INDArray g, long[] shape) {
        long[] gs = g.shape();
        if (Arrays.equals(gs, shape)) {
            return g;
        }
        int lead = gs.length - shape.length;
        int count = 0;
        int[] axes = new int[gs.length];
        for (int i = 0; i < gs.length; i++) {
            if (i < lead || (shape[i - lead] == 1 && gs[i] != 1)) {
                axes[count++] = i;
            }
        }
        INDArray r = count == 0 ? g : g.sum(true, Arrays.copyOf(axes, count));
        // r keeps rank gs.length with 1s on reduced axes; drop the leading ones.
        return r.reshape(shape.length == 0 ? new long[0] : shape);
    }
}
