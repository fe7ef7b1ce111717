package io.principia.graph.diffusion;

import io.principia.core.tensor.Tensor;
import io.principia.graph.Graph;
import io.principia.graph.sparse.Spmm;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A as the edges of a {@link Graph} with one weight per edge, A[target_e, source_e] = w_e, applied
 * by {@link Spmm} (out[i] = Σ_(e: target_e = i) w_e x[source_e]). The weights may be constants (a
 * normalized adjacency) or a tensor that requires a gradient (attention computed from features).
 */
public final class SparseAdjacency implements Propagation {
    private final Graph graph;
    private final Tensor weights;

    /** @param weights [E] edge weights in the features' data type, or null for all ones */
    public SparseAdjacency(Graph graph, Tensor weights) {
        if (weights != null && (weights.rank() != 1 || weights.size(0) != graph.numEdges())) {
            throw new IllegalArgumentException("edge weights must be [" + graph.numEdges() + "], got "
                    + java.util.Arrays.toString(weights.shape()));
        }
        this.graph = graph;
        this.weights = weights;
    }

    /** Constant weights, e.g. from {@link io.principia.graph.Normalization}. */
    public static SparseAdjacency of(Graph graph, double[] weights, DataType dtype) {
        if (weights.length != graph.numEdges()) {
            throw new IllegalArgumentException(weights.length + " edge weights for " + graph.numEdges() + " edges");
        }
        return new SparseAdjacency(graph, Tensor.of(Nd4j.createFromArray(weights).castTo(dtype)));
    }

    public Graph graph() { return graph; }

    public Tensor weights() { return weights; }

    @Override
    public Tensor apply(Tensor x) {
        return Spmm.apply(graph, weights, x); // [N, d]
    }

    @Override
    public long numNodes() { return graph.numNodes(); }
}
