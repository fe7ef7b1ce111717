package io.principia.graph.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;
import io.principia.graph.Graph;

class MessagePassingTest {
    /** x'_i = ⊕_{j -> i} x_j, the plain neighbourhood aggregation. */
    static final class Aggregate extends MessagePassing {
        Aggregate(Aggregation a) {
            super(a);
        }

        Tensor forward(Graph g, Tensor x) {
            return propagate(g, x, null);
        }
    }

    /** x'_i = x_i + Σ_{j -> i} relu(x_j − x_i): a custom message and update (no fast path). */
    static final class Difference extends MessagePassing {
        Difference() {
            super(Aggregation.SUM);
        }

        Tensor forward(Graph g, Tensor x) {
            return propagate(g, x, null);
        }

        @Override
        protected Tensor message(Tensor xj, Tensor xi, Tensor w) {
            return xj.sub(xi).relu();
        }

        @Override
        protected Tensor update(Tensor aggregated, Tensor x) {
            return aggregated.add(x);
        }

        @Override
        protected boolean weightedSourceMessage() {
            return false;
        }
    }

    static final Graph G = new Graph(4, new int[] {1, 2, 3, 0}, new int[] {0, 0, 0, 1});
    static final Tensor X = Tensor.of(Nd4j.createFromArray(new double[][] {{1, 0}, {2, -1}, {4, 3}, {-3, 5}}));

    @Test
    void aggregationsAgainstHandComputedValues() {
        assertArrayEquals(new double[] {3, 7, 1, 0, 0, 0, 0, 0},
                new Aggregate(Aggregation.SUM).forward(G, X).data().reshape(8).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {1, 7.0 / 3, 1, 0, 0, 0, 0, 0},
                new Aggregate(Aggregation.MEAN).forward(G, X).data().reshape(8).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {4, 5, 1, 0, 0, 0, 0, 0},
                new Aggregate(Aggregation.MAX).forward(G, X).data().reshape(8).toDoubleVector(), 1e-12);
    }

    @Test
    void sumAggregationFastAndGeneralPathsAgree() {
        Tensor x = GradCheck.randomInput(1, 4, 3);
        Aggregate layer = new Aggregate(Aggregation.SUM);
        var fast = layer.forward(G, x).data();
        layer.sparseFastPath(false);
        assertEquals(0, fast.sub(layer.forward(G, x).data()).norm2Number().doubleValue(), 1e-12);
    }

    @Test
    void customMessageAndUpdate() {
        // node 0: x0 + relu(x1−x0) + relu(x2−x0) + relu(x3−x0) = (1,0) + (1,0) + (3,3) + (0,5) = (5, 8)
        // node 1: x1 + relu(x0−x1) = (2,−1) + (0,1) = (2, 0)
        assertArrayEquals(new double[] {5, 8, 2, 0, 4, 3, -3, 5}, new Difference().forward(G, X).data().reshape(8).toDoubleVector(), 1e-12);
        GradCheck.check(in -> new Difference().forward(G, in[0]), GradCheck.randomInput(2, 4, 3));
    }
}
