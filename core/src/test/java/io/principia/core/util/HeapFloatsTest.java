package io.principia.core.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class HeapFloatsTest {

    @Test
    void readsViewsAndOtherTypesInCOrderAndWritesBack() {
        INDArray m = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, HeapFloats.of(m.transpose()), 0f); // a view, float64
        INDArray a = HeapFloats.array(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        assertEquals(DataType.FLOAT, a.dataType());
        assertEquals(5f, a.getFloat(2, 0), 0f);
        HeapFloats.buffer(a).put(1, 9f);
        assertEquals(9f, a.getFloat(0, 1), 0f);
    }

    @Test
    void readsAPermutedRank3ArrayInItsLogicalOrder() {
        INDArray x = Nd4j.arange(24).castTo(DataType.FLOAT).reshape('c', 2, 3, 4);
        INDArray p = x.permute(1, 0, 2); // [3, 2, 4], not packed whatever its ordering flag says
        float[] v = HeapFloats.of(p);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                for (int k = 0; k < 4; k++) {
                    assertEquals(x.getFloat(j, i, k), v[(i * 2 + j) * 4 + k], 0f);
                }
            }
        }
    }

    @Test
    void rejectsAValueCountThatDoesNotFillTheShape() {
        var e = assertThrows(IllegalArgumentException.class, () -> HeapFloats.array(new float[5], 2, 3));
        assertEquals("HeapFloats.array: 5 values for shape [2, 3]", e.getMessage());
    }
}
