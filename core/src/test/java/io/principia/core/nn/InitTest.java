package io.principia.core.nn;

import static io.principia.core.testing.TestArrays.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.util.Rng;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InitTest {
    private static final DataType D = DataType.DOUBLE;

    /** Max |v| is within the bound and reaches most of it (so the bound is not too small either). */
    private static void assertUniformBound(INDArray a, double bound) {
        double max = a.amaxNumber().doubleValue();
        assertTrue(max <= bound && max > 0.9 * bound, "max |v| " + max + " vs bound " + bound);
    }

    private static double std(INDArray a) {
        return a.stdNumber().doubleValue();
    }

    @Test
    void fansFollowPyTorch() {
        assertArrayEquals(new long[] {4, 3}, Init.fans(3, 4)); // Linear [out, in]
        assertArrayEquals(new long[] {2 * 9, 5 * 9}, Init.fans(5, 2, 3, 3)); // Conv2d [O, C, kH, kW]
        assertThrows(IllegalArgumentException.class, () -> Init.fans(7));
        assertEquals(Math.sqrt(2), Init.gain("relu"), 1e-15);
        assertEquals(5.0 / 3, Init.gain("tanh"), 1e-15);
        assertEquals(Math.sqrt(1.0 / 3), Init.leakyReluGain(Math.sqrt(5)), 1e-15);
    }

    @Test
    void uniformFamiliesRespectTheirBounds() {
        assertUniformBound(Init.xavierUniform(new Rng(1), D, 1.0, 200, 300), Math.sqrt(6.0 / 500));
        assertUniformBound(Init.kaimingUniform(new Rng(2), D, 200, 300), Math.sqrt(2) * Math.sqrt(3.0 / 300));
        assertUniformBound(Init.kaimingUniform(new Rng(3), D, 1.0, Init.Fan.OUT, 200, 300), Math.sqrt(3.0 / 200));
        assertUniformBound(Init.defaultUniform(new Rng(4), D, 300, 200, 300), 1 / Math.sqrt(300));
        assertUniformBound(Init.uniform(new Rng(5), D, -2, 2, 1000), 2);
    }

    @Test
    void normalFamiliesHaveTheirStd() {
        assertEquals(Math.sqrt(2.0 / 500), std(Init.xavierNormal(new Rng(6), D, 1.0, 200, 300)), 0.03 * Math.sqrt(2.0 / 500));
        assertEquals(Math.sqrt(2.0 / 300), std(Init.kaimingNormal(new Rng(7), D, 200, 300)), 0.03 * Math.sqrt(2.0 / 300));
        INDArray n = Init.normal(new Rng(8), D, 1.5, 0.5, 100, 100);
        assertEquals(1.5, n.meanNumber().doubleValue(), 0.02);
        assertEquals(0.5, std(n), 0.02);
    }

    @Test
    void sameSeedSameValues() {
        assertEquals(Init.xavierUniform(new Rng(9), D, 1.0, 4, 5), Init.xavierUniform(new Rng(9), D, 1.0, 4, 5));
        assertTrue(!Init.xavierUniform(new Rng(9), D, 1.0, 4, 5).equals(Init.xavierUniform(new Rng(10), D, 1.0, 4, 5)));
        assertEquals(DataType.FLOAT, Init.kaimingNormal(new Rng(1), DataType.FLOAT, 3, 3).dataType());
    }

    @Test
    void orthogonalGivesOrthonormalColumnsOrRows() {
        INDArray tall = Init.orthogonal(new Rng(11), D, 1.0, 7, 4); // WᵀW = I₄
        assertTrue(tall.transpose().mmul(tall).sub(Nd4j.eye(4).castTo(D)).amaxNumber().doubleValue() < 1e-12);
        INDArray wide = Init.orthogonal(new Rng(12), D, 1.0, 3, 8); // WWᵀ = I₃
        assertTrue(wide.mmul(wide.transpose()).sub(Nd4j.eye(3).castTo(D)).amaxNumber().doubleValue() < 1e-12);
        INDArray square = Init.orthogonal(new Rng(13), D, 2.0, 5, 5); // WᵀW = gain² I
        assertTrue(square.transpose().mmul(square).sub(Nd4j.eye(5).castTo(D).mul(4)).amaxNumber().doubleValue() < 1e-12);
        INDArray conv = Init.orthogonal(new Rng(14), D, 1.0, 4, 2, 3, 3); // viewed as [4, 18]
        assertArrayEquals(new long[] {4, 2, 3, 3}, conv.shape());
        INDArray m = conv.reshape(4, 18);
        assertTrue(m.mmul(m.transpose()).sub(Nd4j.eye(4).castTo(D)).amaxNumber().doubleValue() < 1e-12);
    }

    @Test
    void constants() {
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0}, values(Init.eye(D, 2, 3)));
        assertArrayEquals(new double[] {0, 0}, values(Init.zeros(D, 2)));
        assertArrayEquals(new double[] {1, 1}, values(Init.ones(D, 2)));
        assertArrayEquals(new double[] {0.5, 0.5}, values(Init.constant(D, 0.5, 2)));
    }
}
