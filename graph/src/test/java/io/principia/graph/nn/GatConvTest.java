package io.principia.graph.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;
import io.principia.core.util.Rng;
import io.principia.graph.Graph;
import io.principia.graph.GraphOps;

class GatConvTest {
    /** A symmetric 5-node graph with a self-loop on node 2 (replaced by GAT's own loop) and a triangle 0-1-3. */
    static final Graph G = GraphOps.symmetrize(new Graph(5, new int[] {0, 1, 3, 2, 2, 3}, new int[] {1, 3, 0, 2, 1, 4}));

    /** The paper's equations with plain loops over each node's neighbourhood N(i) ∪ {i}. */
    static INDArray reference(GatConv conv, INDArray x) {
        int n = (int) x.size(0), heads = conv.heads, f = conv.outPerHead;
        INDArray h = x.mmul(conv.weight.data()); // [N, H·F]
        boolean[][] nb = new boolean[n][n];
        for (int e = 0; e < G.numEdges(); e++) {
            nb[G.target(e)][G.source(e)] = true;
        }
        double[][] out = new double[n][conv.concat ? heads * f : f];
        for (int i = 0; i < n; i++) {
            nb[i][i] = true;
            for (int k = 0; k < heads; k++) {
                double[] e = new double[n];
                double z = 0;
                for (int j = 0; j < n; j++) {
                    if (!nb[i][j]) {
                        continue;
                    }
                    double s = 0;
                    for (int c = 0; c < f; c++) {
                        s += conv.attSource.data().getDouble(k, c) * h.getDouble(j, k * f + c)
                                + conv.attTarget.data().getDouble(k, c) * h.getDouble(i, k * f + c);
                    }
                    e[j] = Math.exp(s > 0 ? s : 0.2 * s);
                    z += e[j];
                }
                for (int j = 0; j < n; j++) {
                    if (!nb[i][j]) {
                        continue;
                    }
                    for (int c = 0; c < f; c++) {
                        double v = e[j] / z * h.getDouble(j, k * f + c);
                        if (conv.concat) {
                            out[i][k * f + c] += v;
                        } else {
                            out[i][c] += v / heads;
                        }
                    }
                }
            }
        }
        return Nd4j.create(out).addRowVector(conv.bias.data());
    }

    @Test
    void forwardMatchesThePaperEquationsForConcatAndMeanHeads() {
        for (boolean concat : new boolean[] {true, false}) {
            GatConv conv = new GatConv(4, 3, 2, concat, 0.0, new Rng(11), DataType.DOUBLE);
            conv.bias.data().assign(Nd4j.rand(DataType.DOUBLE, conv.bias.shape()));
            conv.eval();
            Tensor x = GradCheck.randomInput(12, 5, 4);
            INDArray got = conv.forward(G, x).data();
            assertEquals(0, reference(conv, x.data()).sub(got).norm2Number().doubleValue(), 1e-12);
        }
    }

    @Test
    void sparseAndGeneralPathsAgree() {
        GatConv conv = new GatConv(4, 3, 2, true, 0.0, new Rng(13), DataType.DOUBLE);
        Tensor x = GradCheck.randomInput(14, 5, 4);
        INDArray sparse = conv.forward(G, x).data();
        conv.sparseFastPath(false);
        assertEquals(0, sparse.sub(conv.forward(G, x).data()).norm2Number().doubleValue(), 1e-12);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        GatConv conv = new GatConv(4, 3, 2, true, 0.0, new Rng(15), DataType.DOUBLE);
        Tensor x = GradCheck.randomInput(16, 5, 4);
        GradCheck.checkLoss(() -> conv.forward(G, x).pow(2).sum(),
                List.of(x, conv.weight, conv.attSource, conv.attTarget, conv.bias));
    }

    @Test
    void twoLayerGatGradientCheck() {
        Gat model = new Gat(4, 3, 2, 3, 1, 0.0, new Rng(17), DataType.DOUBLE);
        Tensor x = GradCheck.randomInput(18, 5, 4);
        Tensor y = Tensor.of(Nd4j.createFromArray(0, 2, 1, 0, 1));
        GradCheck.checkLoss(() -> io.principia.core.ops.Losses.crossEntropy(model.forward(G, x), y),
                List.copyOf(model.parameters()));
    }

    @Test
    void sparseFeatureInputGivesTheDenseResult() {
        Gat model = new Gat(4, 3, 2, 3, 1, 0.0, new Rng(21), DataType.DOUBLE);
        INDArray dense = Nd4j.createFromArray(new double[][] {{1, 0, 0, 0}, {0, 0, 2, 0}, {0, 0, 0, 0}, {0.5, 1, 0, 0}, {0, 3, 0, 1}});
        INDArray a = model.forward(G, Tensor.of(dense)).data();
        INDArray b = model.forward(G, io.principia.graph.sparse.SparseMatrix.fromDense(dense)).data();
        assertEquals(0, a.sub(b).norm2Number().doubleValue(), 1e-12);
    }

    @Test
    void attentionDropoutActsOnlyWhileTraining() {
        GatConv conv = new GatConv(4, 3, 2, true, 0.5, new Rng(19), DataType.DOUBLE);
        Tensor x = GradCheck.randomInput(20, 5, 4);
        conv.eval();
        INDArray a = conv.forward(G, x).data();
        assertEquals(0, a.sub(conv.forward(G, x).data()).norm2Number().doubleValue(), 0.0);
        assertEquals(0, reference(conv, x.data()).sub(a).norm2Number().doubleValue(), 1e-12);
        conv.train();
        assertNotEquals(0.0, a.sub(conv.forward(G, x).data()).norm2Number().doubleValue());
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new GatConv(4, 3, 0, true, 0.0, new Rng(1), DataType.DOUBLE));
        assertThrows(IllegalArgumentException.class, () -> new GatConv(4, 3, 2, true, 1.0, new Rng(1), DataType.DOUBLE));
    }
}
