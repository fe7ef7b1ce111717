package io.principia.graph.sparse;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.principia.core.util.HeapFloats;
import io.principia.graph.Csr;
import io.principia.graph.Graph;

/**
 * The kernels of {@link Spmm} for float32 x and weights, reading and writing {@code float[]}
 * and summing in float32 (inner loops over the feature axis that the JIT vectorizes):
 * <pre>
 *   out[i, h, :] = Σ_{e: target_e = i} w[e, h] · x[source_e, h, :]       forward, by target row
 *   dx[j, h, :]  = Σ_{e: source_e = j} w[e, h] · g[target_e, h, :]       backward, by target row
 *   dw[e, h]     = <g[target_e, h, :], x[source_e, h, :]>
 * </pre>
 * Sums follow the float64 kernels' edge order, so the two agree to float32 rounding (a node's
 * few dozen neighbours cost a few ulps, not digits).
 */
final class Float32Spmm {
    private Float32Spmm() {}

    static float[] floats(INDArray a) {
        return HeapFloats.of(a);
    }

    static INDArray array(float[] v, long[] shape) {
        return HeapFloats.array(v, shape);
    }

    /** A x for x [N, H·D] flat, w [E, H] flat or null (all ones). */
    static float[] forward(Graph g, int heads, int d, float[] xv, float[] wv) {
        Csr csr = g.byTarget();
        int[] ptr = csr.rowPtr();
        int[] col = csr.col();
        int[] edge = csr.edge();
        int row = heads * d;
        float[] out = new float[xv.length];
        for (int i = 0; i < g.numNodes(); i++) {
            int o = i * row;
            for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                int xj = col[k] * row, e = edge[k];
                for (int h = 0; h < heads; h++) {
                    axpy(wv == null ? 1f : wv[e * heads + h], xv, xj + h * d, out, o + h * d, d);
                }
            }
        }
        return out;
    }

    /** Aᵀ g: the gradient with respect to x, walking the target rows in order (g is read sequentially). */
    static float[] gradX(Graph g, int heads, int d, float[] gv, float[] wv) {
        Csr csr = g.byTarget();
        int[] ptr = csr.rowPtr();
        int[] col = csr.col();
        int[] edge = csr.edge();
        int row = heads * d;
        float[] dx = new float[gv.length];
        for (int t = 0; t < g.numNodes(); t++) {
            int i = t * row;
            for (int k = ptr[t]; k < ptr[t + 1]; k++) {
                int j = col[k] * row, e = edge[k];
                for (int h = 0; h < heads; h++) {
                    axpy(wv == null ? 1f : wv[e * heads + h], gv, i + h * d, dx, j + h * d, d);
                }
            }
        }
        return dx;
    }

    /** The gradient with respect to the edge weights, [E, H] flat. */
    static float[] gradW(Graph g, int heads, int d, float[] gv, float[] xv) {
        float[] dw = new float[g.numEdges() * heads];
        for (int e = 0; e < g.numEdges(); e++) {
            int i = g.target(e) * heads * d, j = g.source(e) * heads * d;
            for (int h = 0; h < heads; h++) {
                dw[e * heads + h] = dot(gv, i + h * d, xv, j + h * d, d);
            }
        }
        return dw;
    }

    /** y[yo + c] += a · x[xo + c] for c < n: a loop the JIT turns into vector instructions. */
    private static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
        for (int c = 0; c < n; c++) {
            y[yo + c] += a * x[xo + c];
        }
    }

    /** Σ_c a[ao + c] · b[bo + c], in four interleaved partial sums (floating-point sums are not vectorized). */
    private static float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int c = 0;
        for (; c + 3 < n; c += 4) {
            s0 += a[ao + c] * b[bo + c];
            s1 += a[ao + c + 1] * b[bo + c + 1];
            s2 += a[ao + c + 2] * b[bo + c + 2];
            s3 += a[ao + c + 3] * b[bo + c + 3];
        }
        for (; c < n; c++) {
            s0 += a[ao + c] * b[bo + c];
        }
        return (s0 + s1) + (s2 + s3);
    }

    static boolean applies(INDArray x, INDArray w) {
        return x.dataType() == DataType.FLOAT && (w == null || w.dataType() == DataType.FLOAT);
    }
}
