package io.principia.graph.sparse;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.principia.graph.Csr;
import io.principia.graph.Graph;

/**
 * The kernels of {@link Spmm} for float32 x and weights, reading and writing {@code float[]}
 * (half the memory traffic of a {@code double[]} copy) but summing in double in the same order as
 * the float64 kernels, so the result is the float64 result rounded once to float32:
 * <pre>
 *   out[i, h, :] = Σ_{e: target_e = i} w[e, h] · x[source_e, h, :]       forward, by target row
 *   dx[j, h, :]  = Σ_{e: source_e = j} w[e, h] · g[target_e, h, :]       backward, by target row
 *   dw[e, h]     = <g[target_e, h, :], x[source_e, h, :]>
 * </pre>
 */
final class Float32Spmm {
    private Float32Spmm() {}

    /** The elements of a float32 array in C order (a copy). */
    static float[] floats(INDArray a) {
        INDArray c = a.isView() || a.ordering() != 'c' || a.data().length() != a.length() ? a.dup('c') : a;
        return c.data().asFloat();
    }

    static INDArray array(float[] v, long[] shape) {
        return Nd4j.create(v, shape, 'c');
    }

    /** A x for x [N, H·D] flat, w [E, H] flat or null (all ones). */
    static float[] forward(Graph g, int heads, int d, float[] xv, float[] wv) {
        Csr csr = g.byTarget();
        int[] ptr = csr.rowPtr();
        int[] col = csr.col();
        int[] edge = csr.edge();
        int row = heads * d;
        float[] out = new float[xv.length];
        double[] acc = new double[row];
        for (int i = 0; i < g.numNodes(); i++) {
            java.util.Arrays.fill(acc, 0.0);
            for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                int xj = col[k] * row, e = edge[k];
                for (int h = 0; h < heads; h++) {
                    double we = wv == null ? 1.0 : wv[e * heads + h];
                    int a = h * d, xo = xj + h * d;
                    for (int c = 0; c < d; c++) {
                        acc[a + c] += we * xv[xo + c];
                    }
                }
            }
            for (int q = 0, o = i * row; q < row; q++) {
                out[o + q] = (float) acc[q];
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
        double[] dx = new double[gv.length];
        for (int t = 0; t < g.numNodes(); t++) {
            int i = t * row;
            for (int k = ptr[t]; k < ptr[t + 1]; k++) {
                int j = col[k] * row, e = edge[k];
                for (int h = 0; h < heads; h++) {
                    double we = wv == null ? 1.0 : wv[e * heads + h];
                    for (int c = 0; c < d; c++) {
                        dx[j + h * d + c] += we * gv[i + h * d + c];
                    }
                }
            }
        }
        float[] out = new float[dx.length];
        for (int q = 0; q < dx.length; q++) {
            out[q] = (float) dx[q];
        }
        return out;
    }

    /** The gradient with respect to the edge weights, [E, H] flat. */
    static float[] gradW(Graph g, int heads, int d, float[] gv, float[] xv) {
        float[] dw = new float[g.numEdges() * heads];
        for (int e = 0; e < g.numEdges(); e++) {
            int i = g.target(e) * heads * d, j = g.source(e) * heads * d;
            for (int h = 0; h < heads; h++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    s += (double) gv[i + h * d + c] * xv[j + h * d + c];
                }
                dw[e * heads + h] = (float) s;
            }
        }
        return dw;
    }

    static boolean applies(INDArray x, INDArray w) {
        return x.dataType() == DataType.FLOAT && (w == null || w.dataType() == DataType.FLOAT);
    }
}
