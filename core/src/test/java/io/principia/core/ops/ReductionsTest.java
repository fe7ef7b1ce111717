package io.principia.core.ops;

import static io.principia.core.ops.Loops.assertShape;
import static io.principia.core.ops.Loops.assertValues;
import static io.principia.core.ops.Loops.reduce;
import static io.principia.core.ops.Loops.values;
import static io.principia.core.testing.GradCheck.randomInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class ReductionsTest {
    private static final long[] SHAPE = {2, 3, 4};

    /** (axes as given, the same axes normalized) pairs covering single, negative and multiple axes. */
    private static final int[][][] AXES = {
        {{0}, {0}}, {{1}, {1}}, {{-1}, {2}}, {{0, 2}, {0, 2}}, {{-3, -2}, {0, 1}}, {{0, 1, 2}, {0, 1, 2}},
    };

    private interface AxisOp {
        Tensor apply(Tensor x, int[] axes, boolean keepDims);
    }

    /** Checks values and both result shapes of an axis reduction against a loop oracle, and its gradient. */
    private static void checkAxisReduction(AxisOp op, ToDoubleFunction<double[]> oracle, Tensor x) {
        double[] v = values(x);
        for (int[][] pair : AXES) {
            int[] given = pair[0], norm = pair[1];
            double[] expected = reduce(v, x.shape(), norm, oracle);
            Tensor kept = op.apply(x, given, true);
            Tensor dropped = op.apply(x, given, false);
            assertShape(Reductions.keptShape(x.shape(), norm), kept);
            assertShape(Reductions.droppedShape(x.shape(), norm), dropped);
            assertValues(expected, kept, 1e-10);
            assertValues(expected, dropped, 1e-10);
            GradCheck.check(t -> op.apply(t[0], given, false), x);
            GradCheck.check(t -> op.apply(t[0], given, true), x);
        }
    }

    private static double sum(double[] s) {
        double acc = 0;
        for (double d : s) {
            acc += d;
        }
        return acc;
    }

    private static double variance(double[] s, int correction) {
        double m = sum(s) / s.length, acc = 0;
        for (double d : s) {
            acc += (d - m) * (d - m);
        }
        return acc / (s.length - correction);
    }

    private static double logsumexp(double[] s) {
        double m = Arrays.stream(s).max().orElseThrow(), acc = 0;
        for (double d : s) {
            acc += Math.exp(d - m);
        }
        return m + Math.log(acc);
    }

    @Test
    void sumAndMeanOverAxes() {
        Tensor x = randomInput(1, SHAPE);
        checkAxisReduction(Reductions::sum, ReductionsTest::sum, x);
        checkAxisReduction(Reductions::mean, s -> sum(s) / s.length, x);
    }

    @Test
    void sumAndMeanOverAll() {
        Tensor x = randomInput(2, SHAPE);
        double total = sum(values(x));
        Tensor s = Reductions.sum(x), m = Reductions.mean(x);
        assertEquals(0, s.rank());
        assertEquals(0, m.rank());
        assertEquals(total, s.item(), 1e-10);
        assertEquals(total / 24, m.item(), 1e-10);
        GradCheck.check(t -> Reductions.sum(t[0]), x);
        GradCheck.check(t -> Reductions.mean(t[0]), x);
    }

    @Test
    void maxAndMinMatchLoops() {
        Tensor x = randomInput(3, SHAPE); // continuous random values: no ties
        checkAxisReduction(Reductions::max, s -> Arrays.stream(s).max().orElseThrow(), x);
        checkAxisReduction(Reductions::min, s -> Arrays.stream(s).min().orElseThrow(), x);
        double[] v = values(x);
        assertEquals(Arrays.stream(v).max().orElseThrow(), Reductions.max(x).item(), 0);
        assertEquals(Arrays.stream(v).min().orElseThrow(), Reductions.min(x).item(), 0);
        GradCheck.check(t -> Reductions.max(t[0]), x);
        GradCheck.check(t -> Reductions.min(t[0]), x);
    }

    @Test
    void maxAndMinSplitTiesEvenly() {
        Tensor x = Tensor.param(Nd4j.createFromArray(new double[][] {{1, 3, 3, 2}, {5, 5, 5, -1}}));
        Reductions.max(x, new int[] {1}, false).sum().backward();
        assertValues(new double[] {0, .5, .5, 0, 1 / 3.0, 1 / 3.0, 1 / 3.0, 0}, Tensor.of(x.grad()), 1e-12);
        Tensor y = Tensor.param(Nd4j.createFromArray(new double[][] {{0, 0}, {0, 7}}));
        Reductions.min(y).backward();
        assertValues(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0, 0}, Tensor.of(y.grad()), 1e-12);
    }

    @Test
    void logsumexpMatchesLoopAndIsStable() {
        Tensor x = randomInput(4, SHAPE);
        checkAxisReduction(Reductions::logsumexp, ReductionsTest::logsumexp, x);
        assertEquals(logsumexp(values(x)), Reductions.logsumexp(x).item(), 1e-10);
        GradCheck.check(t -> Reductions.logsumexp(t[0]), x);

        // exp(1000) overflows a double; the shifted form does not
        Tensor big = Tensor.of(new double[] {1000, 1001, 999, -1000, -1001, -999}, 2, 3);
        assertValues(new double[] {1001 + Math.log(1 + Math.exp(-1) + Math.exp(-2)), -999 + Math.log(1 + Math.exp(-1) + Math.exp(-2))},
                Reductions.logsumexp(big, new int[] {1}, false), 1e-9);
        // a slice of -inf gives -inf, not NaN
        double ninf = Double.NEGATIVE_INFINITY;
        Tensor masked = Tensor.of(new double[] {ninf, ninf, 0, ninf}, 2, 2);
        double[] r = values(Reductions.logsumexp(masked, new int[] {1}, false));
        assertEquals(ninf, r[0]);
        assertEquals(0, r[1], 1e-12);
    }

    @Test
    void varAndStdMatchLoops() {
        Tensor x = randomInput(5, SHAPE);
        for (boolean unbiased : new boolean[] {true, false}) {
            int c = unbiased ? 1 : 0;
            checkAxisReduction((t, ax, k) -> Reductions.var(t, ax, k, unbiased), s -> variance(s, c), x);
            checkAxisReduction((t, ax, k) -> Reductions.std(t, ax, k, unbiased), s -> Math.sqrt(variance(s, c)), x);
            assertEquals(variance(values(x), c), Reductions.var(x, unbiased).item(), 1e-10);
            assertEquals(Math.sqrt(variance(values(x), c)), Reductions.std(x, unbiased).item(), 1e-10);
            GradCheck.check(t -> Reductions.var(t[0], unbiased), x);
            GradCheck.check(t -> Reductions.std(t[0], unbiased), x);
        }
    }

    @Test
    void unbiasedVarianceOfOneElementIsAnError() {
        Tensor x = randomInput(6, 3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reductions.var(x, new int[] {1}, false, true));
        assertTrue(e.getMessage().contains("var") && e.getMessage().contains("[3, 1]"), e.getMessage());
        assertValues(new double[] {0, 0, 0}, Reductions.var(x, new int[] {1}, false, false), 0);
    }

    @Test
    void badAxesNameOpAndShape() {
        Tensor x = randomInput(7, SHAPE);
        for (int[] bad : new int[][] {{3}, {-4}, {1, -2}, {}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reductions.max(x, bad, false));
            assertTrue(e.getMessage().contains("max") && e.getMessage().contains("[2, 3, 4]"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reductions.sum(x, new int[] {5}, true));
        assertTrue(e.getMessage().contains("sum") && e.getMessage().contains("axis 5"), e.getMessage());
    }

    @Test
    void longFloat32SumsAndMeansAreAccurate() {
        // 3.2 million float32 squares in [0, 1): the exact mean (float64 loop) vs ours
        int n = 3_200_000;
        float[] v = new float[n];
        java.util.Random r = new java.util.Random(7);
        double exact = 0;
        for (int i = 0; i < n; i++) {
            float u = r.nextFloat();
            v[i] = u * u;
            exact += v[i];
        }
        Tensor x = Tensor.of(org.nd4j.linalg.factory.Nd4j.createFromArray(v));
        org.junit.jupiter.api.Assertions.assertEquals(exact / n, Reductions.mean(x).item(), 1e-7);
        org.junit.jupiter.api.Assertions.assertEquals(exact, Reductions.sum(x).item(), exact * 1e-7);
    }
}
