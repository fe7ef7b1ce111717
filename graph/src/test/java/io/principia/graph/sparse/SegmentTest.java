package io.principia.graph.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;

class SegmentTest {
    /** 6 rows into 4 segments; segment 2 is empty. */
    static final int[] INDEX = {1, 0, 1, 3, 1, 0};

    @Test
    void sumMeanAndMaxAgainstHandComputedValues() {
        Tensor x = Tensor.of(Nd4j.createFromArray(new double[][] {{1, -1}, {2, 5}, {3, 0}, {4, 4}, {-6, 2}, {0, 7}}));
        assertArrayEquals(new double[] {2, 12, -2, 1, 0, 0, 4, 4}, Segment.sum(x, INDEX, 4).data().reshape(8).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {1, 6, -2.0 / 3, 1.0 / 3, 0, 0, 4, 4},
                Segment.mean(x, INDEX, 4).data().reshape(8).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {2, 7, 3, 2, 0, 0, 4, 4}, Segment.max(x, INDEX, 4).data().reshape(8).toDoubleVector(), 1e-12);
    }

    @Test
    void softmaxAgainstADenseComputationPerSegment() {
        Tensor x = GradCheck.randomInput(3, 6, 2);
        INDArray y = Segment.softmax(x, INDEX, 4).data();
        for (int s = 0; s < 4; s++) {
            for (int c = 0; c < 2; c++) {
                double z = 0;
                for (int e = 0; e < INDEX.length; e++) {
                    z += INDEX[e] == s ? Math.exp(x.data().getDouble(e, c)) : 0;
                }
                for (int e = 0; e < INDEX.length; e++) {
                    if (INDEX[e] == s) {
                        assertEquals(Math.exp(x.data().getDouble(e, c)) / z, y.getDouble(e, c), 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void softmaxIsStableForLargeScores() {
        Tensor x = Tensor.of(Nd4j.createFromArray(new double[][] {{1000}, {1001}, {-1000}}));
        INDArray y = Segment.softmax(x, new int[] {0, 0, 1}, 2).data();
        assertEquals(1 / (1 + Math.E), y.getDouble(0, 0), 1e-12);
        assertEquals(1.0, y.getDouble(2, 0), 0.0);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor x = GradCheck.randomInput(4, 6, 2, 3);
        GradCheck.check(in -> Segment.sum(in[0], INDEX, 4), x);
        GradCheck.check(in -> Segment.mean(in[0], INDEX, 4), x);
        GradCheck.check(in -> Segment.max(in[0], INDEX, 4), x); // random inputs: no ties
        GradCheck.check(in -> Segment.softmax(in[0], INDEX, 4), x);
    }

    @Test
    void badIndicesAreNamed() {
        Tensor x = GradCheck.randomInput(4, 6, 2);
        var out = assertThrows(IllegalArgumentException.class, () -> Segment.sum(x, new int[] {0, 1, 2, 3, 4, 5}, 5));
        assertTrue(out.getMessage().contains("index 5 at position 5 is outside [0, 5)"), out.getMessage());
        var len = assertThrows(IllegalArgumentException.class, () -> Segment.softmax(x, new int[] {0, 1}, 2));
        assertTrue(len.getMessage().contains("2 entries for src [6, 2]"), len.getMessage());
    }
}
