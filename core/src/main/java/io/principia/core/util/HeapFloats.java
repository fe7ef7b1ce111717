package io.principia.core.util;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Float32 arrays between ND4J's native buffers and Java {@code float[]}, one bulk transfer each
 * way, for kernels written as plain Java loops (ND4J's element-wise {@code asFloat()} and
 * {@code Nd4j.create(float[])} go through a call per element).
 */
public final class HeapFloats {
    private HeapFloats() {}

    /** The array itself when it is C-ordered float32 over its whole buffer, else a copy that is. */
    public static INDArray contiguous(INDArray a) {
        INDArray f = a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
        if (f.ordering() != 'c' || f.isView() || f.offset() != 0 || f.data().length() != f.length() || !cStrides(f)) {
            f = f.dup('c');
        }
        return f;
    }

    /** Whether the strides are those of a packed C-order array (ND4J labels some permuted arrays 'c'). */
    private static boolean cStrides(INDArray a) {
        long[] shape = a.shape(), stride = a.stride();
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /** A float view of a {@link #contiguous} array's native buffer (reads and writes go through). */
    public static FloatBuffer buffer(INDArray contiguous) {
        return contiguous.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** The elements of {@code a} in C order as float32 (a copy). */
    public static float[] of(INDArray a) {
        INDArray c = contiguous(a);
        float[] out = new float[(int) c.length()];
        buffer(c).get(0, out);
        return out;
    }

    /** A fresh float32 array of {@code shape} holding {@code v} in C order. */
    public static INDArray array(float[] v, long... shape) {
        INDArray a = Nd4j.create(DataType.FLOAT, shape, 'c');
        if (a.length() != v.length) {
            throw new IllegalArgumentException("HeapFloats.array: " + v.length + " values for shape " + java.util.Arrays.toString(shape));
        }
        buffer(a).put(0, v);
        return a;
    }
}
