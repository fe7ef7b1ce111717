package io.principia.core.nn;

import static io.principia.core.testing.GradCheck.randomInput;
import static io.principia.core.testing.TestArrays.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;
import io.principia.core.util.Rng;
import io.principia.core.util.Seed;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class DropoutTest {

    @Test
    void trainingMasksWithTheGivenRngAndEvalIsIdentity() {
        Dropout d = new Dropout(0.25, new Rng(3));
        Tensor x = randomInput(1, 4, 6);
        Tensor y = d.forward(x);
        double[] mask = values(new Rng(3).bernoulli(DataType.DOUBLE, 0.75, 4, 6));
        double[] xv = values(x.data()), yv = values(y.data());
        for (int i = 0; i < xv.length; i++) {
            assertEquals(xv[i] * mask[i] / 0.75, yv[i], 1e-12);
        }
        d.eval();
        assertSame(x, d.forward(x));
    }

    @Test
    void globalRngIsReproducibleThroughSeed() {
        Dropout d = new Dropout(0.5);
        Tensor x = randomInput(2, 8, 8);
        Seed.everything(17);
        Tensor a = d.forward(x);
        Seed.everything(17);
        Tensor b = d.forward(x);
        assertEquals(a.data(), b.data());
    }

    @Test
    void gradient() {
        Tensor x = randomInput(3, 3, 4);
        GradCheck.check(t -> new Dropout(0.3, new Rng(9)).forward(t[0]), x);
    }

    @Test
    void badProbability() {
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.5));
    }
}
