package io.principia.core.ops;

import static io.principia.core.ops.Loops.values;
import static io.principia.core.ops.ShapeOpsTest.assertError;
import static io.principia.core.testing.GradCheck.randomInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class LossesTest {

    /** Mean over rows not equal to ignore of -log softmax(z_i)[y_i], by loops. */
    static double crossEntropyLoop(double[] z, int n, int c, int[] y, int ignore) {
        double total = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (y[i] == ignore) {
                continue;
            }
            double m = Double.NEGATIVE_INFINITY, s = 0;
            for (int j = 0; j < c; j++) {
                m = Math.max(m, z[i * c + j]);
            }
            for (int j = 0; j < c; j++) {
                s += Math.exp(z[i * c + j] - m);
            }
            total -= z[i * c + y[i]] - m - Math.log(s);
            count++;
        }
        return total / count;
    }

    @Test
    void crossEntropyMatchesLoopAndGradCheck() {
        Tensor z = randomInput(1, 5, 4);
        int[] y = {3, 0, 1, 3, 2};
        Tensor t = Tensor.of(Nd4j.createFromArray(y));
        assertEquals(crossEntropyLoop(values(z), 5, 4, y, Losses.NO_IGNORE), Losses.crossEntropy(z, t).item(), 1e-12);
        GradCheck.check(a -> Losses.crossEntropy(a[0], t), z);
        // targets in a floating-point tensor are read through toIntVector()
        Tensor tf = Tensor.of(new double[] {3, 0, 1, 3, 2}, 5);
        assertEquals(Losses.crossEntropy(z, t).item(), Losses.crossEntropy(z, tf).item(), 0);
        // float32 logits
        Tensor z32 = Tensor.of(z.data().castTo(DataType.FLOAT));
        assertEquals(crossEntropyLoop(values(z), 5, 4, y, Losses.NO_IGNORE), Losses.crossEntropy(z32, t).item(), 1e-5);
    }

    @Test
    void crossEntropyIgnoresRowsInValueMeanAndGradient() {
        Tensor z = randomInput(2, 6, 3);
        int[] y = {2, -100, 0, 1, -100, 1};
        Tensor t = Tensor.of(Nd4j.createFromArray(y));
        double expected = crossEntropyLoop(values(z), 6, 3, y, -100);
        assertEquals(expected, Losses.crossEntropy(z, t, -100).item(), 1e-12); // mean over the 4 kept rows
        Losses.crossEntropy(z, t, -100).backward();
        double[] grad = values(Tensor.of(z.grad()));
        for (int i : new int[] {1, 4}) {
            for (int j = 0; j < 3; j++) {
                assertEquals(0, grad[i * 3 + j], 0, "ignored row " + i);
            }
        }
        GradCheck.check(a -> Losses.crossEntropy(a[0], t, -100), z);
        // an ignore index that is a valid class drops the rows with that class
        int[] y2 = {2, 1, 0, 1, 0, 1};
        assertEquals(crossEntropyLoop(values(z), 6, 3, y2, 1), Losses.crossEntropy(z, Tensor.of(Nd4j.createFromArray(y2)), 1).item(), 1e-12);
        // every row ignored: NaN, as in PyTorch, and a zero gradient
        Tensor all = Tensor.of(Nd4j.createFromArray(-1, -1, -1, -1, -1, -1));
        assertTrue(Double.isNaN(Losses.crossEntropy(z, all, -1).item()));
        z.zeroGrad();
        Losses.crossEntropy(z, all, -1).backward();
        assertEquals(0, z.grad().amaxNumber().doubleValue(), 0);
    }

    @Test
    void crossEntropyIsStableForLargeLogits() {
        Tensor z = Tensor.of(new double[] {1000, 0, -1000, -1000, -1001, -999}, 2, 3);
        int[] y = {1, 0};
        double loss = Losses.crossEntropy(z, Tensor.of(Nd4j.createFromArray(y))).item();
        assertEquals(crossEntropyLoop(values(z), 2, 3, y, Losses.NO_IGNORE), loss, 1e-9);
        assertEquals((1000 + 1 + Math.log(1 + Math.exp(-1) + Math.exp(-2))) / 2, loss, 1e-9);
    }

    @Test
    void crossEntropyErrors() {
        Tensor z = randomInput(3, 4, 3);
        assertError(() -> Losses.crossEntropy(z, Tensor.of(Nd4j.createFromArray(0, 3, 1, 2))), "crossEntropy", "target 3", "row 1", "[0, 3)");
        assertError(() -> Losses.crossEntropy(z, Tensor.of(Nd4j.createFromArray(0, 1, -1, 2)), -100), "crossEntropy", "target -1", "row 2");
        assertError(() -> Losses.crossEntropy(z, Tensor.of(Nd4j.createFromArray(0, 1, 2))), "crossEntropy", "[4]", "[3]");
        assertError(() -> Losses.crossEntropy(z, Tensor.of(Nd4j.createFromArray(new int[][] {{0, 1, 2, 0}}))), "crossEntropy", "[1, 4]");
        assertError(() -> Losses.crossEntropy(randomInput(4, 2, 2, 3), Tensor.of(Nd4j.createFromArray(0, 1))), "crossEntropy", "[2, 2, 3]", "[N, C]");
    }

    @Test
    void mseMatchesLoop() {
        Tensor p = randomInput(5, 3, 4), t = randomInput(6, 3, 4);
        double[] vp = values(p), vt = values(t);
        double expected = 0;
        for (int i = 0; i < vp.length; i++) {
            expected += (vp[i] - vt[i]) * (vp[i] - vt[i]) / vp.length;
        }
        assertEquals(expected, Losses.mse(p, t).item(), 1e-12);
        GradCheck.check(a -> Losses.mse(a[0], a[1]), p, t);
        assertError(() -> Losses.mse(p, randomInput(7, 4, 3)), "mse", "[3, 4]", "[4, 3]");
        assertError(() -> Losses.mse(p, Tensor.zeros(DataType.FLOAT, 3, 4)), "mse", "DOUBLE", "FLOAT");
    }

    @Test
    void bceWithLogitsMatchesNaiveFormulaAndIsStable() {
        Tensor z = randomInput(8, 2, 5);
        Tensor y = Tensor.param(Nd4j.rand(DataType.DOUBLE, 2, 5)); // soft targets in [0, 1)
        double[] vz = values(z), vy = values(y);
        double expected = 0;
        for (int i = 0; i < vz.length; i++) {
            double s = 1 / (1 + Math.exp(-vz[i]));
            expected -= (vy[i] * Math.log(s) + (1 - vy[i]) * Math.log(1 - s)) / vz.length;
        }
        assertEquals(expected, Losses.bceWithLogits(z, y).item(), 1e-12);
        GradCheck.check(a -> Losses.bceWithLogits(a[0], a[1]), z, y);
        GradCheck.checkLoss(() -> Losses.bceWithLogits(z, Tensor.of(y.data())), List.of(z));

        // |z| = 100 and 800: the naive form gives log(0) = -inf; the stable one is exact
        Tensor big = Tensor.of(new double[] {100, -100, 800, -800}, 4);
        Tensor t = Tensor.of(new double[] {0, 1, 1, 0}, 4);
        assertEquals((100 + 100 + 0 + 0) / 4.0, Losses.bceWithLogits(big, t).item(), 1e-9);

        assertError(() -> Losses.bceWithLogits(z, randomInput(9, 10)), "bceWithLogits", "[2, 5]", "[10]");
    }
}
