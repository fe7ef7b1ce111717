package io.principia.graph.sparse;

import java.util.Arrays;

import io.principia.core.tensor.Tensor;

/**
 * Reductions of per-edge rows into per-node rows: {@code src} is [E, ...], {@code index[e]} in
 * [0, numSegments) names the segment (usually the edge's target node) that row e belongs to,
 * and the result is [numSegments, ...]. Empty segments give 0. Plain Java loops with the
 * backward written under each forward.
 * <ul>
 *   <li>{@link #sum}: y[s] = Σ_{e ∈ s} x[e]; dx[e] = g[s(e)].</li>
 *   <li>{@link #mean}: y[s] = (1/|s|) Σ_{e ∈ s} x[e]; dx[e] = g[s(e)] / |s(e)|.</li>
 *   <li>{@link #max}: y[s] = max_{e ∈ s} x[e] elementwise; the gradient goes to the first
 *       maximizing row (PyTorch's {@code scatter_reduce(amax)} splits ties evenly instead).</li>
 *   <li>{@link #softmax}: y[e] = exp(x[e] − m_s) / Σ_{e' ∈ s} exp(x[e'] − m_s), m_s the segment
 *       max, per column (attention over each node's incoming edges, Veličković et al. 2018 eq. 3);
 *       dx[e] = y[e] (g[e] − Σ_{e' ∈ s} y[e'] g[e']).</li>
 * </ul>
 */
public final class Segment {
    private Segment() {}

    public static Tensor sum(Tensor src, int[] index, int numSegments) {
        int r = check("segment sum", src, index, numSegments);
        double[] x = Flat.of(src.data());
        double[] y = new double[numSegments * r];
        for (int e = 0; e < index.length; e++) {
            for (int c = 0; c < r; c++) {
                y[index[e] * r + c] += x[e * r + c];
            }
        }
        long[] ys = outShape(src, numSegments);
        return Tensor.result("segment_sum", Flat.array(y, ys, src.dtype()), g -> {
            double[] gv = Flat.of(g);
            double[] dx = new double[x.length];
            for (int e = 0; e < index.length; e++) {
                System.arraycopy(gv, index[e] * r, dx, e * r, r);
            }
            src.accumulateGrad(Flat.array(dx, src.shape(), src.dtype()));
        }, src);
    }

    public static Tensor mean(Tensor src, int[] index, int numSegments) {
        int r = check("segment mean", src, index, numSegments);
        double[] x = Flat.of(src.data());
        int[] count = new int[numSegments];
        for (int s : index) {
            count[s]++;
        }
        double[] y = new double[numSegments * r];
        for (int e = 0; e < index.length; e++) {
            double inv = 1.0 / count[index[e]];
            for (int c = 0; c < r; c++) {
                y[index[e] * r + c] += x[e * r + c] * inv;
            }
        }
        return Tensor.result("segment_mean", Flat.array(y, outShape(src, numSegments), src.dtype()), g -> {
            double[] gv = Flat.of(g);
            double[] dx = new double[x.length];
            for (int e = 0; e < index.length; e++) {
                double inv = 1.0 / count[index[e]];
                for (int c = 0; c < r; c++) {
                    dx[e * r + c] = gv[index[e] * r + c] * inv;
                }
            }
            src.accumulateGrad(Flat.array(dx, src.shape(), src.dtype()));
        }, src);
    }

    public static Tensor max(Tensor src, int[] index, int numSegments) {
        int r = check("segment max", src, index, numSegments);
        double[] x = Flat.of(src.data());
        int[] arg = new int[numSegments * r];
        Arrays.fill(arg, -1);
        for (int e = 0; e < index.length; e++) {
            for (int c = 0; c < r; c++) {
                int o = index[e] * r + c;
                if (arg[o] < 0 || x[e * r + c] > x[arg[o] * r + c]) {
                    arg[o] = e;
                }
            }
        }
        double[] y = new double[numSegments * r];
        for (int o = 0; o < y.length; o++) {
            y[o] = arg[o] < 0 ? 0.0 : x[arg[o] * r + o % r];
        }
        return Tensor.result("segment_max", Flat.array(y, outShape(src, numSegments), src.dtype()), g -> {
            double[] gv = Flat.of(g);
            double[] dx = new double[x.length];
            for (int o = 0; o < arg.length; o++) {
                if (arg[o] >= 0) {
                    dx[arg[o] * r + o % r] += gv[o];
                }
            }
            src.accumulateGrad(Flat.array(dx, src.shape(), src.dtype()));
        }, src);
    }

    public static Tensor softmax(Tensor src, int[] index, int numSegments) {
        int r = check("segment softmax", src, index, numSegments);
        double[] x = Flat.of(src.data());
        double[] m = new double[numSegments * r];
        Arrays.fill(m, Double.NEGATIVE_INFINITY);
        for (int e = 0; e < index.length; e++) {
            for (int c = 0; c < r; c++) {
                m[index[e] * r + c] = Math.max(m[index[e] * r + c], x[e * r + c]);
            }
        }
        double[] y = new double[x.length];
        double[] z = new double[numSegments * r];
        for (int e = 0; e < index.length; e++) {
            for (int c = 0; c < r; c++) {
                y[e * r + c] = Math.exp(x[e * r + c] - m[index[e] * r + c]);
                z[index[e] * r + c] += y[e * r + c];
            }
        }
        for (int e = 0; e < index.length; e++) {
            for (int c = 0; c < r; c++) {
                y[e * r + c] /= z[index[e] * r + c];
            }
        }
        return Tensor.result("segment_softmax", Flat.array(y, src.shape(), src.dtype()), g -> {
            double[] gv = Flat.of(g);
            double[] dot = new double[numSegments * r]; // Σ_{e' ∈ s} y g
            for (int e = 0; e < index.length; e++) {
                for (int c = 0; c < r; c++) {
                    dot[index[e] * r + c] += y[e * r + c] * gv[e * r + c];
                }
            }
            double[] dx = new double[x.length];
            for (int e = 0; e < index.length; e++) {
                for (int c = 0; c < r; c++) {
                    dx[e * r + c] = y[e * r + c] * (gv[e * r + c] - dot[index[e] * r + c]);
                }
            }
            src.accumulateGrad(Flat.array(dx, src.shape(), src.dtype()));
        }, src);
    }

    private static long[] outShape(Tensor src, int numSegments) {
        long[] s = src.shape().clone();
        s[0] = numSegments;
        return s;
    }

    /** Checks index against src and numSegments; returns the elements per row. */
    static int check(String op, Tensor src, int[] index, int numSegments) {
        if (src.rank() < 1 || src.size(0) != index.length) {
            throw new IllegalArgumentException(op + ": index must have one entry per row of src, got " + index.length
                    + " entries for src " + Arrays.toString(src.shape()));
        }
        if (numSegments < 0) {
            throw new IllegalArgumentException(op + ": numSegments must be >= 0, got " + numSegments);
        }
        for (int e = 0; e < index.length; e++) {
            if (index[e] < 0 || index[e] >= numSegments) {
                throw new IllegalArgumentException(op + ": index " + index[e] + " at position " + e + " is outside [0, "
                        + numSegments + ")");
            }
        }
        return Flat.rowSize(src.shape());
    }
}
