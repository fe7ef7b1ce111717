package io.principia.graph.sparse;

import java.nio.ByteOrder;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Row-major double copies of arrays and back, for the plain-Java kernels of this package. */
final class Flat {
    private Flat() {}

    /** The elements of {@code a} in C order, as doubles (a copy). */
    static double[] of(INDArray a) {
        INDArray c = a.dataType() == DataType.DOUBLE ? a : a.castTo(DataType.DOUBLE);
        if (c.isView() || c.ordering() != 'c' || c.offset() != 0 || c.data().length() != c.length()) {
            c = c.dup('c');
        }
        double[] out = new double[(int) c.length()];
        c.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer().get(out); // one bulk copy, not one call per element
        return out;
    }

    /** An array of {@code shape} and {@code dtype} holding {@code v} in C order. */
    static INDArray array(double[] v, long[] shape, DataType dtype) {
        INDArray d = Nd4j.create(DataType.DOUBLE, shape, 'c');
        if (d.length() != v.length) {
            throw new IllegalArgumentException("Flat.array: " + v.length + " values for shape " + java.util.Arrays.toString(shape));
        }
        d.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer().put(v); // bulk copy into the native buffer
        return dtype == DataType.DOUBLE ? d : d.castTo(dtype);
    }

    /** Elements per leading index: the product of shape[1..]. */
    static int rowSize(long[] shape) {
        long r = 1;
        for (int d = 1; d < shape.length; d++) {
            r *= shape[d];
        }
        return (int) r;
    }
}
