package io.principia.core.optim;

import static io.principia.core.optim.SgdTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.ops.Arithmetic;
import io.principia.core.tensor.Tensor;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GradClipTest {

    static Tensor withGrad(double... g) {
        Tensor p = Tensor.param(Nd4j.zeros(DataType.DOUBLE, g.length));
        p.setGrad(Nd4j.createFromArray(g));
        return p;
    }

    @Test
    void globalNormScalesAllGradientsTogether() {
        Tensor a = withGrad(3, 4), b = withGrad(12), none = Tensor.param(Nd4j.zeros(2));
        double total = GradClip.clipGlobalNorm(List.of(a, b, none), 6.5);
        assertEquals(13.0, total, 1e-12);                                  // √(9 + 16 + 144)
        double scale = 6.5 / (13 + 1e-6);
        assertArrayEquals(new double[] {3 * scale, 4 * scale}, a.grad().toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {12 * scale}, b.grad().toDoubleVector(), 1e-12);
        assertNull(none.grad());
    }

    @Test
    void smallNormIsLeftAlone() {
        Tensor a = withGrad(0.3, 0.4);
        INDArray before = a.grad();
        assertEquals(0.5, GradClip.clipGlobalNorm(List.of(a), 1.0), 1e-12);
        assertSame(before, a.grad());
        assertArrayEquals(new double[] {0.3, 0.4}, a.grad().toDoubleVector(), 0);
    }

    @Test
    void nonFiniteNormIsReturnedAndGradientsUntouched() {
        Tensor a = withGrad(1, Double.NaN), b = withGrad(5);
        assertTrue(Double.isNaN(GradClip.clipGlobalNorm(List.of(a, b), 1.0)));
        assertArrayEquals(new double[] {5}, b.grad().toDoubleVector(), 0);
        Tensor c = withGrad(Double.POSITIVE_INFINITY, 1);
        assertEquals(Double.POSITIVE_INFINITY, GradClip.clipGlobalNorm(List.of(c, b), 1.0));
        assertArrayEquals(new double[] {5}, b.grad().toDoubleVector(), 0);
    }

    @Test
    void sharedGradientArraysAreNotScaledThroughAnotherTensor() {
        // the backward of a + b may hand both leaves the very same array
        Tensor a = Tensor.param(Nd4j.createFromArray(1.0, 2.0)), b = Tensor.param(Nd4j.createFromArray(3.0, 4.0));
        Arithmetic.mul(Arithmetic.add(a, b), 10.0).sum().backward();
        GradClip.clipGlobalNorm(List.of(a), 1.0);
        assertArrayEquals(new double[] {10, 10}, b.grad().toDoubleVector(), 0);
        assertEquals(1.0, a.grad().norm2Number().doubleValue(), 1e-6);
    }

    @Test
    void float32Gradients() {
        Tensor a = Tensor.param(Nd4j.zeros(DataType.FLOAT, 2, 2));
        a.setGrad(Nd4j.createFromArray(new float[][] {{3, 0}, {0, 4}}));
        assertEquals(5.0, GradClip.clipGlobalNorm(List.of(a), 2.5), 1e-6);
        assertEquals(DataType.FLOAT, a.grad().dataType());
        assertArrayEquals(new float[] {1.5f, 0, 0, 2f}, a.grad().data().asFloat(), 1e-6f);
    }

    @Test
    void clipValueClamps() {
        Tensor a = withGrad(-3, 0.5, 2), none = Tensor.param(Nd4j.zeros(2));
        GradClip.clipValue(List.of(a, none), 1.0);
        assertArrayEquals(new double[] {-1, 0.5, 1}, a.grad().toDoubleVector(), 0);
        assertNull(none.grad());
    }

    @Test
    void invalidThresholdsAreNamed() {
        List<Tensor> ps = List.of(withGrad(1));
        assertMessage(() -> GradClip.clipGlobalNorm(ps, 0), "maxNorm");
        assertMessage(() -> GradClip.clipGlobalNorm(ps, Double.NaN), "maxNorm");
        assertMessage(() -> GradClip.clipValue(ps, -1), "clipValue");
    }
}
