package io.principia.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.principia.core.util.NativeMemory;

class SegmentSumKernelTest {
    private static final INDArray IDX = Nd4j.createFromArray(2, 0, 2, 3, 2, 0); // segment 1 empty

    /** x[k, j] = 10·k + j, so every output entry names the rows summed into it. */
    private static INDArray rows(DataType t) {
        return Nd4j.createFromArray(new double[][] {{0, 1}, {10, 11}, {20, 21}, {30, 31}, {40, 41}, {50, 51}}).castTo(t);
    }

    private static final double[] EXPECTED = {
        10 + 50, 11 + 51, // segment 0: rows 1, 5
        0, 0, // segment 1: empty
        0 + 20 + 40, 1 + 21 + 41, // segment 2: rows 0, 2, 4
        30, 31}; // segment 3: row 3

    @Test
    void sumsRowsIntoTheirSegmentsInEveryType() {
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.INT, DataType.HALF}) {
            INDArray y = SegmentSumKernel.segmentSum(rows(t), IDX, 4);
            assertEquals(t, y.dataType(), "type kept");
            assertArrayEquals(new long[] {4, 2}, y.shape());
            assertArrayEquals(EXPECTED, y.castTo(DataType.DOUBLE).reshape(8).toDoubleVector(), 0.0, t.toString());
        }
    }

    @Test
    void readsViewsAndHigherRanks() {
        // a transposed view: rows of x.T are the columns of x
        INDArray x = rows(DataType.FLOAT).transpose().dup('c').transpose(); // [6, 2], strides not C order
        assertArrayEquals(EXPECTED, SegmentSumKernel.segmentSum(x, IDX, 4).castTo(DataType.DOUBLE).reshape(8).toDoubleVector(), 0.0);
        INDArray x3 = rows(DataType.DOUBLE).reshape(6, 1, 2); // [6, 1, 2] -> [4, 1, 2]
        INDArray y3 = SegmentSumKernel.segmentSum(x3, IDX, 4);
        assertArrayEquals(new long[] {4, 1, 2}, y3.shape());
        assertArrayEquals(EXPECTED, y3.reshape(8).toDoubleVector(), 0.0);
    }

    @Test
    void noRowsGiveEmptySegments() {
        INDArray y = SegmentSumKernel.segmentSum(Nd4j.create(DataType.FLOAT, 0, 3), Nd4j.create(DataType.INT, 0), 4);
        assertArrayEquals(new long[] {4, 3}, y.shape());
        assertEquals(0.0, y.sumNumber().doubleValue(), 0.0);
        INDArray offset = rows(DataType.DOUBLE).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 6)); // rows 1-5, offset view
        INDArray y2 = SegmentSumKernel.segmentSum(offset, Nd4j.createFromArray(0, 1, 0, 1, 0), 2);
        assertArrayEquals(new double[] {10 + 30 + 50, 11 + 31 + 51, 20 + 40, 21 + 41}, y2.reshape(4).toDoubleVector(), 0.0);
    }

    @Test
    void doesNotHoldNativeMemoryAcrossCalls() {
        // libnd4j M2.1's unsorted_segment_sum kept ~4x its input per call: 60 calls on this 7.8 MB
        // input grew RSS by ~1.9 GB. Outputs here are 29 KB each, so growth stays small.
        int k = 245_000, n = 900;
        int[] idx = new int[k];
        for (int e = 0; e < k; e++) {
            idx[e] = (int) ((e * 2654435761L) % n);
        }
        INDArray index = Nd4j.createFromArray(idx);
        INDArray x = Nd4j.rand(DataType.FLOAT, k, 8);
        SegmentSumKernel.segmentSum(x, index, n); // warm up
        long before = NativeMemory.residentBytes();
        for (int i = 0; i < 60; i++) {
            SegmentSumKernel.segmentSum(x, index, n);
            if (i % 10 == 9) {
                System.gc(); // the heap copies (8.8 MB a call) are garbage; the old leak was not returned by GC
            }
        }
        long grown = NativeMemory.residentBytes() - before;
        assertTrue(grown < (512L << 20), "RSS grew by " + (grown >> 20) + " MiB over 60 segment sums");
    }
}
