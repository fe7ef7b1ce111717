package io.principia.graph.sparse;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

import io.principia.core.nn.functional.Dropout;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

/**
 * A constant sparse matrix in CSR form, for sparse node features such as bag-of-words (Cora's
 * [2708, 1433] features have 49,216 nonzeros, 1.3%). {@link #matmul} computes X W with the
 * gradient flowing to W only ({@code dW = Xᵀ g}); {@link #dropout} drops nonzeros, the sparse
 * dropout of Kipf and Welling's code, which has the distribution of dense dropout on X (zeros
 * stay zero) at the cost of nnz draws instead of rows × cols.
 */
public final class SparseMatrix {
    private final int rows;
    private final int cols;
    private final int[] rowPtr;
    private final int[] colIdx;
    private final double[] values;
    private volatile INDArray dense; // the last toDense result

    private SparseMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, double[] values) {
        this.rows = rows;
        this.cols = cols;
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        this.values = values;
    }

    /** The nonzeros of a dense [rows, cols] array. */
    public static SparseMatrix fromDense(INDArray dense) {
        if (dense.rank() != 2) {
            throw new IllegalArgumentException("SparseMatrix: expected a matrix, got shape " + Arrays.toString(dense.shape()));
        }
        int r = (int) dense.size(0), c = (int) dense.size(1);
        double[] v = Flat.of(dense);
        int nnz = 0;
        for (double x : v) {
            nnz += x != 0 ? 1 : 0;
        }
        int[] ptr = new int[r + 1];
        int[] col = new int[nnz];
        double[] val = new double[nnz];
        for (int i = 0, k = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                double x = v[i * c + j];
                if (x != 0) {
                    col[k] = j;
                    val[k++] = x;
                }
            }
            ptr[i + 1] = k;
        }
        return new SparseMatrix(r, c, ptr, col, val);
    }

    public int rows() { return rows; }

    public int cols() { return cols; }

    public int nnz() { return values.length; }

    /** Drops each nonzero with probability p and scales the rest by 1/(1 − p); itself when not training or p = 0. */
    public SparseMatrix dropout(double p, boolean training, Rng rng) {
        Dropout.checkP(p);
        if (!training || p == 0) {
            return this;
        }
        double[] v = new double[values.length];
        double scale = 1.0 / (1.0 - p);
        for (int k = 0; k < v.length; k++) {
            v[k] = rng.nextDouble() < p ? 0.0 : values[k] * scale;
        }
        return new SparseMatrix(rows, cols, rowPtr, colIdx, v);
    }

    /**
     * Above this fraction of nonzeros {@link #matmul} multiplies a dense copy through BLAS, which
     * beats the CSR loop there (Amazon Photo's features are 35% nonzero; Cora's 1.3%).
     */
    static final double DENSE_ABOVE = 0.05;

    /** The fraction of entries that are nonzero. */
    public double density() { return values.length / ((double) rows * cols); }

    /**
     * The dense [rows, cols] array of {@code dtype}, kept for the next call (an evaluation pass
     * reuses it; a dropped-out copy is a new matrix and builds its own). Treat it as read-only.
     */
    public INDArray toDense(org.nd4j.linalg.api.buffer.DataType dtype) {
        INDArray cached = dense;
        if (cached != null && cached.dataType() == dtype) {
            return cached;
        }
        INDArray out;
        if (dtype == org.nd4j.linalg.api.buffer.DataType.FLOAT) {
            float[] d = new float[rows * cols];
            for (int i = 0; i < rows; i++) {
                for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                    d[i * cols + colIdx[k]] = (float) values[k];
                }
            }
            out = Float32Spmm.array(d, new long[] {rows, cols});
        } else {
            double[] d = new double[rows * cols];
            for (int i = 0; i < rows; i++) {
                for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                    d[i * cols + colIdx[k]] = values[k];
                }
            }
            out = Flat.array(d, new long[] {rows, cols}, dtype);
        }
        dense = out;
        return out;
    }

    /** X W for W [cols, out]: [rows, out] in W's data type; backward dW = Xᵀ g. */
    public Tensor matmul(Tensor w) {
        if (w.rank() != 2 || w.size(0) != cols) {
            throw new IllegalArgumentException("SparseMatrix.matmul: W must be [" + cols + ", out], got " + Arrays.toString(w.shape()));
        }
        if (density() > DENSE_ABOVE) {
            return Tensor.of(toDense(w.dtype())).matmul(w); // [rows, cols] @ [cols, out]
        }
        int out = (int) w.size(1);
        double[] wv = Flat.of(w.data());
        double[] y = new double[rows * out];
        for (int i = 0; i < rows; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                double x = values[k];
                int wo = colIdx[k] * out, yo = i * out;
                for (int c = 0; c < out; c++) {
                    y[yo + c] += x * wv[wo + c];
                }
            }
        }
        return Tensor.result("sparse_matmul", Flat.array(y, new long[] {rows, out}, w.dtype()), g -> {
            double[] gv = Flat.of(g);
            double[] dw = new double[wv.length];
            for (int i = 0; i < rows; i++) {
                for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                    double x = values[k];
                    int wo = colIdx[k] * out, go = i * out;
                    for (int c = 0; c < out; c++) {
                        dw[wo + c] += x * gv[go + c];
                    }
                }
            }
            w.accumulateGrad(Flat.array(dw, w.shape(), w.dtype()));
        }, w);
    }
}
