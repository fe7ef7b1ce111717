package io.principia.graph.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.principia.core.data.DataException;

/**
 * NumPy arrays and SciPy CSR matrices as {@link Pickle} decodes them, turned into Java arrays.
 *
 * <p>A pickled {@code ndarray} is {@code numpy.core.multiarray._reconstruct(ndarray, (0,), 'b')}
 * followed by {@code BUILD((version, shape, dtype, is_fortran, raw_bytes))}, where {@code dtype} is
 * {@code numpy.dtype(code, 0, 1)} built with {@code (3, byte_order, ...)}. A pickled
 * {@code csr_matrix} is an object whose state dict holds {@code _shape}, {@code indptr},
 * {@code indices} and {@code data}.
 */
final class PickledArrays {
    private PickledArrays() {}

    /** A decoded n-d array: values widened to double, in C (row-major) order. */
    record NdArray(long[] shape, String dtype, double[] values) {
        int rows() { return shape.length == 0 ? 1 : (int) shape[0]; }

        int cols() { return shape.length < 2 ? 1 : (int) shape[1]; }

        int[] ints(String what) {
            int[] out = new int[values.length];
            for (int i = 0; i < out.length; i++) {
                double v = values[i];
                if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                    throw new DataException(what + ": element " + i + " is " + v + ", expected an integer");
                }
                out[i] = (int) v;
            }
            return out;
        }
    }

    /** A NumPy array of any numeric dtype. */
    static NdArray ndarray(Object v, String what) {
        if (!(v instanceof Pickle.Instance obj)
                || !(obj.is("numpy.core.multiarray", "_reconstruct") || obj.is("numpy._core.multiarray", "_reconstruct"))
                || !(obj.state instanceof List<?> st) || st.size() != 5) {
            throw new DataException(what + ": expected a pickled NumPy array, got " + Pickle.describe(v));
        }
        List<?> dims = list(st.get(1), what + " shape");
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = integer(dims.get(i), what + " shape");
            if (shape[i] < 0) {
                throw new DataException(what + ": negative dimension in shape " + dims);
            }
        }
        if (!(st.get(2) instanceof Pickle.Instance dt) || !dt.is("numpy", "dtype") || dt.args.isEmpty()
                || !(dt.args.get(0) instanceof String code)) {
            throw new DataException(what + ": array without a NumPy dtype");
        }
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        if (dt.state instanceof List<?> ds && ds.size() > 1 && ">".equals(ds.get(1))) {
            order = ByteOrder.BIG_ENDIAN;
        }
        boolean fortran = Boolean.TRUE.equals(st.get(3));
        byte[] bytes = rawBytes(st.get(4), what);
        long count = 1;
        for (long d : shape) {
            count = Math.multiplyExact(count, d);
        }
        int size = itemSize(code, what);
        if (bytes.length != count * size) {
            throw new DataException(what + ": " + bytes.length + " data bytes for shape " + Arrays.toString(shape) + " of "
                    + code + " (expected " + count * size + ")");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
        double[] values = new double[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (code) {
                case "f4" -> b.getFloat();
                case "f8" -> b.getDouble();
                case "i1" -> b.get();
                case "u1", "b1" -> b.get() & 0xff;
                case "i2" -> b.getShort();
                case "i4" -> b.getInt();
                case "i8" -> b.getLong();
                default -> throw new IllegalStateException(code);
            };
        }
        if (fortran && shape.length == 2) {
            values = transposeFortran(values, (int) shape[0], (int) shape[1]);
        }
        return new NdArray(shape, code, values);
    }

    /**
     * An array's data: a Python 2 {@code str}, or Python 3 {@code bytes}, which protocol 2 pickles as
     * {@code _codecs.encode(text, 'latin1')}.
     */
    private static byte[] rawBytes(Object v, String what) {
        if (v instanceof String raw) {
            return raw.getBytes(StandardCharsets.ISO_8859_1);
        }
        if (v instanceof Pickle.Instance enc && enc.is("_codecs", "encode") && enc.args.size() == 2
                && enc.args.get(0) instanceof String text && "latin1".equals(enc.args.get(1))) {
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
        throw new DataException(what + ": array data is " + Pickle.describe(v) + ", expected raw bytes (object arrays are "
                + "not supported)");
    }

    private static List<?> list(Object v, String what) {
        if (!(v instanceof List<?> l)) {
            throw new DataException(what + ": expected a tuple, got " + Pickle.describe(v));
        }
        return l;
    }

    private static long integer(Object v, String what) {
        if (!(v instanceof Long n)) {
            throw new DataException(what + ": expected an integer, got " + Pickle.describe(v) + " (" + v + ")");
        }
        return n;
    }

    private static int itemSize(String code, String what) {
        return switch (code) {
            case "f4", "i4" -> 4;
            case "f8", "i8" -> 8;
            case "i2" -> 2;
            case "i1", "u1", "b1" -> 1;
            default -> throw new DataException(what + ": unsupported NumPy dtype '" + code + "'");
        };
    }

    private static double[] transposeFortran(double[] colMajor, int rows, int cols) {
        double[] out = new double[colMajor.length];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                out[r * cols + c] = colMajor[c * rows + r];
            }
        }
        return out;
    }

    /** A 2-D matrix, pickled either as a SciPy CSR matrix or as a dense NumPy array, as [rows][cols] floats. */
    static float[][] matrix(Object v, String what) {
        if (v instanceof Pickle.Instance obj && obj.callable instanceof Pickle.Global g && g.module().startsWith("scipy.sparse")) {
            if (!g.name().equals("csr_matrix")) {
                throw new DataException(what + ": a SciPy " + g.name() + ", only csr_matrix is supported");
            }
            return csr(obj, what);
        }
        NdArray a = ndarray(v, what);
        if (a.shape().length != 2) {
            throw new DataException(what + ": expected a 2-D array, got shape " + Arrays.toString(a.shape()));
        }
        float[][] out = new float[a.rows()][a.cols()];
        for (int r = 0; r < out.length; r++) {
            for (int c = 0; c < out[r].length; c++) {
                out[r][c] = (float) a.values()[r * a.cols() + c];
            }
        }
        return out;
    }

    private static float[][] csr(Pickle.Instance obj, String what) {
        if (!(obj.state instanceof Map<?, ?> st)) {
            throw new DataException(what + ": csr_matrix without its state dict");
        }
        for (String key : List.of("_shape", "indptr", "indices", "data")) {
            if (!st.containsKey(key)) {
                throw new DataException(what + ": csr_matrix state lacks '" + key + "' (has " + st.keySet() + ")");
            }
        }
        List<?> shape = list(st.get("_shape"), what + " _shape");
        if (shape.size() != 2) {
            throw new DataException(what + ": csr_matrix _shape " + shape + " is not two dimensions");
        }
        long r0 = integer(shape.get(0), what + " _shape"), c0 = integer(shape.get(1), what + " _shape");
        if (r0 < 0 || c0 < 0 || r0 > Integer.MAX_VALUE || c0 > Integer.MAX_VALUE) {
            throw new DataException(what + ": csr_matrix _shape " + shape + " out of range");
        }
        int rows = (int) r0;
        int cols = (int) c0;
        int[] ptr = ndarray(st.get("indptr"), what + " indptr").ints(what + " indptr");
        int[] idx = ndarray(st.get("indices"), what + " indices").ints(what + " indices");
        double[] data = ndarray(st.get("data"), what + " data").values();
        if (ptr.length != rows + 1 || ptr[0] != 0 || ptr[rows] != idx.length || idx.length != data.length) {
            throw new DataException(what + ": inconsistent CSR arrays (" + rows + " rows, indptr " + ptr.length + ", indices "
                    + idx.length + ", data " + data.length + ")");
        }
        for (int r = 0; r < rows; r++) {
            if (ptr[r + 1] < ptr[r]) {
                throw new DataException(what + ": indptr decreases at row " + r);
            }
        }
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int k = ptr[r]; k < ptr[r + 1]; k++) {
                if (idx[k] < 0 || idx[k] >= cols) {
                    throw new DataException(what + ": row " + r + " has column " + idx[k] + " outside [0, " + cols + ")");
                }
                out[r][idx[k]] += (float) data[k];
            }
        }
        return out;
    }
}
