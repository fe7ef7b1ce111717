package io.principia.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.principia.core.tensor.Tensor;

import java.util.function.ToDoubleFunction;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Plain-Java oracles over row-major double arrays, for the op tests. */
final class Loops {
    private Loops() {}

    /** The elements of a tensor in row-major order, as doubles. */
    static double[] values(Tensor t) {
        return values(t.data());
    }

    static double[] values(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** Row-major strides of a shape. */
    static long[] strides(long[] shape) {
        long[] s = new long[shape.length];
        long acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    static long length(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    /** The multi-index of flat position {@code flat} in a row-major shape. */
    static long[] unravel(long flat, long[] shape) {
        long[] idx = new long[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            idx[i] = flat % shape[i];
            flat /= shape[i];
        }
        return idx;
    }

    static long ravel(long[] idx, long[] shape) {
        long flat = 0;
        for (int i = 0; i < shape.length; i++) {
            flat = flat * shape[i] + idx[i];
        }
        return flat;
    }

    /**
     * Reduces {@code v} (of {@code shape}) over {@code axes} (non-negative) with {@code f} applied
     * to each slice; the result is in row-major order of the kept shape.
     */
    static double[] reduce(double[] v, long[] shape, int[] axes, ToDoubleFunction<double[]> f) {
        long[] kept = shape.clone();
        for (int a : axes) {
            kept[a] = 1;
        }
        int outN = (int) length(kept);
        int per = v.length / outN;
        double[][] groups = new double[outN][per];
        int[] fill = new int[outN];
        for (int i = 0; i < v.length; i++) {
            long[] idx = unravel(i, shape);
            for (int a : axes) {
                idx[a] = 0;
            }
            int o = (int) ravel(idx, kept);
            groups[o][fill[o]++] = v[i];
        }
        double[] out = new double[outN];
        for (int o = 0; o < outN; o++) {
            out[o] = f.applyAsDouble(groups[o]);
        }
        return out;
    }

    static void assertValues(double[] expected, Tensor actual, double tol) {
        double[] got = values(actual);
        assertEquals(expected.length, got.length, "element count");
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], tol, "element " + i);
        }
    }

    static void assertShape(long[] expected, Tensor t) {
        assertArrayEquals(expected, t.shape());
    }
}
