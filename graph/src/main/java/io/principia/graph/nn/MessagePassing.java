package io.principia.graph.nn;

import io.principia.core.nn.Module;
import io.principia.core.ops.Indexing;
import io.principia.core.tensor.Tensor;
import io.principia.graph.Graph;
import io.principia.graph.sparse.Spmm;

/**
 * The message-passing scheme of Gilmer et al. (2017), with PyTorch Geometric's split into
 * three overridable steps:
 * <pre>
 *   x'_i = update( ⊕_{e = (j -> i)} message(x_j, x_i, w_e),  x_i )
 * </pre>
 * with ⊕ an {@link Aggregation} over the edges into i. {@link #propagate} runs the general path
 * (gather x_j and x_i per edge [E, ...], message, segment-reduce by target) unless the layer
 * keeps the default message {@code w_e · x_j} and the aggregation is a sum: then the whole step
 * is one sparse product {@code A x} ({@link Spmm}), never materializing the [E, ...] messages.
 * A subclass that overrides {@link #message} must also override {@link #weightedSourceMessage}
 * to return false. {@link #sparseFastPath(boolean)} turns the fast path off (tests compare both).
 */
public abstract class MessagePassing extends Module {
    private final Aggregation aggregation;
    private boolean sparseFastPath = true;

    protected MessagePassing(Aggregation aggregation) {
        this.aggregation = aggregation;
    }

    public Aggregation aggregation() { return aggregation; }

    /** Uses (true, the default) or bypasses the sparse product when the message allows it. */
    public MessagePassing sparseFastPath(boolean on) {
        this.sparseFastPath = on;
        return this;
    }

    /**
     * One round of message passing over {@code g}.
     *
     * @param x node states [N, D] or [N, H, D]
     * @param edgeWeight per-edge weights [E] (or [E, H] with x [N, H, D]), or null for ones
     */
    protected Tensor propagate(Graph g, Tensor x, Tensor edgeWeight) {
        if (x.size(0) != g.numNodes()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": x has " + x.size(0) + " rows but the graph has "
                    + g.numNodes() + " nodes");
        }
        if (sparseFastPath && aggregation == Aggregation.SUM && weightedSourceMessage()) {
            return update(Spmm.apply(g, edgeWeight, x), x); // [N, ...]
        }
        Tensor xj = Indexing.indexSelect(x, 0, g.sources()); // [E, ...]
        Tensor xi = Indexing.indexSelect(x, 0, g.targets()); // [E, ...]
        Tensor messages = message(xj, xi, edgeWeight); // [E, ...]
        return update(aggregation.apply(messages, g.targets(), g.numNodes()), x); // [N, ...]
    }

    /** The message along one edge; default {@code w_e · x_j} (x_j alone when w is null). */
    protected Tensor message(Tensor xj, Tensor xi, Tensor edgeWeight) {
        if (edgeWeight == null) {
            return xj;
        }
        long[] shape = new long[xj.rank()];
        java.util.Arrays.fill(shape, 1);
        shape[0] = xj.size(0);
        if (edgeWeight.rank() == 2) {
            shape[1] = edgeWeight.size(1);
        }
        return xj.mul(edgeWeight.reshape(shape)); // [E, (H,) D] ⊙ [E, (H,) 1]
    }

    /** The new node state from the aggregated messages; default: the aggregate itself. */
    protected Tensor update(Tensor aggregated, Tensor x) {
        return aggregated;
    }

    /** True when {@link #message} is the default {@code w_e · x_j}, which allows the sparse product. */
    protected boolean weightedSourceMessage() {
        return true;
    }
}
