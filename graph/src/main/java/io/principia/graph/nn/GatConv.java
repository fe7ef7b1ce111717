package io.principia.graph.nn;

import org.nd4j.linalg.api.buffer.DataType;

import io.principia.core.nn.Init;
import io.principia.core.nn.functional.Dropout;
import io.principia.core.ops.Indexing;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;
import io.principia.graph.Graph;
import io.principia.graph.GraphOps;
import io.principia.graph.sparse.Segment;
import io.principia.graph.sparse.SparseMatrix;

/**
 * Graph attention layer of Veličković et al. (ICLR 2018), eqs. 1-6, with H heads of F features:
 * <pre>
 *   h_i = W x_i                                                  [H, F] per node
 *   e_ij^k = LeakyReLU_0.2( a_src^k · h_j^k + a_dst^k · h_i^k )    for each edge j -> i, head k
 *   α_ij^k = softmax over the edges into i of e_ij^k              (dropout on α while training)
 *   x'_i = ‖_k Σ_j α_ij^k h_j^k  (concat)   or   (1/H) Σ_k Σ_j α_ij^k h_j^k  (mean)
 * </pre>
 * a^k = [a_src^k ‖ a_dst^k] is the paper's attention vector split in two, so the score is a sum
 * of per-node terms computed once per node. Self-loops are removed and one added per node
 * (each node attends to itself), as in PyTorch Geometric. W, a are Glorot-uniform, b zero.
 */
public class GatConv extends MessagePassing {
    public final int inFeatures;
    public final int outPerHead;
    public final int heads;
    public final boolean concat;
    public final double negativeSlope;
    public final double attentionDropout;
    public final Tensor weight;
    public final Tensor attSource;
    public final Tensor attTarget;
    public final Tensor bias;
    private final Rng rng;
    private Graph cachedFor;
    private Graph withLoops;

    public GatConv(int inFeatures, int outPerHead, int heads, boolean concat, double attentionDropout, Rng rng, DataType dtype) {
        this(inFeatures, outPerHead, heads, concat, 0.2, attentionDropout, true, rng, dtype);
    }

    public GatConv(int inFeatures, int outPerHead, int heads, boolean concat, double negativeSlope, double attentionDropout,
                   boolean bias, Rng rng, DataType dtype) {
        super(Aggregation.SUM);
        if (inFeatures < 1 || outPerHead < 1 || heads < 1) {
            throw new IllegalArgumentException("GatConv: sizes must be >= 1, got in=" + inFeatures + ", outPerHead=" + outPerHead
                    + ", heads=" + heads);
        }
        Dropout.checkP(attentionDropout);
        this.inFeatures = inFeatures;
        this.outPerHead = outPerHead;
        this.heads = heads;
        this.concat = concat;
        this.negativeSlope = negativeSlope;
        this.attentionDropout = attentionDropout;
        this.rng = rng;
        this.weight = registerParameter("weight", Init.xavierUniform(rng, dtype, 1.0, inFeatures, (long) heads * outPerHead));
        // Glorot over the paper's [2F] vector per head, stored as two [H, F] halves
        double bound = Math.sqrt(6.0 / (heads + 2.0 * outPerHead));
        this.attSource = registerParameter("att_source", Init.uniform(rng, dtype, -bound, bound, heads, outPerHead));
        this.attTarget = registerParameter("att_target", Init.uniform(rng, dtype, -bound, bound, heads, outPerHead));
        this.bias = bias ? registerParameter("bias", Init.zeros(dtype, concat ? (long) heads * outPerHead : outPerHead)) : null;
    }

    /** x [N, in] -> [N, H·F] (concat) or [N, F] (mean over heads). */
    public Tensor forward(Graph g, Tensor x) {
        if (x.rank() != 2 || x.size(1) != inFeatures) {
            throw new IllegalArgumentException("GatConv: x must be [N, " + inFeatures + "], got " + java.util.Arrays.toString(x.shape()));
        }
        return attend(g, x.matmul(weight)); // [N, in] @ [in, H·F] = [N, H·F]
    }

    /** The same layer on sparse features x [N, in]. */
    public Tensor forward(Graph g, SparseMatrix x) {
        if (x.cols() != inFeatures) {
            throw new IllegalArgumentException("GatConv: x must be [N, " + inFeatures + "], got [" + x.rows() + ", " + x.cols() + "]");
        }
        return attend(g, x.matmul(weight)); // [N, H·F]
    }

    private Tensor attend(Graph g, Tensor wx) {
        if (g != cachedFor) {
            withLoops = GraphOps.addSelfLoops(GraphOps.removeSelfLoops(g));
            cachedFor = g;
        }
        long n = wx.size(0);
        Tensor h = wx.reshape(n, heads, outPerHead); // [N, H·F] -> [N, H, F]
        Tensor sSrc = h.mul(attSource).sum(2, false); // [N, H, F] ⊙ [H, F] -> [N, H]
        Tensor sDst = h.mul(attTarget).sum(2, false); // [N, H]
        Tensor scores = Indexing.indexSelect(sSrc, 0, withLoops.sources())
                .add(Indexing.indexSelect(sDst, 0, withLoops.targets())); // [E, H]
        Tensor alpha = Segment.softmax(LeakyRelu.apply(scores, negativeSlope), withLoops.targets(), (int) n); // [E, H]
        alpha = Dropout.dropout(alpha, attentionDropout, isTraining(), rng);
        Tensor out = propagate(withLoops, h, alpha); // [N, H, F]
        out = concat ? out.reshape(n, (long) heads * outPerHead) : out.mean(1, false); // [N, H·F] or [N, F]
        return bias == null ? out : out.add(bias);
    }

    @Override
    public String toString() {
        return "GatConv(in=" + inFeatures + ", out=" + outPerHead + ", heads=" + heads + ", concat=" + concat + ")";
    }
}
