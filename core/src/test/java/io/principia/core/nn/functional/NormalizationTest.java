package io.principia.core.nn.functional;

import static io.principia.core.testing.GradCheck.randomInput;
import static io.principia.core.testing.TestArrays.assertClose;
import static io.principia.core.testing.TestArrays.values;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;
import io.principia.core.testing.Oracles;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NormalizationTest {
    private static final double EPS = 1e-5;




    @Test
    void layerNormMatchesLoops() {
        Tensor x = randomInput(1, 2, 3, 4), w = randomInput(2, 4), b = randomInput(3, 4);
        Tensor y = Normalization.layerNorm(x, new long[] {4}, w, b, EPS);
        assertClose(Oracles.layerNorm(values(x.data()), 4, values(w.data()), values(b.data()), EPS), x.shape(), y.data(), 1e-10);
        // over the last two axes, without affine parameters
        Tensor y2 = Normalization.layerNorm(x, new long[] {3, 4}, null, null, EPS);
        assertClose(Oracles.layerNorm(values(x.data()), 12, null, null, EPS), x.shape(), y2.data(), 1e-10);
    }

    @Test
    void layerNormGradients() {
        Tensor x = randomInput(4, 3, 5), w = randomInput(5, 5), b = randomInput(6, 5);
        GradCheck.check(t -> Normalization.layerNorm(t[0], new long[] {5}, t[1], t[2], EPS), x, w, b);
        Tensor x3 = randomInput(7, 2, 2, 3), w2 = randomInput(8, 2, 3), b2 = randomInput(9, 2, 3);
        GradCheck.check(t -> Normalization.layerNorm(t[0], new long[] {2, 3}, t[1], t[2], EPS), x3, w2, b2);
        GradCheck.check(t -> Normalization.layerNorm(t[0], new long[] {2, 3}, null, null, EPS), x3);
    }

    @Test
    void batchNormTrainingMatchesLoopsAndUpdatesRunningStats() {
        for (long[] shape : new long[][] {{6, 3}, {2, 3, 4, 5}, {3, 3, 4}}) {
            int n = (int) shape[0], c = (int) shape[1], s = (int) (java.util.Arrays.stream(shape).reduce(1, (u, v) -> u * v) / (n * c));
            Tensor x = randomInput(10, shape), w = randomInput(11, c), b = randomInput(12, c);
            INDArray rm = Nd4j.create(new double[] {0.5, -1, 2}), rv = Nd4j.create(new double[] {1, 2, 0.5});
            double[] rm0 = values(rm), rv0 = values(rv);
            Tensor y = Normalization.batchNorm(x, rm, rv, w, b, true, 0.1, EPS);
            double[][] st = Oracles.channelStats(values(x.data()), n, c, s);
            assertClose(Oracles.batchNorm(values(x.data()), n, c, s, st[0], st[1], values(w.data()), values(b.data()), EPS), shape, y.data(), 1e-10);
            int m = n * s;
            double[] erm = new double[c], erv = new double[c];
            for (int k = 0; k < c; k++) {
                erm[k] = 0.9 * rm0[k] + 0.1 * st[0][k];
                erv[k] = 0.9 * rv0[k] + 0.1 * st[1][k] * m / (m - 1); // unbiased variance in the running estimate
            }
            assertClose(erm, new long[] {c}, rm, 1e-12);
            assertClose(erv, new long[] {c}, rv, 1e-12);
        }
    }

    @Test
    void batchNormEvalUsesRunningStats() {
        Tensor x = randomInput(13, 2, 3, 2, 2), w = randomInput(14, 3), b = randomInput(15, 3);
        double[] mean = {0.5, -1, 2}, var = {1, 2, 0.5};
        INDArray rm = Nd4j.create(mean), rv = Nd4j.create(var);
        Tensor y = Normalization.batchNorm(x, rm, rv, w, b, false, 0.1, EPS);
        assertClose(Oracles.batchNorm(values(x.data()), 2, 3, 4, mean, var, values(w.data()), values(b.data()), EPS), x.shape(), y.data(), 1e-10);
        assertClose(mean, new long[] {3}, rm, 0); // untouched in eval
        Tensor yTrain = Normalization.batchNorm(x, null, null, w, b, true, 0.1, EPS);
        assertTrue(yTrain.data().sub(y.data()).amaxNumber().doubleValue() > 1e-3, "train and eval outputs should differ");
    }

    @Test
    void batchNormGradients() {
        Tensor w = randomInput(16, 3), b = randomInput(17, 3);
        for (long[] shape : new long[][] {{5, 3}, {2, 3, 3, 2}}) {
            Tensor x = randomInput(18, shape);
            // running stats are updated on every call; fresh arrays keep the check independent of them
            GradCheck.check(t -> Normalization.batchNorm(t[0], null, null, t[1], t[2], true, 0.1, EPS), x, w, b);
            INDArray rm = Nd4j.create(new double[] {0.1, -0.2, 0.3}), rv = Nd4j.create(new double[] {1.5, 0.7, 1.1});
            GradCheck.check(t -> Normalization.batchNorm(t[0], rm, rv, t[1], t[2], false, 0.1, EPS), x, w, b);
        }
        GradCheck.check(t -> Normalization.batchNorm(t[0], null, null, null, null, true, 0.1, EPS), randomInput(19, 4, 2, 3));
    }

    @Test
    void float32Works() {
        Tensor x = randomInput(20, 4, 3).castTo(DataType.FLOAT);
        Tensor y = Normalization.batchNorm(x, Nd4j.zeros(DataType.FLOAT, 3), Nd4j.ones(DataType.FLOAT, 3), null, null, true, 0.1, EPS);
        assertTrue(y.dtype() == DataType.FLOAT && Math.abs(y.data().meanNumber().doubleValue()) < 1e-5);
        Tensor z = Normalization.layerNorm(x, new long[] {3}, null, null, EPS);
        assertTrue(z.dtype() == DataType.FLOAT);
    }

    @Test
    void badShapesAreNamed() {
        Tensor x = randomInput(21, 2, 3, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Normalization.layerNorm(x, new long[] {3}, null, null, EPS));
        assertTrue(e.getMessage().contains("layerNorm") && e.getMessage().contains("[2, 3, 4]") && e.getMessage().contains("[3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Normalization.layerNorm(x, new long[] {4}, randomInput(22, 3), null, EPS));
        assertTrue(e.getMessage().contains("weight") && e.getMessage().contains("[3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Normalization.batchNorm(x, null, null, randomInput(23, 4), null, true, 0.1, EPS));
        assertTrue(e.getMessage().contains("batchNorm") && e.getMessage().contains("weight") && e.getMessage().contains("[4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Normalization.batchNorm(randomInput(24, 1, 3), null, null, null, null, true, 0.1, EPS));
        assertTrue(e.getMessage().contains("more than one value per channel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Normalization.batchNorm(x, null, null, null, null, false, 0.1, EPS));
        assertTrue(e.getMessage().contains("running statistics"), e.getMessage());
    }
}
