package io.principia.graph.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;
import io.principia.core.util.Rng;

class SparseMatrixTest {
    static final INDArray X = Nd4j.createFromArray(new double[][] {{0, 2, 0, 0}, {0, 0, 0, 0}, {1, 0, 0, -3}});

    @Test
    void matmulEqualsTheDenseProduct() {
        SparseMatrix s = SparseMatrix.fromDense(X);
        assertEquals(3, s.nnz());
        Tensor w = GradCheck.randomInput(1, 4, 5);
        assertEquals(0, X.mmul(w.data()).sub(s.matmul(w).data()).norm2Number().doubleValue(), 1e-12);
    }

    @Test
    void gradientToTheWeightsMatchesFiniteDifferences() {
        SparseMatrix s = SparseMatrix.fromDense(X);
        GradCheck.check(in -> s.matmul(in[0]), GradCheck.randomInput(2, 4, 3));
    }

    /** 12 nonzeros in [30, 40] (1%): below {@link SparseMatrix#DENSE_ABOVE}, so the CSR loop runs. */
    static INDArray sparseMatrix() {
        INDArray m = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 30, 40);
        for (int k = 0; k < 12; k++) {
            m.putScalar((k * 7) % 30, (k * 13) % 40, k % 2 == 0 ? 1.5 + k : -0.5 - k);
        }
        return m;
    }

    @Test
    void bothPathsEqualTheDenseProductWithFiniteDifferenceGradients() {
        SparseMatrix csr = SparseMatrix.fromDense(sparseMatrix());
        SparseMatrix dense = SparseMatrix.fromDense(X);
        assertTrue(csr.density() < SparseMatrix.DENSE_ABOVE && dense.density() > SparseMatrix.DENSE_ABOVE);
        Tensor w = GradCheck.randomInput(5, 40, 3);
        assertEquals(0, sparseMatrix().mmul(w.data()).sub(csr.matmul(w).data()).norm2Number().doubleValue(), 1e-12);
        assertEquals(sparseMatrix(), csr.toDense(org.nd4j.linalg.api.buffer.DataType.DOUBLE));
        GradCheck.check(in -> csr.matmul(in[0]), GradCheck.randomInput(6, 40, 3));
        GradCheck.check(in -> dense.matmul(in[0]), GradCheck.randomInput(7, 4, 3));
    }

    @Test
    void dropoutKeepsZerosAndScalesTheKeptNonzeros() {
        INDArray big = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 200, 50).addi(0.5); // all nonzero
        SparseMatrix s = SparseMatrix.fromDense(big);
        Tensor eye = Tensor.of(Nd4j.eye(50).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE));
        INDArray dropped = s.dropout(0.25, true, new Rng(3)).matmul(eye).data(); // the dropped matrix itself
        int kept = 0;
        for (int i = 0; i < 200; i++) {
            for (int j = 0; j < 50; j++) {
                double v = dropped.getDouble(i, j);
                if (v != 0) {
                    kept++;
                    assertEquals(big.getDouble(i, j) / 0.75, v, 1e-12);
                }
            }
        }
        assertEquals(0.75, kept / 10000.0, 0.02); // binomial sd 0.0043
        assertSame(s, s.dropout(0.25, false, new Rng(3)));
        INDArray zeroRow = SparseMatrix.fromDense(X).dropout(0.5, true, new Rng(4)).matmul(Tensor.of(Nd4j.eye(4).castTo(
                org.nd4j.linalg.api.buffer.DataType.DOUBLE))).data().getRow(1);
        assertEquals(0.0, zeroRow.norm2Number().doubleValue(), 0.0);
    }

    @Test
    void rejectsMismatchedWeights() {
        var e = assertThrows(IllegalArgumentException.class, () -> SparseMatrix.fromDense(X).matmul(GradCheck.randomInput(1, 3, 2)));
        assertTrue(e.getMessage().contains("W must be [4, out], got [3, 2]"), e.getMessage());
    }
}
