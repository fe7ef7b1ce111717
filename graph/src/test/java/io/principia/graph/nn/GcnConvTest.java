package io.principia.graph.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class GcnConvTest {
    /** Path 0-1-2-3 plus an isolated node 4, both directions. */
    static final Graph PATH = GraphOps.symmetrize(new Graph(5, new int[] {0, 1, 2}, new int[] {1, 2, 3}));

    /** D̂^{-1/2}(A + I)D̂^{-1/2} written out by hand for the path: degrees with loops 2, 3, 3, 2, 1. */
    static INDArray handNormalized() {
        double[][] a = new double[5][5];
        double[] deg = {2, 3, 3, 2, 1};
        int[][] edges = {{0, 1}, {1, 2}, {2, 3}};
        for (int[] e : edges) {
            a[e[0]][e[1]] = a[e[1]][e[0]] = 1 / Math.sqrt(deg[e[0]] * deg[e[1]]);
        }
        for (int i = 0; i < 5; i++) {
            a[i][i] = 1 / deg[i];
        }
        return Nd4j.create(a);
    }

    @Test
    void forwardIsTheNormalizedPropagationOfXW() {
        GcnConv conv = new GcnConv(3, 2, true, new Rng(1), DataType.DOUBLE);
        conv.bias.data().assign(Nd4j.createFromArray(0.5, -0.25));
        Tensor x = GradCheck.randomInput(2, 5, 3);
        INDArray expected = handNormalized().mmul(x.data().mmul(conv.weight.data())).addRowVector(conv.bias.data());
        INDArray got = conv.forward(PATH, x).data();
        assertEquals(0, expected.sub(got).norm2Number().doubleValue(), 1e-12);
        double ownRow = x.data().getRow(4, true).mmul(conv.weight.data()).getDouble(0, 0);
        assertEquals(ownRow + 0.5, got.getDouble(4, 0), 1e-12); // isolated node: only its self-loop, weight 1/1
    }

    @Test
    void sparseAndGeneralPathsAgree() {
        GcnConv conv = new GcnConv(3, 4, true, new Rng(3), DataType.DOUBLE);
        Tensor x = GradCheck.randomInput(4, 5, 3);
        INDArray sparse = conv.forward(PATH, x).data();
        conv.sparseFastPath(false);
        assertEquals(0, sparse.sub(conv.forward(PATH, x).data()).norm2Number().doubleValue(), 1e-12);
    }

    @Test
    void gradientsMatchFiniteDifferencesOnBothPaths() {
        for (boolean fast : new boolean[] {true, false}) {
            GcnConv conv = new GcnConv(3, 2, true, new Rng(5), DataType.DOUBLE);
            conv.sparseFastPath(fast);
            Tensor x = GradCheck.randomInput(6, 5, 3);
            GradCheck.checkLoss(() -> conv.forward(PATH, x).pow(2).sum(), List.of(x, conv.weight, conv.bias));
        }
    }

    @Test
    void twoLayerGcnGradientCheck() {
        Gcn model = new Gcn(3, 4, 2, 0.0, new Rng(7), DataType.DOUBLE);
        Tensor x = GradCheck.randomInput(8, 5, 3);
        Tensor y = Tensor.of(Nd4j.createFromArray(0, 1, 1, 0, 1));
        GradCheck.checkLoss(() -> io.principia.core.ops.Losses.crossEntropy(model.forward(PATH, x), y),
                List.copyOf(model.parameters()));
    }

    @Test
    void sparseFeatureInputGivesTheDenseResult() {
        Gcn model = new Gcn(3, 4, 2, 0.0, new Rng(9), DataType.DOUBLE);
        INDArray dense = Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, 0, 2}, {0, 0, 0}, {0.5, 1, 0}, {0, 3, 0}});
        INDArray a = model.forward(PATH, Tensor.of(dense)).data();
        INDArray b = model.forward(PATH, io.principia.graph.sparse.SparseMatrix.fromDense(dense)).data();
        assertEquals(0, a.sub(b).norm2Number().doubleValue(), 1e-12);
    }

    @Test
    void rejectsWrongFeatureWidth() {
        GcnConv conv = new GcnConv(3, 2, true, new Rng(1), DataType.DOUBLE);
        var e = assertThrows(IllegalArgumentException.class, () -> conv.forward(PATH, GradCheck.randomInput(1, 5, 4)));
        assertTrue(e.getMessage().contains("x must be [N, 3], got [5, 4]"), e.getMessage());
        var n = assertThrows(IllegalArgumentException.class, () -> conv.forward(PATH, GradCheck.randomInput(1, 6, 3)));
        assertTrue(n.getMessage().contains("6 rows but the graph has 5 nodes") || n.getMessage().contains("N = 5"), n.getMessage());
    }
}
