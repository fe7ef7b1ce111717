package io.principia.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Moving test values between INDArrays and plain double[] oracles. */
public final class TestArrays {
    private TestArrays() {}

    /** The elements of {@code a} in row-major order, as doubles. */
    public static double[] values(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** Asserts {@code actual} has {@code shape} and row-major values within {@code tol} of {@code expected}. */
    public static void assertClose(double[] expected, long[] shape, INDArray actual, double tol) {
        assertArrayEquals(shape, actual.shape(), "shape");
        double[] v = values(actual);
        for (int i = 0; i < v.length; i++) {
            if (!(Math.abs(expected[i] - v[i]) <= tol)) {
                throw new AssertionError("element " + i + " of shape " + Arrays.toString(shape) + ": expected " + expected[i]
                        + " but got " + v[i]);
            }
        }
    }

    /** A float64 array from row-major values. */
    public static INDArray array(double[] v, long... shape) {
        return Nd4j.create(v, shape, 'c');
    }
}
