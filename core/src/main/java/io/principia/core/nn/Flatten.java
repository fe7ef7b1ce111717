package io.principia.core.nn;

import io.principia.core.ops.ShapeOps;
import io.principia.core.tensor.Tensor;

import java.util.Arrays;

/**
 * Merges axes startDim..endDim into one, as PyTorch's {@code nn.Flatten} (defaults 1 and −1:
 * [N, C, H, W] → [N, C·H·W]). Negative axes count from the end.
 */
public class Flatten extends Layer {
    public final int startDim;
    public final int endDim;

    public Flatten() {
        this(1, -1);
    }

    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor x) {
        int r = x.rank();
        int s = startDim < 0 ? startDim + r : startDim, e = endDim < 0 ? endDim + r : endDim;
        if (s < 0 || e >= r || s > e) {
            throw new IllegalArgumentException("Flatten: axes " + startDim + ".." + endDim + " invalid for input shape "
                    + Arrays.toString(x.shape()));
        }
        long[] xs = x.shape();
        long[] out = new long[r - (e - s)];
        System.arraycopy(xs, 0, out, 0, s);
        long merged = 1;
        for (int a = s; a <= e; a++) {
            merged *= xs[a];
        }
        out[s] = merged;
        System.arraycopy(xs, e + 1, out, s + 1, r - e - 1);
        return ShapeOps.reshape(x, out);
    }

    @Override
    public String toString() {
        return "Flatten(" + startDim + ", " + endDim + ")";
    }
}
