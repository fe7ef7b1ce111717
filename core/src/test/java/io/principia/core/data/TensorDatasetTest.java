package io.principia.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TensorDatasetTest {

    /** features[i, a, b] = 100 i + 10 a + b, labels[i] = i % 3. */
    static TensorDataset numbered(int n) {
        float[] x = new float[n * 2 * 3];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 3; b++) {
                    x[(i * 2 + a) * 3 + b] = 100 * i + 10 * a + b;
                }
            }
            y[i] = i % 3;
        }
        return new TensorDataset(Nd4j.create(x, new long[] {n, 2, 3}, 'c'), Nd4j.createFromArray(y));
    }

    @Test
    void batchGathersRowsInOrderWithShapesAndDtypes() {
        TensorDataset ds = numbered(7);
        int[] idx = {5, 0, 3, 3};
        Batch b = ds.batch(idx);
        assertEquals(4, b.size());
        assertArrayEquals(new long[] {4, 2, 3}, b.x().shape());
        assertArrayEquals(new long[] {4}, b.y().shape());
        assertEquals(DataType.FLOAT, b.x().dtype());
        assertEquals(DataType.INT64, b.y().dtype());
        assertTrue(!b.x().requiresGrad() && !b.y().requiresGrad());
        for (int r = 0; r < idx.length; r++) {
            for (int a = 0; a < 2; a++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(100 * idx[r] + 10 * a + c, b.x().data().getDouble(r, a, c), 0.0);
                }
            }
            assertEquals(idx[r] % 3, b.y().data().getLong(r));
        }
    }

    @Test
    void multiDimensionalLabelsAndDoubleFeatures() {
        INDArray x = Nd4j.arange(12).castTo(DataType.DOUBLE).reshape(6, 2); // [6, 2]
        INDArray y = Nd4j.arange(18).castTo(DataType.INT32).reshape(6, 3); // [6, 3]
        Batch b = new TensorDataset(x, y).batch(new int[] {4, 1});
        assertEquals(DataType.DOUBLE, b.x().dtype());
        assertEquals(DataType.INT32, b.y().dtype());
        assertArrayEquals(new double[] {8, 9, 2, 3}, b.x().data().dup().data().asDouble(), 0.0);
        assertArrayEquals(new int[] {12, 13, 14, 3, 4, 5}, b.y().data().dup().data().asInt());
    }

    @Test
    void getIsABatchOfOne() {
        Batch b = numbered(4).get(2);
        assertEquals(1, b.size());
        assertArrayEquals(new long[] {1, 2, 3}, b.x().shape());
        assertEquals(212, b.x().data().getDouble(0, 1, 2), 0.0);
        assertEquals(2, b.y().data().getLong(0));
    }

    @Test
    void nonContiguousInputsAreCopied() {
        INDArray base = Nd4j.arange(20).castTo(DataType.FLOAT).reshape(4, 5); // [4, 5]
        INDArray cols = base.transpose(); // [5, 4], a view in f order
        TensorDataset ds = new TensorDataset(cols, Nd4j.createFromArray(0L, 1L, 2L, 3L, 4L));
        Batch b = ds.batch(new int[] {2});
        assertArrayEquals(new double[] {2, 7, 12, 17}, b.x().data().dup().data().asDouble(), 0.0);
    }

    @Test
    void errorsNameTheCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TensorDataset(Nd4j.zeros(5, 3), Nd4j.zeros(4)));
        assertTrue(e.getMessage().contains("5") && e.getMessage().contains("4"), e.getMessage());
        assertTrue(e.getMessage().contains("features") && e.getMessage().contains("labels"), e.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> new TensorDataset(Nd4j.zeros(DataType.FLOAT, 0, 3), Nd4j.zeros(DataType.FLOAT, 0)));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        IndexOutOfBoundsException oob = assertThrows(IndexOutOfBoundsException.class,
                () -> numbered(3).batch(new int[] {0, 3}));
        assertTrue(oob.getMessage().contains("3"), oob.getMessage());
    }

    @Test
    void stratifiedSplitKeepsClassProportionsAndIsSeeded() {
        // 30 examples: class 0 x15, class 1 x10, class 2 x5
        long[] y = new long[30];
        for (int i = 0; i < 30; i++) {
            y[i] = i < 15 ? 0 : i < 25 ? 1 : 2;
        }
        INDArray x = Nd4j.arange(30).castTo(DataType.FLOAT).reshape(30, 1); // feature = original index
        TensorDataset ds = new TensorDataset(x, Nd4j.createFromArray(y));
        Partition p = ds.stratifiedSplit(12, 7);
        assertEquals(12, p.train().size());
        assertEquals(18, p.test().size());
        assertArrayEquals(new int[] {6, 4, 2}, classCounts(p.train(), 3));
        assertArrayEquals(new int[] {9, 6, 3}, classCounts(p.test(), 3));
        Set<Integer> seen = new HashSet<>();
        for (TensorDataset part : new TensorDataset[] {p.train(), p.test()}) {
            for (float f : part.features().dup().data().asFloat()) {
                assertTrue(seen.add((int) f), "index " + f + " in both parts");
            }
        }
        assertEquals(30, seen.size());
        Partition again = ds.stratifiedSplit(12, 7);
        assertEquals(p.train().features(), again.train().features());
        Partition other = ds.stratifiedSplit(12, 8);
        assertTrue(!p.train().features().equals(other.train().features()));
        assertThrows(IllegalArgumentException.class, () -> ds.stratifiedSplit(30, 1));
    }

    static int[] classCounts(TensorDataset ds, int classes) {
        int[] c = new int[classes];
        for (int label : ds.labels().toIntVector()) {
            c[label]++;
        }
        return c;
    }
}
