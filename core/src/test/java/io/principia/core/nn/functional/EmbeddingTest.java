package io.principia.core.nn.functional;

import static io.principia.core.testing.GradCheck.randomInput;
import static io.principia.core.testing.TestArrays.assertClose;
import static io.principia.core.testing.TestArrays.values;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class EmbeddingTest {
    private static final long[] IDX = {3, 0, 3, 1, 4, 3};

    @Test
    void lookupCopiesRows() {
        Tensor w = randomInput(1, 5, 4);
        INDArray idx = Nd4j.createFromArray(IDX).reshape(2, 3);
        Tensor y = Embedding.embedding(w, idx);
        double[] wv = values(w.data()), expected = new double[IDX.length * 4];
        for (int i = 0; i < IDX.length; i++) {
            System.arraycopy(wv, (int) IDX[i] * 4, expected, i * 4, 4);
        }
        assertClose(expected, new long[] {2, 3, 4}, y.data(), 0);
    }

    @Test
    void repeatedIndicesAccumulateGradients() {
        Tensor w = randomInput(2, 5, 4);
        INDArray idx = Nd4j.createFromArray(IDX).reshape(2, 3);
        Embedding.embedding(w, idx).sum().backward();
        double[] counts = {1, 1, 0, 3, 1}; // row 3 appears three times, row 2 never
        double[] expected = new double[20];
        for (int r = 0; r < 5; r++) {
            java.util.Arrays.fill(expected, r * 4, r * 4 + 4, counts[r]);
        }
        assertClose(expected, new long[] {5, 4}, w.grad(), 0);
        GradCheck.check(t -> Embedding.embedding(t[0], Nd4j.createFromArray(new int[] {3, 0, 3, 1, 4, 3})), randomInput(3, 5, 4));
    }

    @Test
    void badIndicesAreNamed() {
        Tensor w = randomInput(4, 5, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Embedding.embedding(w, Nd4j.createFromArray(new long[] {1, 5})));
        assertTrue(e.getMessage().contains("embedding") && e.getMessage().contains("5") && e.getMessage().contains("[5, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Embedding.embedding(w, Nd4j.createFromArray(new long[] {-1})));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Embedding.embedding(w, Nd4j.createFromArray(1.0, 2.0)));
        assertTrue(e.getMessage().contains("integer"), e.getMessage());
    }
}
