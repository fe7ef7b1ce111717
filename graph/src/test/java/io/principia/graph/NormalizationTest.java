package io.principia.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The 4-node path 0-1-2-3 with self-loops of spec section 6 (degrees 2, 3, 3, 2). */
class NormalizationTest {
    static final Graph PATH = GraphOps.addSelfLoops(GraphOps.symmetrize(new Graph(4, new int[] {0, 1, 2}, new int[] {1, 2, 3})));
    static final double T = 1.0 / 3;

    @Test
    void columnStochasticIsGrandsRwAdjacency() {
        double[][] a = Normalization.dense(PATH, Normalization.columnStochastic(PATH, null));
        double[][] spec = {{.5, T, 0, 0}, {.5, T, T, 0}, {0, T, T, .5}, {0, 0, T, .5}}; // spec 6, A_col
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(spec[i], a[i], 1e-12);
        }
    }

    @Test
    void randomWalkRowsSumToOne() {
        double[][] a = Normalization.dense(PATH, Normalization.randomWalk(PATH, null));
        assertArrayEquals(new double[] {.5, .5, 0, 0}, a[0], 1e-12);
        assertArrayEquals(new double[] {T, T, T, 0}, a[1], 1e-12);
    }

    @Test
    void symmetricIsDHalfADHalf() {
        double[][] a = Normalization.dense(PATH, Normalization.symmetric(PATH, null));
        assertEquals(0.5, a[0][0], 1e-12);
        assertEquals(1 / Math.sqrt(6), a[0][1], 1e-12);
        assertEquals(1 / Math.sqrt(6), a[1][0], 1e-12);
        assertEquals(T, a[1][2], 1e-12);
        assertEquals(0.0, a[0][2], 0.0);
    }

    @Test
    void weightedSelfLoopsAndZeroDegreeNodes() {
        // GRAND's self_loop_weight: loops of weight 2 change the degrees to 3, 4, 4, 3
        double[] w = new double[PATH.numEdges()];
        for (int e = 0; e < w.length; e++) {
            w[e] = PATH.source(e) == PATH.target(e) ? 2 : 1;
        }
        double[][] a = Normalization.dense(PATH, Normalization.columnStochastic(PATH, w));
        assertArrayEquals(new double[] {2.0 / 3, .25, 0, 0}, a[0], 1e-12);
        Graph lonely = new Graph(3, new int[] {0}, new int[] {1}); // node 2 has no edges, node 0 no in-edges
        // D uses in-degrees at both ends (PyG's gcn_norm): deg(0) = 0 gives the edge weight 0, not infinity
        assertArrayEquals(new double[] {0.0}, Normalization.symmetric(lonely, null), 0.0);
        assertArrayEquals(new double[] {1.0}, Normalization.randomWalk(lonely, null), 0.0);
        assertArrayEquals(new double[] {1.0}, Normalization.columnStochastic(lonely, null), 0.0);
    }
}
