package io.principia.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.principia.core.ops.Arithmetic;
import io.principia.core.ops.LinearAlgebra;
import io.principia.core.ops.Reductions;
import io.principia.core.tensor.Tensor;

import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Every optimizer, through the autograd, reaches the least-squares solution of ‖Ax − b‖². */
class ConvergenceTest {
    static final double[][] A = {{2, 1, 0}, {1, 3, 1}, {0, 1, 2}, {1, 0, 1}};   // [4, 3], full column rank
    static final double[] B = {1, -2, 3, 0.5};

    /** x* = (AᵀA)⁻¹ Aᵀb by Gaussian elimination on the 3×3 normal equations. */
    static double[] leastSquares() {
        int n = 3;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int r = 0; r < A.length; r++) {
                    m[i][j] += A[r][i] * A[r][j];
                }
            }
            for (int r = 0; r < A.length; r++) {
                m[i][n] += A[r][i] * B[r];
            }
        }
        for (int c = 0; c < n; c++) {
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }

    static void converges(String what, Function<Map<String, Tensor>, Optimizer> make, LrSchedule schedule, int steps) {
        Tensor a = Tensor.of(Nd4j.createFromArray(A));                       // [4, 3]
        Tensor b = Tensor.of(Nd4j.createFromArray(B).reshape(4, 1));         // [4, 1]
        Tensor x = Tensor.param(Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 3, 1));   // [3, 1]
        Optimizer opt = make.apply(Map.of("x", x));
        for (int t = 0; t < steps; t++) {
            opt.setLr(schedule.lr(t));
            Tensor r = Arithmetic.sub(LinearAlgebra.matmul(a, x), b);        // [4, 3] x [3, 1] -> [4, 1]
            Tensor loss = Reductions.sum(Arithmetic.mul(r, r));
            opt.zeroGrad();
            loss.backward();
            opt.step();
        }
        double[] expected = leastSquares();
        double[] got = x.data().toDoubleVector();
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], got[i], 1e-4, what + ", x[" + i + "]");
        }
    }

    @Test
    void sgd() {
        converges("Sgd", m -> new Sgd(m, 0.04), new Constant(0.04), 500);
        converges("Sgd momentum", m -> new Sgd(m, 0.01, 0.9), new Constant(0.01), 300);
        converges("Sgd nesterov", m -> new Sgd(m, 0.01, 0.9, 0, 0, true), new Constant(0.01), 300);
    }

    @Test
    void adamFamily() {
        LrSchedule s = new LinearWarmup(new CosineAnnealing(0.05, 780), 20, 0.1);
        converges("Adam", m -> new Adam(m, 0.05), s, 800);
        converges("Adam amsgrad", m -> new Adam(m, 0.05, 0.9, 0.999, 1e-8, 0, true), s, 800);
        converges("AdamW", m -> new AdamW(m, 0.05, 0.9, 0.999, 1e-8, 0, false), s, 800);
        converges("Adamax", m -> new Adamax(m, 0.05), s, 800);
    }

    @Test
    void rmsProp() {
        LrSchedule s = new CosineAnnealing(0.01, 800);
        converges("RmsProp", m -> new RmsProp(m, 0.01), s, 800);
        converges("RmsProp centered momentum", m -> new RmsProp(m, 0.01, 0.99, 1e-8, 0, 0.5, true), s, 800);
    }
}
