package io.principia.core.nn;

import static io.principia.core.testing.GradCheck.randomInput;
import static io.principia.core.testing.TestArrays.assertClose;
import static io.principia.core.testing.TestArrays.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.LayerCheck;
import io.principia.core.testing.Oracles;
import io.principia.core.util.Rng;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class LinearTest {

    @Test
    void forwardMatchesLoops() {
        Linear lin = new Linear(4, 5, true, new Rng(1), DataType.DOUBLE);
        Tensor x = randomInput(2, 2, 3, 4);
        Tensor y = lin.forward(x);
        double[] expected = Oracles.linear(values(x.data()), values(lin.weight.data()), values(lin.bias.data()), 6, 4, 5);
        assertClose(expected, new long[] {2, 3, 5}, y.data(), 1e-12);
    }

    @Test
    void layoutNamesAndDefaultInitMatchPyTorch() {
        Linear lin = new Linear(300, 200, true, new Rng(2), DataType.DOUBLE);
        assertEquals(List.of("weight", "bias"), List.copyOf(lin.namedParameters().keySet()));
        assertArrayEquals(new long[] {200, 300}, lin.weight.shape());
        assertArrayEquals(new long[] {200}, lin.bias.shape());
        double bound = 1 / Math.sqrt(300); // kaiming_uniform(a=√5) and the bias rule, both with fan_in = 300
        assertTrue(lin.weight.data().amaxNumber().doubleValue() <= bound && lin.weight.data().amaxNumber().doubleValue() > 0.95 * bound);
        assertTrue(lin.bias.data().amaxNumber().doubleValue() <= bound && lin.bias.data().amaxNumber().doubleValue() > 0.8 * bound);
        assertEquals(DataType.FLOAT, new Linear(3, 2).weight.dtype());
        assertNull(new Linear(3, 2, false).bias);
        assertEquals(1, new Linear(3, 2, false).namedParameters().size());
    }

    @Test
    void sameRngSameWeights() {
        assertEquals(new Linear(3, 4, true, new Rng(5), DataType.FLOAT).weight.data(),
                new Linear(3, 4, true, new Rng(5), DataType.FLOAT).weight.data());
    }

    @Test
    void gradients() {
        Linear lin = new Linear(4, 3, true, new Rng(3), DataType.DOUBLE);
        Tensor x = randomInput(4, 2, 5, 4);
        LayerCheck.checkParameters(lin, () -> lin.forward(x), x);
        Linear noBias = new Linear(4, 3, false, new Rng(3), DataType.DOUBLE);
        LayerCheck.checkParameters(noBias, () -> noBias.forward(x));
    }

    @Test
    void wrongInputSizeIsNamed() {
        Linear lin = new Linear(4, 3, true, new Rng(3), DataType.DOUBLE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lin.forward(randomInput(5, 2, 5)));
        assertTrue(e.getMessage().contains("linear") && e.getMessage().contains("[2, 5]") && e.getMessage().contains("[3, 4]"), e.getMessage());
    }
}
