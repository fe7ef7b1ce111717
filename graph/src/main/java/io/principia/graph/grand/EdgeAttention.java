package io.principia.graph.grand;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;

import io.principia.core.nn.Linear;
import io.principia.core.nn.Module;
import io.principia.core.ops.Indexing;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;
import io.principia.graph.Graph;
import io.principia.graph.sparse.Segment;

/**
 * GRAND's multi-head scaled dot-product attention over edges (Chamberlain et al., GRAND, ICML
 * 2021, eq. 9, as the reference {@code SpGraphTransAttentionLayer} computes it):
 *
 * <pre>
 *   Q = x Wqᵀ + bq,  K = x Wkᵀ + bk                       [N, d_a] viewed as [N, h, d_k], d_k = d_a / h
 *   s_e^h = &lt;Q_(target_e)^h, K_(source_e)^h&gt; / sqrt(d_k)  for each edge e
 *   a^h  = softmax of s^h over the edges that share a target (row-stochastic A) or a source
 *          (column-stochastic A), per head
 *   w_e  = (1/h) Σ_h a_e^h                                  the edge weights of A[target, source]
 * </pre>
 *
 * The paper writes the scale as 1/d_k; the code (and this class) uses 1/sqrt(d_k). The reference's
 * "edge[0]" is the aggregating node, here the edge's target. Q and K weights start at the constant
 * 1e-5 (biases keep PyTorch's default), so the initial attention is nearly uniform.
 */
public final class EdgeAttention extends Module {
    /** Which edges one softmax runs over: the reference's {@code attention_norm_idx} 0 and 1. */
    public enum Normalize {
        /** Over each node's incoming edges ({@code attention_norm_idx = 0}): rows of A sum to 1. */
        BY_TARGET,
        /** Over each node's outgoing edges ({@code attention_norm_idx = 1}): columns of A sum to 1. */
        BY_SOURCE
    }

    /** The reference code's initial value of every Q and K weight. */
    public static final double INITIAL_WEIGHT = 1e-5;

    public final Linear query;
    public final Linear key;
    public final int heads;
    public final int headDim;
    public final Normalize normalize;

    /**
     * @param inFeatures   d, the state's feature size
     * @param attentionDim d_a, split into {@code heads} heads of d_a / h features
     */
    public EdgeAttention(int inFeatures, int attentionDim, int heads, Normalize normalize, Rng rng, DataType dtype) {
        if (heads < 1 || attentionDim < 1 || attentionDim % heads != 0) {
            throw new IllegalArgumentException("EdgeAttention: attentionDim must be a positive multiple of heads, got attentionDim="
                    + attentionDim + ", heads=" + heads);
        }
        this.query = registerModule("query", new Linear(inFeatures, attentionDim, true, rng, dtype));
        this.key = registerModule("key", new Linear(inFeatures, attentionDim, true, rng, dtype));
        query.weight.data().assign(INITIAL_WEIGHT);
        key.weight.data().assign(INITIAL_WEIGHT);
        this.heads = heads;
        this.headDim = attentionDim / heads;
        this.normalize = normalize;
    }

    /** Per-head attention a [E, h]: each head's weights sum to 1 over every softmax group. */
    public Tensor perHead(Graph g, Tensor x) {
        if (x.rank() != 2 || x.size(0) != g.numNodes() || x.size(1) != query.inFeatures) {
            throw new IllegalArgumentException("EdgeAttention: x must be [" + g.numNodes() + ", " + query.inFeatures + "], got "
                    + Arrays.toString(x.shape()));
        }
        if (g.numEdges() == 0) {
            throw new IllegalArgumentException("EdgeAttention: the graph has no edges");
        }
        long n = x.size(0);
        Tensor q = query.forward(x).reshape(n, heads, headDim); // [N, d_a] -> [N, h, d_k]
        Tensor k = key.forward(x).reshape(n, heads, headDim);   // [N, h, d_k]
        int[] targets = g.targets(), sources = g.sources();
        Tensor qi = Indexing.indexSelect(q, 0, targets);         // [E, h, d_k]
        Tensor kj = Indexing.indexSelect(k, 0, sources);         // [E, h, d_k]
        Tensor scores = qi.mul(kj).sum(2, false).mul(1.0 / Math.sqrt(headDim)); // [E, h]
        int[] group = normalize == Normalize.BY_TARGET ? targets : sources;
        return Segment.softmax(scores, group, g.numNodes()); // [E, h]
    }

    /** Edge weights [E]: the heads' mean, the A of GRAND's diffusion. */
    public Tensor weights(Graph g, Tensor x) {
        return perHead(g, x).mean(1, false); // [E, h] -> [E]
    }

    /** Sets every Q and K weight to {@code w} and every bias to {@code b} (tests; 1e-5 and defaults at construction). */
    public void fill(double w, double b) {
        for (Linear l : new Linear[] {query, key}) {
            l.weight.data().assign(w);
            l.bias.data().assign(b);
        }
    }

    @Override
    public String toString() {
        return "EdgeAttention(heads=" + heads + ", d_k=" + headDim + ", " + normalize + ")";
    }
}
