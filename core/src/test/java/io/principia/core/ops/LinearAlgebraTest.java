package io.principia.core.ops;

import static io.principia.core.ops.Loops.assertShape;
import static io.principia.core.ops.Loops.assertValues;
import static io.principia.core.ops.Loops.ravel;
import static io.principia.core.ops.Loops.unravel;
import static io.principia.core.ops.Loops.values;
import static io.principia.core.ops.ShapeOpsTest.assertError;
import static io.principia.core.testing.GradCheck.randomInput;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class LinearAlgebraTest {

    /**
     * Batched matmul by loops: a [..., M, K] x b [..., K, N] with NumPy-broadcast batch axes; the
     * result batch shape is {@code batch}.
     */
    static double[] matmulLoop(Tensor a, Tensor b, long[] batch) {
        long[] as = a.shape(), bs = b.shape();
        long m = as[as.length - 2], k = as[as.length - 1], n = bs[bs.length - 1];
        double[] va = values(a), vb = values(b);
        long[] ys = Arrays.copyOf(batch, batch.length + 2);
        ys[batch.length] = m;
        ys[batch.length + 1] = n;
        double[] out = new double[(int) Loops.length(ys)];
        for (int flat = 0; flat < out.length; flat++) {
            long[] at = unravel(flat, ys);
            long i = at[batch.length], j = at[batch.length + 1];
            double acc = 0;
            for (long p = 0; p < k; p++) {
                acc += va[(int) offset(at, as, i, p)] * vb[(int) offset(at, bs, p, j)];
            }
            out[flat] = acc;
        }
        return out;
    }

    /** Flat offset of element (row, col) of an operand of shape {@code s} at result batch index {@code at}. */
    private static long offset(long[] at, long[] s, long row, long col) {
        long[] idx = new long[s.length];
        int lead = at.length - s.length;
        for (int d = 0; d < s.length - 2; d++) {
            idx[d] = s[d] == 1 ? 0 : at[d + lead];
        }
        idx[s.length - 2] = row;
        idx[s.length - 1] = col;
        return ravel(idx, s);
    }

    @Test
    void matmul2dMatchesTripleLoop() {
        Tensor a = randomInput(1, 3, 4), b = randomInput(2, 4, 5);
        Tensor y = LinearAlgebra.matmul(a, b);
        assertShape(new long[] {3, 5}, y);
        assertValues(matmulLoop(a, b, new long[0]), y, 1e-12);
        GradCheck.check(t -> LinearAlgebra.matmul(t[0], t[1]), a, b);
        GradCheck.check(t -> LinearAlgebra.matmul(t[0], t[0]), randomInput(3, 3, 3)); // used twice
    }

    @Test
    void batchedMatmul() {
        Tensor a = randomInput(4, 2, 3, 4, 5), b = randomInput(5, 2, 3, 5, 6);
        Tensor y = LinearAlgebra.matmul(a, b);
        assertShape(new long[] {2, 3, 4, 6}, y);
        assertValues(matmulLoop(a, b, new long[] {2, 3}), y, 1e-12);
        GradCheck.check(t -> LinearAlgebra.matmul(t[0], t[1]), a, b);
    }

    @Test
    void broadcastBatchMatmul() {
        Tensor a = randomInput(6, 3, 1, 4, 5), b = randomInput(7, 2, 5, 6);
        Tensor y = LinearAlgebra.matmul(a, b);
        assertShape(new long[] {3, 2, 4, 6}, y);
        assertValues(matmulLoop(a, b, new long[] {3, 2}), y, 1e-12);
        GradCheck.check(t -> LinearAlgebra.matmul(t[0], t[1]), a, b);
        // a shared 2-D matrix on either side
        Tensor w = randomInput(8, 5, 6);
        assertValues(matmulLoop(a, w, new long[] {3, 1}), LinearAlgebra.matmul(a, w), 1e-12);
        GradCheck.check(t -> LinearAlgebra.matmul(t[0], t[1]), a, w);
        Tensor m = randomInput(9, 4, 5);
        Tensor c = randomInput(10, 2, 5, 3);
        assertValues(matmulLoop(m, c, new long[] {2}), LinearAlgebra.matmul(m, c), 1e-12);
        GradCheck.check(t -> LinearAlgebra.matmul(t[0], t[1]), m, c);
    }

    @Test
    void matmulErrorsNameBothShapes() {
        assertError(() -> LinearAlgebra.matmul(randomInput(11, 3, 4), randomInput(12, 5, 6)), "matmul", "[3, 4]", "[5, 6]", "4 vs 5");
        assertError(() -> LinearAlgebra.matmul(randomInput(13, 2, 3, 4), randomInput(14, 3, 4, 6)), "matmul", "[2]", "[3]");
        assertError(() -> LinearAlgebra.matmul(randomInput(15, 4), randomInput(16, 4, 2)), "matmul", "[4]", "[4, 2]", "rank");
        assertError(() -> LinearAlgebra.matmul(randomInput(17, 2, 2), Tensor.zeros(DataType.FLOAT, 2, 2)), "matmul", "DOUBLE", "FLOAT");
    }

    /** y[r, o] = Σ_i x[r, i] w[o, i] + b[o] over the rows r of x flattened to [R, in]. */
    static double[] linearLoop(Tensor x, Tensor w, Tensor b) {
        double[] vx = values(x), vw = values(w), vb = b == null ? null : values(b);
        int out = (int) w.size(0), in = (int) w.size(1), rows = vx.length / in;
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double acc = vb == null ? 0 : vb[o];
                for (int i = 0; i < in; i++) {
                    acc += vx[r * in + i] * vw[o * in + i];
                }
                y[r * out + o] = acc;
            }
        }
        return y;
    }

    @Test
    void linearWithAndWithoutBias() {
        Tensor w = randomInput(20, 3, 4), b = randomInput(21, 3);
        for (long[] xs : new long[][] {{5, 4}, {2, 5, 4}, {4}}) {
            Tensor x = randomInput(22, xs);
            long[] ys = xs.clone();
            ys[ys.length - 1] = 3;
            Tensor y = LinearAlgebra.linear(x, w, b);
            assertShape(ys, y);
            assertValues(linearLoop(x, w, b), y, 1e-12);
            assertValues(linearLoop(x, w, null), LinearAlgebra.linear(x, w, null), 1e-12);
            GradCheck.check(t -> LinearAlgebra.linear(t[0], t[1], t[2]), x, w, b);
            GradCheck.check(t -> LinearAlgebra.linear(t[0], t[1], null), x, w);
        }
        // constant input, parameters only
        Tensor xc = Tensor.of(randomInput(23, 2, 4).data());
        GradCheck.check(t -> LinearAlgebra.linear(xc, t[0], t[1]), w, b);
    }

    @Test
    void linearErrors() {
        Tensor w = randomInput(30, 3, 4);
        assertError(() -> LinearAlgebra.linear(randomInput(31, 2, 5), w, null), "linear", "[2, 5]", "[3, 4]");
        assertError(() -> LinearAlgebra.linear(randomInput(32, 2, 4), w, randomInput(33, 4)), "linear", "bias", "[4]", "[3]");
        assertError(() -> LinearAlgebra.linear(randomInput(34, 2, 4), randomInput(35, 4), null), "linear", "weight", "[4]");
        assertError(() -> LinearAlgebra.linear(randomInput(36, 2, 4), w, Tensor.zeros(DataType.FLOAT, 3)), "linear", "DOUBLE", "FLOAT");
        assertError(() -> LinearAlgebra.linear(Tensor.zeros(DataType.FLOAT, 2, 4), w, null), "linear", "DOUBLE", "FLOAT");
    }
}
