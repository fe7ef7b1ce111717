package io.principia.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.principia.core.tensor.Tensor;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GlobalNormTest {
    private static Tensor withGrad(double[] values, double[] grad) {
        Tensor p = Tensor.param(Nd4j.create(values));
        p.setGrad(Nd4j.create(grad));
        return p;
    }

    @Test
    void normIsTheL2NormOfAllGradientsTogether() {
        Tensor a = withGrad(new double[] {0, 0}, new double[] {3, 4});
        Tensor b = withGrad(new double[] {0, 0, 0}, new double[] {1, 2, 2});
        Tensor none = Tensor.param(Nd4j.create(new double[] {1}));
        assertEquals(Math.sqrt(9 + 16 + 1 + 4 + 4), GlobalNorm.of(List.of(a, b, none)), 1e-12);
    }

    @Test
    void clipScalesEveryGradientByTheSameFactor() {
        Tensor a = withGrad(new double[] {0, 0}, new double[] {3, 4});
        Tensor b = withGrad(new double[] {0}, new double[] {12});
        double before = GlobalNorm.clip(List.of(a, b), 6.5);
        assertEquals(13.0, before, 1e-12);
        double s = 6.5 / (13.0 + 1e-6);
        assertArrayEquals(new double[] {3 * s, 4 * s}, a.grad().toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {12 * s}, b.grad().toDoubleVector(), 1e-12);
        assertEquals(6.5, GlobalNorm.of(List.of(a, b)), 1e-5);
    }

    @Test
    void clipBelowTheLimitChangesNothing() {
        Tensor a = withGrad(new double[] {0, 0}, new double[] {0.3, 0.4});
        assertEquals(0.5, GlobalNorm.clip(List.of(a), 1.0), 1e-12);
        assertArrayEquals(new double[] {0.3, 0.4}, a.grad().toDoubleVector(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> GlobalNorm.clip(List.of(a), 0));
    }

    @Test
    void clipNeverWritesIntoAGradientArrayThatIsShared() {
        Tensor a = Tensor.param(Nd4j.create(new double[] {1, 2}));
        INDArray upstream = Nd4j.create(new double[] {30, 40});
        a.accumulateGrad(upstream); // stored without a copy, so it aliases `upstream`
        GlobalNorm.clip(List.of(a), 5.0);
        assertArrayEquals(new double[] {30, 40}, upstream.toDoubleVector(), 0.0);
        assertEquals(5.0, GlobalNorm.of(List.of(a)), 1e-5);
    }
}
