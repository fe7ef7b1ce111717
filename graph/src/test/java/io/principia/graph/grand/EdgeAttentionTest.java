package io.principia.graph.grand;

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
import io.principia.graph.Normalization;

/** Spec §6 T6: GRAND's scaled dot-product edge attention. */
class EdgeAttentionTest {
    /** The path 0-1-2-3 with a self-loop on every node (spec §6), 10 edges. */
    static final Graph PATH = GraphOps.addSelfLoops(GraphOps.symmetrize(new Graph(4, new int[] {0, 1, 2}, new int[] {1, 2, 3})));
    /** A 6-node graph with a triangle, a hub and loops: uneven group sizes. */
    static final Graph G6 = GraphOps.addSelfLoops(GraphOps.symmetrize(
            new Graph(6, new int[] {0, 1, 2, 3, 3, 3, 4}, new int[] {1, 2, 0, 0, 4, 5, 5})));

    @Test
    void zeroQueryAndKeyGiveTheUniformRowOrColumnNormalizedAdjacency() {
        Tensor x = GradCheck.randomInput(1, 4, 3);
        for (EdgeAttention.Normalize norm : EdgeAttention.Normalize.values()) {
            EdgeAttention att = new EdgeAttention(3, 4, 2, norm, new Rng(2), DataType.DOUBLE);
            att.fill(0.0, 0.0);
            double[] w = att.weights(PATH, x).data().toDoubleVector();
            double[] expected = norm == EdgeAttention.Normalize.BY_TARGET ? Normalization.randomWalk(PATH, null)
                    : Normalization.columnStochastic(PATH, null);
            double[][] dense = Normalization.dense(PATH, w);
            double[][] want = Normalization.dense(PATH, expected);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals(want[i][j], dense[i][j], 1e-12, norm + " A[" + i + "][" + j + "]");
                }
            }
        }
        // spec T6/T1: by target gives A_row = D^-1 (W + I), e.g. row 1 = [1/3, 1/3, 1/3, 0]
        EdgeAttention att = new EdgeAttention(3, 4, 2, EdgeAttention.Normalize.BY_TARGET, new Rng(2), DataType.DOUBLE);
        att.fill(0.0, 0.0);
        double[][] a = Normalization.dense(PATH, att.weights(PATH, x).data().toDoubleVector());
        assertEquals(1.0 / 3, a[1][0], 1e-12);
        assertEquals(0.5, a[0][1], 1e-12);
        assertEquals(0.0, a[1][3], 0.0);
    }

    @Test
    void everyHeadSumsToOneOverEachGroup() {
        Tensor x = GradCheck.randomInput(3, 6, 5);
        for (EdgeAttention.Normalize norm : EdgeAttention.Normalize.values()) {
            EdgeAttention att = new EdgeAttention(5, 6, 3, norm, new Rng(4), DataType.DOUBLE);
            randomize(att, 5);
            INDArray a = att.perHead(G6, x).data(); // [E, 3]
            double[][] sums = new double[6][3];
            for (int e = 0; e < G6.numEdges(); e++) {
                int group = norm == EdgeAttention.Normalize.BY_TARGET ? G6.target(e) : G6.source(e);
                for (int h = 0; h < 3; h++) {
                    assertTrue(a.getDouble(e, h) > 0);
                    sums[group][h] += a.getDouble(e, h);
                }
            }
            for (double[] s : sums) {
                for (double v : s) {
                    assertEquals(1.0, v, 1e-12, norm + " group sum");
                }
            }
            double[] mean = att.weights(G6, x).data().toDoubleVector();
            for (int e = 0; e < mean.length; e++) {
                assertEquals((a.getDouble(e, 0) + a.getDouble(e, 1) + a.getDouble(e, 2)) / 3, mean[e], 1e-12);
            }
        }
    }

    @Test
    void scoresAreDotProductsOverSqrtOfTheHeadSizeSoftmaxedPerTarget() {
        Tensor x = GradCheck.randomInput(6, 6, 5);
        EdgeAttention att = new EdgeAttention(5, 4, 1, EdgeAttention.Normalize.BY_TARGET, new Rng(7), DataType.DOUBLE);
        randomize(att, 8);
        INDArray q = x.data().mmul(att.query.weight.data().transpose()).addRowVector(att.query.bias.data()); // [N, 4]
        INDArray k = x.data().mmul(att.key.weight.data().transpose()).addRowVector(att.key.bias.data());
        double[] w = att.weights(G6, x).data().toDoubleVector();
        for (int i = 0; i < 6; i++) {
            double z = 0;
            double[] s = new double[G6.numEdges()];
            for (int e = 0; e < G6.numEdges(); e++) {
                if (G6.target(e) == i) {
                    s[e] = Math.exp(q.getRow(i).mul(k.getRow(G6.source(e))).sumNumber().doubleValue() / Math.sqrt(4));
                    z += s[e];
                }
            }
            for (int e = 0; e < G6.numEdges(); e++) {
                if (G6.target(e) == i) {
                    assertEquals(s[e] / z, w[e], 1e-12, "edge " + e);
                }
            }
        }
    }

    @Test
    void identicalHeadsEqualOneHead() {
        Tensor x = GradCheck.randomInput(9, 6, 5);
        EdgeAttention one = new EdgeAttention(5, 3, 1, EdgeAttention.Normalize.BY_SOURCE, new Rng(1), DataType.DOUBLE);
        randomize(one, 10);
        EdgeAttention four = new EdgeAttention(5, 12, 4, EdgeAttention.Normalize.BY_SOURCE, new Rng(1), DataType.DOUBLE);
        for (var pair : List.of(new io.principia.core.nn.Linear[] {one.query, four.query}, new io.principia.core.nn.Linear[] {one.key, four.key})) {
            pair[1].weight.data().assign(Nd4j.concat(0, pair[0].weight.data(), pair[0].weight.data(), pair[0].weight.data(), pair[0].weight.data()));
            pair[1].bias.data().assign(Nd4j.concat(0, pair[0].bias.data(), pair[0].bias.data(), pair[0].bias.data(), pair[0].bias.data()));
        }
        assertEquals(0, one.weights(G6, x).data().sub(four.weights(G6, x).data()).norm2Number().doubleValue(), 1e-12);
    }

    @Test
    void initialWeightsAreTheReferenceConstant() {
        EdgeAttention att = new EdgeAttention(5, 8, 2, EdgeAttention.Normalize.BY_SOURCE, new Rng(3), DataType.DOUBLE);
        assertEquals(1e-5, att.query.weight.data().minNumber().doubleValue(), 0);
        assertEquals(1e-5, att.key.weight.data().maxNumber().doubleValue(), 0);
        assertTrue(att.query.bias.data().norm2Number().doubleValue() > 0); // biases keep the default init
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (EdgeAttention.Normalize norm : EdgeAttention.Normalize.values()) {
            EdgeAttention att = new EdgeAttention(4, 6, 2, norm, new Rng(12), DataType.DOUBLE);
            randomize(att, 13);
            Tensor x = GradCheck.randomInput(14, 6, 4);
            GradCheck.check(in -> att.weights(G6, in[0]), x);
            GradCheck.checkLoss(() -> att.perHead(G6, x).mul(GradCheck.randomInput(15, G6.numEdges(), 2)).sum(),
                    List.of(att.query.weight, att.query.bias, att.key.weight, att.key.bias));
        }
    }

    @Test
    void badInputsAreRejectedWithTheirValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EdgeAttention(4, 6, 4, EdgeAttention.Normalize.BY_SOURCE, new Rng(1), DataType.DOUBLE));
        assertTrue(e.getMessage().contains("attentionDim=6, heads=4"), e.getMessage());
        EdgeAttention att = new EdgeAttention(4, 4, 2, EdgeAttention.Normalize.BY_SOURCE, new Rng(1), DataType.DOUBLE);
        e = assertThrows(IllegalArgumentException.class, () -> att.weights(G6, GradCheck.randomInput(1, 5, 4)));
        assertTrue(e.getMessage().contains("[6, 4]") && e.getMessage().contains("[5, 4]"), e.getMessage());
    }

    /** Q, K weights and biases N(0, 0.5²): away from the near-uniform init. */
    static void randomize(EdgeAttention att, long seed) {
        for (io.principia.core.nn.Linear l : new io.principia.core.nn.Linear[] {att.query, att.key}) {
            l.weight.data().assign(GradCheck.randomInput(seed++, l.weight.shape()).data().mul(0.5));
            l.bias.data().assign(GradCheck.randomInput(seed++, l.bias.shape()).data().mul(0.5));
        }
    }
}
