package io.principia.core.nn.functional;

import static io.principia.core.testing.GradCheck.randomInput;
import static io.principia.core.testing.TestArrays.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;
import io.principia.core.util.Rng;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class DropoutTest {

    @Test
    void valuesAreMaskedAndRescaled() {
        Tensor x = randomInput(1, 4, 50);
        double p = 0.3;
        Tensor y = Dropout.dropout(x, p, true, new Rng(42));
        double[] mask = values(new Rng(42).bernoulli(DataType.DOUBLE, 1 - p, 4, 50)); // the same draws
        double[] xv = values(x.data()), yv = values(y.data());
        int dropped = 0;
        for (int i = 0; i < xv.length; i++) {
            assertEquals(xv[i] * mask[i] / (1 - p), yv[i], 1e-12);
            dropped += mask[i] == 0 ? 1 : 0;
        }
        assertTrue(dropped > 30 && dropped < 90, "dropped " + dropped + " of 200 at p=0.3");
    }

    @Test
    void expectationIsPreserved() {
        Tensor ones = Tensor.of(org.nd4j.linalg.factory.Nd4j.ones(DataType.DOUBLE, 100_000));
        double mean = Dropout.dropout(ones, 0.4, true, new Rng(3)).data().meanNumber().doubleValue();
        assertEquals(1.0, mean, 0.02);
    }

    @Test
    void identityInEvalOrAtZero() {
        Tensor x = randomInput(2, 3, 4);
        assertSame(x, Dropout.dropout(x, 0.5, false, new Rng(1)));
        assertSame(x, Dropout.dropout(x, 0.0, true, new Rng(1)));
    }

    @Test
    void sameSeedSameMask() {
        Tensor x = randomInput(3, 8, 8);
        Rng.global().setState(99);
        Tensor a = Dropout.dropout(x, 0.5, true);
        Rng.global().setState(99);
        Tensor b = Dropout.dropout(x, 0.5, true);
        assertEquals(a.data(), b.data());
    }

    @Test
    void gradientIsTheMaskedGradient() {
        Tensor x = randomInput(4, 3, 5);
        GradCheck.check(t -> Dropout.dropout(t[0], 0.4, true, new Rng(7)), x); // same mask in every call
    }

    @Test
    void probabilityOutsideRangeIsAnError() {
        Tensor x = randomInput(5, 2);
        for (double p : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dropout.dropout(x, p, true, new Rng(1)));
            assertTrue(e.getMessage().contains("dropout") && e.getMessage().contains(String.valueOf(p)), e.getMessage());
        }
    }
}
