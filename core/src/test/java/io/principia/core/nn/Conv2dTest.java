package io.principia.core.nn;

import static io.principia.core.testing.GradCheck.randomInput;
import static io.principia.core.testing.TestArrays.assertClose;
import static io.principia.core.testing.TestArrays.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.LayerCheck;
import io.principia.core.testing.Oracles;
import io.principia.core.util.Rng;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class Conv2dTest {

    @Test
    void forwardMatchesLoops() {
        Conv2d conv = new Conv2d(3, 4, 3, 2, 1, 1, true, new Rng(1), DataType.DOUBLE);
        Tensor x = randomInput(2, 2, 3, 7, 6);
        Tensor y = conv.forward(x);
        int[] two = {2, 2}, one = {1, 1};
        double[] expected = Oracles.conv2d(values(x.data()), values(conv.weight.data()), values(conv.bias.data()), 2, 3, 7, 6, 4, 3, 3,
                two, one, one, 4, 3);
        assertClose(expected, new long[] {2, 4, 4, 3}, y.data(), 1e-10);
    }

    @Test
    void layoutAndDefaultInitMatchPyTorch() {
        Conv2d conv = new Conv2d(8, 16, 3, 1, 1, 1, true, new Rng(2), DataType.DOUBLE);
        assertEquals(List.of("weight", "bias"), List.copyOf(conv.namedParameters().keySet()));
        assertArrayEquals(new long[] {16, 8, 3, 3}, conv.weight.shape());
        assertArrayEquals(new long[] {16}, conv.bias.shape());
        double bound = 1 / Math.sqrt(8 * 9);
        double wmax = conv.weight.data().amaxNumber().doubleValue(), bmax = conv.bias.data().amaxNumber().doubleValue();
        assertTrue(wmax <= bound && wmax > 0.95 * bound && bmax <= bound, wmax + " " + bmax + " " + bound);
        assertArrayEquals(new long[] {2, 16, 5, 5}, conv.forward(randomInput(3, 2, 8, 5, 5)).shape());
    }

    @Test
    void gradients() {
        Conv2d conv = new Conv2d(2, 3, 3, 2, 1, 1, true, new Rng(4), DataType.DOUBLE);
        Tensor x = randomInput(5, 2, 2, 5, 5);
        LayerCheck.checkParameters(conv, () -> conv.forward(x), x);
        Conv2d dilated = new Conv2d(2, 2, 2, 1, 1, 2, false, new Rng(6), DataType.DOUBLE);
        LayerCheck.checkParameters(dilated, () -> dilated.forward(x));
    }
}
