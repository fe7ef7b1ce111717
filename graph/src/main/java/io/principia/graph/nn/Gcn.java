package io.principia.graph.nn;

import org.nd4j.linalg.api.buffer.DataType;

import io.principia.core.nn.Module;
import io.principia.core.nn.functional.Dropout;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;
import io.principia.graph.Graph;
import io.principia.graph.sparse.SparseMatrix;

/**
 * The two-layer GCN of Kipf and Welling (2017), eq. 9:
 * {@code Z = Â' dropout(ReLU(Â' dropout(X) W0)) W1}, Â' the normalized adjacency (logits; the
 * softmax is in the loss). The paper's Cora setting: 16 hidden units, dropout 0.5.
 */
public class Gcn extends Module {
    public final GcnConv conv1;
    public final GcnConv conv2;
    public final double dropout;
    private final Rng rng;

    public Gcn(int inFeatures, int hidden, int numClasses, double dropout, Rng rng, DataType dtype) {
        Dropout.checkP(dropout);
        this.conv1 = registerModule("conv1", new GcnConv(inFeatures, hidden, true, rng, dtype));
        this.conv2 = registerModule("conv2", new GcnConv(hidden, numClasses, true, rng, dtype));
        this.dropout = dropout;
        this.rng = rng;
    }

    /** Logits [N, C] for every node of {@code g} (symmetric, without self-loops or with). */
    public Tensor forward(Graph g, Tensor x) {
        Tensor h = Dropout.dropout(x, dropout, isTraining(), rng);
        h = conv1.forward(g, h).relu(); // [N, hidden]
        h = Dropout.dropout(h, dropout, isTraining(), rng);
        return conv2.forward(g, h); // [N, C]
    }

    /** The same model on sparse features, with dropout on the nonzeros (the reference code's sparse dropout). */
    public Tensor forward(Graph g, SparseMatrix x) {
        Tensor h = conv1.forward(g, x.dropout(dropout, isTraining(), rng)).relu(); // [N, hidden]
        h = Dropout.dropout(h, dropout, isTraining(), rng);
        return conv2.forward(g, h); // [N, C]
    }
}
