package io.principia.graph.nn;

import org.nd4j.linalg.api.buffer.DataType;

import io.principia.core.nn.Init;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;
import io.principia.graph.Graph;
import io.principia.graph.GraphOps;
import io.principia.graph.Normalization;
import io.principia.graph.sparse.SparseMatrix;
import io.principia.graph.sparse.Spmm;

/**
 * Graph convolution of Kipf and Welling (ICLR 2017), eq. 2:
 * <pre>
 *   H' = D̂^{-1/2} Â D̂^{-1/2} H W + b,     Â = A + I,  D̂_ii = Σ_j Â_ij
 * </pre>
 * The graph passed to {@link #forward} should be symmetric (use {@link GraphOps#symmetrize});
 * a self-loop is added to every node that lacks one. W is Glorot-uniform and b zero, as in the
 * reference implementation. The normalized adjacency of the last graph seen is cached.
 */
public class GcnConv extends MessagePassing {
    public final int inFeatures;
    public final int outFeatures;
    public final Tensor weight;
    public final Tensor bias;
    private Graph cachedFor;
    private Graph withLoops;
    private double[] normWeights;

    public GcnConv(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true, Rng.global(), DataType.FLOAT);
    }

    public GcnConv(int inFeatures, int outFeatures, boolean bias, Rng rng, DataType dtype) {
        super(Aggregation.SUM);
        if (inFeatures < 1 || outFeatures < 1) {
            throw new IllegalArgumentException("GcnConv: feature sizes must be >= 1, got in=" + inFeatures + ", out=" + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = registerParameter("weight", Init.xavierUniform(rng, dtype, 1.0, inFeatures, outFeatures));
        this.bias = bias ? registerParameter("bias", Init.zeros(dtype, outFeatures)) : null;
    }

    /** x [N, in] -> [N, out]. */
    public Tensor forward(Graph g, Tensor x) {
        if (x.rank() != 2 || x.size(1) != inFeatures) {
            throw new IllegalArgumentException("GcnConv: x must be [N, " + inFeatures + "], got " + java.util.Arrays.toString(x.shape()));
        }
        return propagateTransformed(g, x.matmul(weight)); // [N, in] @ [in, out] = [N, out]
    }

    /** The same layer on sparse features x [N, in] (X W as a sparse product). */
    public Tensor forward(Graph g, SparseMatrix x) {
        if (x.cols() != inFeatures) {
            throw new IllegalArgumentException("GcnConv: x must be [N, " + inFeatures + "], got [" + x.rows() + ", " + x.cols() + "]");
        }
        return propagateTransformed(g, x.matmul(weight)); // [N, out]
    }

    private Tensor propagateTransformed(Graph g, Tensor h) {
        if (g != cachedFor) {
            withLoops = GraphOps.addSelfLoops(g);
            normWeights = Normalization.symmetric(withLoops, null);
            cachedFor = g;
        }
        Tensor out = propagate(withLoops, h, Spmm.weights(normWeights, h)); // [N, out]
        return bias == null ? out : out.add(bias);
    }

    @Override
    public String toString() {
        return "GcnConv(in=" + inFeatures + ", out=" + outFeatures + ", bias=" + (bias != null) + ")";
    }
}
