package io.principia.graph.sparse;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

import io.principia.core.ops.Indexing;
import io.principia.core.tensor.Tensor;
import io.principia.graph.Csr;
import io.principia.graph.Graph;

/**
 * Sparse-dense matrix product over a graph's edges, {@code out = A x} with
 * {@code A[target_e, source_e] = w_e} (duplicate edges add):
 * <pre>
 *   out[i, h, :] = Σ_{e: target_e = i} w[e, h] · x[source_e, h, :]
 * </pre>
 * x is [N, D] with w [E] (or null for all ones), or x is [N, H, D] with w [E, H] (one weight
 * per edge and head, as attention gives). Gradients flow to x and to w:
 * {@code dx[j] = Σ_{e: source_e = j} w_e g[target_e]} (that is Aᵀ g) and
 * {@code dw[e] = <g[target_e], x[source_e]>}.
 *
 * <p>{@link #apply} runs plain Java loops over the target-grouped CSR (on float32 inputs over
 * {@code float[]} copies with float64 sums, {@link Float32Spmm}); {@link #applyIndexOps}
 * computes the same product with core's gather and scatter-add ops (ND4J has no sparse
 * autograd). On Cora (x [2708, 16], 13,264 edges with self-loops, float32, 2 busy cores) the
 * forward took 2.4-6.4 ms with the loops against 15.7-66 ms with the index ops, so the loops
 * are what message passing uses.
 */
public final class Spmm {
    private Spmm() {}

    public static Tensor apply(Graph g, Tensor w, Tensor x) {
        int heads = check(g, w, x);
        int n = g.numNodes();
        long[] xs = x.shape();
        int d = Flat.rowSize(xs) / heads; // features per head
        if (Float32Spmm.applies(x.data(), w == null ? null : w.data())) {
            return float32(g, w, x, heads, d);
        }
        double[] xv = Flat.of(x.data());
        double[] wv = w == null ? null : Flat.of(w.data());
        Csr csr = g.byTarget();
        double[] out = new double[xv.length];
        for (int i = 0; i < n; i++) {
            int oi = i * heads * d;
            for (int k = csr.rowPtr()[i]; k < csr.rowPtr()[i + 1]; k++) {
                int j = csr.col()[k], e = csr.edge()[k];
                int xj = j * heads * d;
                for (int h = 0; h < heads; h++) {
                    double we = wv == null ? 1.0 : wv[e * heads + h];
                    int o = oi + h * d, xo = xj + h * d;
                    for (int c = 0; c < d; c++) {
                        out[o + c] += we * xv[xo + c];
                    }
                }
            }
        }
        double[] kept = w != null && w.requiresGrad() ? xv : null; // x is needed only for dw
        Tensor[] inputs = w == null ? new Tensor[] {x} : new Tensor[] {x, w};
        return Tensor.result("spmm", Flat.array(out, xs, x.dtype()), grad -> {
            double[] gv = Flat.of(grad);
            if (x.requiresGrad()) {
                double[] dx = new double[xv.length];
                for (int t = 0; t < n; t++) { // by target row, the order Float32Spmm.gradX sums in
                    for (int k = csr.rowPtr()[t]; k < csr.rowPtr()[t + 1]; k++) {
                        int i = t * heads * d, j = csr.col()[k] * heads * d, e = csr.edge()[k];
                        for (int h = 0; h < heads; h++) {
                            double we = wv == null ? 1.0 : wv[e * heads + h];
                            for (int c = 0; c < d; c++) {
                                dx[j + h * d + c] += we * gv[i + h * d + c];
                            }
                        }
                    }
                }
                x.accumulateGrad(Flat.array(dx, xs, x.dtype()));
            }
            if (kept != null) {
                double[] dw = new double[wv.length];
                for (int e = 0; e < g.numEdges(); e++) {
                    int i = g.target(e) * heads * d, j = g.source(e) * heads * d;
                    for (int h = 0; h < heads; h++) {
                        double s = 0;
                        for (int c = 0; c < d; c++) {
                            s += gv[i + h * d + c] * kept[j + h * d + c];
                        }
                        dw[e * heads + h] = s;
                    }
                }
                w.accumulateGrad(Flat.array(dw, w.shape(), w.dtype()));
            }
        }, inputs);
    }

    /** The float32 path: float[] copies, float64 sums; x is kept for the backward only when w needs a gradient. */
    private static Tensor float32(Graph g, Tensor w, Tensor x, int heads, int d) {
        long[] xs = x.shape();
        float[] xv = Float32Spmm.floats(x.data());
        float[] wv = w == null ? null : Float32Spmm.floats(w.data());
        float[] kept = w != null && w.requiresGrad() ? xv : null;
        Tensor[] inputs = w == null ? new Tensor[] {x} : new Tensor[] {x, w};
        return Tensor.result("spmm", Float32Spmm.array(Float32Spmm.forward(g, heads, d, xv, wv), xs), grad -> {
            float[] gv = Float32Spmm.floats(grad);
            if (x.requiresGrad()) {
                x.accumulateGrad(Float32Spmm.array(Float32Spmm.gradX(g, heads, d, gv, wv), xs));
            }
            if (kept != null) {
                w.accumulateGrad(Float32Spmm.array(Float32Spmm.gradW(g, heads, d, gv, kept), w.shape()));
            }
        }, inputs);
    }

    /** The same product from core ops: gather x[source] [E, ...], scale by w, scatter-add by target. */
    public static Tensor applyIndexOps(Graph g, Tensor w, Tensor x) {
        int heads = check(g, w, x);
        Tensor xj = Indexing.indexSelect(x, 0, g.sources()); // [E, D] or [E, H, D]
        Tensor msg = xj;
        if (w != null) {
            msg = xj.mul(heads == 1 && w.rank() == 1 ? w.reshape(g.numEdges(), 1) : w.reshape(g.numEdges(), heads, 1)); // [E, (H,) D]
        }
        return Indexing.scatterAdd(msg, Tensor.of(org.nd4j.linalg.factory.Nd4j.createFromArray(g.targets())), g.numNodes());
    }

    /** Checks shapes; returns the number of heads (1 for x [N, D] with w [E]). */
    static int check(Graph g, Tensor w, Tensor x) {
        long[] xs = x.shape();
        if (xs.length != 2 && xs.length != 3 || xs[0] != g.numNodes()) {
            throw new IllegalArgumentException("spmm: x must be [N, D] or [N, H, D] with N = " + g.numNodes() + " nodes, got "
                    + Arrays.toString(xs));
        }
        int heads = xs.length == 3 ? (int) xs[1] : 1;
        if (w != null) {
            long[] expected = xs.length == 3 ? new long[] {g.numEdges(), heads} : new long[] {g.numEdges()};
            if (!Arrays.equals(w.shape(), expected)) {
                throw new IllegalArgumentException("spmm: edge weights must be " + Arrays.toString(expected) + " for x "
                        + Arrays.toString(xs) + " and " + g.numEdges() + " edges, got " + Arrays.toString(w.shape()));
            }
            if (w.dtype() != x.dtype()) {
                throw new IllegalArgumentException("spmm: edge weights are " + w.dtype() + " but x is " + x.dtype());
            }
        }
        return heads;
    }

    /** Edge weights as a constant tensor of {@code like}'s data type. */
    public static Tensor weights(double[] w, Tensor like) {
        INDArray a = Flat.array(w, new long[] {w.length}, like.dtype());
        return Tensor.of(a);
    }
}
