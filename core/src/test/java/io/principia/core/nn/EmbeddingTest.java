package io.principia.core.nn;

import static io.principia.core.testing.TestArrays.assertClose;
import static io.principia.core.testing.TestArrays.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.LayerCheck;
import io.principia.core.util.Rng;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class EmbeddingTest {
    private static final Tensor IDX = Tensor.of(Nd4j.createFromArray(new long[][] {{2, 0, 2}, {5, 1, 2}}));

    @Test
    void forwardGathersRows() {
        Embedding emb = new Embedding(6, 4, new Rng(1), DataType.DOUBLE);
        Tensor y = emb.forward(IDX);
        double[] w = values(emb.weight.data()), expected = new double[6 * 4];
        long[] flat = {2, 0, 2, 5, 1, 2};
        for (int i = 0; i < flat.length; i++) {
            System.arraycopy(w, (int) flat[i] * 4, expected, i * 4, 4);
        }
        assertClose(expected, new long[] {2, 3, 4}, y.data(), 0);
    }

    @Test
    void layoutAndStandardNormalInit() {
        Embedding emb = new Embedding(200, 100, new Rng(2), DataType.DOUBLE);
        assertEquals(List.of("weight"), List.copyOf(emb.namedParameters().keySet()));
        assertArrayEquals(new long[] {200, 100}, emb.weight.shape());
        assertEquals(0.0, emb.weight.data().meanNumber().doubleValue(), 0.02);
        assertEquals(1.0, emb.weight.data().stdNumber().doubleValue(), 0.02);
    }

    @Test
    void gradients() {
        Embedding emb = new Embedding(6, 3, new Rng(3), DataType.DOUBLE);
        LayerCheck.checkParameters(emb, () -> emb.forward(IDX));
    }
}
