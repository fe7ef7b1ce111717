package io.principia.graph.nn;

import org.nd4j.linalg.api.buffer.DataType;

import io.principia.core.nn.Module;
import io.principia.core.nn.functional.Dropout;
import io.principia.core.ops.Pointwise;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;
import io.principia.graph.Graph;
import io.principia.graph.sparse.SparseMatrix;

/**
 * The two-layer transductive GAT of Veličković et al. (2018), section 3.3: dropout on the input,
 * a GAT layer with {@code heads} heads of {@code hidden} features (concatenated) and ELU, dropout,
 * then an output GAT layer with {@code outHeads} heads averaged into C logits. The paper's Cora
 * setting: 8 heads × 8 features, 1 output head, dropout 0.6 on inputs and attention.
 */
public class Gat extends Module {
    public final GatConv conv1;
    public final GatConv conv2;
    public final double dropout;
    private final Rng rng;

    public Gat(int inFeatures, int hidden, int heads, int numClasses, int outHeads, double dropout, Rng rng, DataType dtype) {
        Dropout.checkP(dropout);
        this.conv1 = registerModule("conv1", new GatConv(inFeatures, hidden, heads, true, dropout, rng, dtype));
        this.conv2 = registerModule("conv2", new GatConv(heads * hidden, numClasses, outHeads, false, dropout, rng, dtype));
        this.dropout = dropout;
        this.rng = rng;
    }

    /** Logits [N, C] for every node of {@code g}. */
    public Tensor forward(Graph g, Tensor x) {
        Tensor h = Dropout.dropout(x, dropout, isTraining(), rng);
        h = Pointwise.elu(conv1.forward(g, h)); // [N, heads·hidden]
        h = Dropout.dropout(h, dropout, isTraining(), rng);
        return conv2.forward(g, h); // [N, C]
    }

    /** The same model on sparse features, with dropout on the nonzeros. */
    public Tensor forward(Graph g, SparseMatrix x) {
        Tensor h = Pointwise.elu(conv1.forward(g, x.dropout(dropout, isTraining(), rng))); // [N, heads·hidden]
        h = Dropout.dropout(h, dropout, isTraining(), rng);
        return conv2.forward(g, h); // [N, C]
    }
}
