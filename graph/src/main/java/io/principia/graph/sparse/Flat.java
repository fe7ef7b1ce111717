package io.principia.graph.sparse;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Row-major double copies of arrays and back, for the plain-Java kernels of this package. */
final class Flat {
    private Flat() {}

    /** The elements of {@code a} in C order, as doubles (a copy). */
    static double[] of(INDArray a) {
        INDArray c = a.dataType() == DataType.DOUBLE ? a.dup('c') : a.castTo(DataType.DOUBLE).dup('c');
        return c.data().asDouble();
    }

    /** An array of {@code shape} and {@code dtype} holding {@code v} in C order. */
    static INDArray array(double[] v, long[] shape, DataType dtype) {
        INDArray d = Nd4j.create(v, shape, 'c');
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
