package io.principia.core.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class GraphStatsTest {

    private static Tensor leaf(DataType dtype, int n) {
        return Tensor.param(Nd4j.linspace(dtype, 1, n, 1));
    }

    @Test
    void leafAloneRetainsItsOwnArray() {
        Tensor x = leaf(DataType.DOUBLE, 10);
        assertEquals(80, GraphStats.retainedBytes(x));
        assertEquals(0, GraphStats.nodeCount(x));
    }

    @Test
    void chainCountsEveryRecordedArrayOnce() {
        Tensor x = leaf(DataType.FLOAT, 10);                // 40 bytes
        Tensor y = x.mul(2.0);                               // 40
        Tensor z = y.add(x).sum();                           // add: 40, sum: 4; x reached twice, counted once
        assertEquals(40 + 40 + 40 + 4, GraphStats.retainedBytes(z));
        assertEquals(3, GraphStats.nodeCount(z));
    }

    @Test
    void chainGrowsLinearlyWithItsLength() {
        Tensor x = leaf(DataType.DOUBLE, 100);
        Tensor y = x;
        for (int i = 0; i < 50; i++) {
            y = y.mul(1.01);
        }
        assertEquals(51 * 800, GraphStats.retainedBytes(y));
        assertEquals(50, GraphStats.nodeCount(y));
    }

    @Test
    void viewCountsAsItsWholeBuffer() {
        Tensor x = leaf(DataType.DOUBLE, 10);
        Tensor v = Tensor.result("view", x.data().reshape(2, 5), g -> x.accumulateGrad(g.reshape(10)), x);
        assertTrue(x.data().reshape(2, 5).isView() || x.data().reshape(2, 5).data() == x.data().data(),
                "ND4J reshape of a contiguous vector should share the buffer");
        assertEquals(80, GraphStats.retainedBytes(v));
    }

    @Test
    void inputsThatNeedNoGradientAreStillRetained() {
        Tensor x = leaf(DataType.DOUBLE, 4);
        Tensor c = Tensor.of(Nd4j.ones(DataType.DOUBLE, 4));  // constant operand, held by the node
        Tensor y = x.mul(c);
        assertEquals(32 * 3, GraphStats.retainedBytes(y));
    }

    @Test
    void freedGraphRetainsOnlyItsRoot() {
        Tensor x = leaf(DataType.DOUBLE, 4);
        Tensor y = x.mul(3.0).sum();
        y.backward();
        assertEquals(8, GraphStats.retainedBytes(y));
    }

    @Test
    void nullRootIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GraphStats.retainedBytes(null));
        assertTrue(e.getMessage().contains("null"));
    }
}
