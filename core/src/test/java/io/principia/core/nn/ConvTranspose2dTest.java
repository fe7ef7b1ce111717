package io.principia.core.nn;

import static io.principia.core.testing.GradCheck.randomInput;
import static io.principia.core.testing.TestArrays.assertClose;
import static io.principia.core.testing.TestArrays.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.LayerCheck;
import io.principia.core.testing.Oracles;
import io.principia.core.util.Rng;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class ConvTranspose2dTest {

    @Test
    void forwardMatchesLoops() {
        for (int outputPadding : new int[] {0, 1}) {
            ConvTranspose2d deconv = new ConvTranspose2d(3, 2, 3, 2, 1, outputPadding, 1, true, new Rng(1), DataType.DOUBLE);
            Tensor x = randomInput(2, 2, 3, 4, 5);
            Tensor y = deconv.forward(x);
            int oh = 3 * 2 - 2 + 2 + outputPadding + 1, ow = 4 * 2 - 2 + 2 + outputPadding + 1; // (H−1)s − 2p + (k−1) + op + 1
            double[] expected = Oracles.convTranspose2d(values(x.data()), values(deconv.weight.data()), values(deconv.bias.data()),
                    2, 3, 4, 5, 2, 3, 3, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, oh, ow);
            assertClose(expected, new long[] {2, 2, oh, ow}, y.data(), 1e-10);
        }
    }

    @Test
    void layoutAndDefaultInitMatchPyTorch() {
        ConvTranspose2d deconv = new ConvTranspose2d(16, 8, 3, 2, 1, 1, 1, true, new Rng(2), DataType.DOUBLE);
        assertEquals(List.of("weight", "bias"), List.copyOf(deconv.namedParameters().keySet()));
        assertArrayEquals(new long[] {16, 8, 3, 3}, deconv.weight.shape()); // [in, out, kH, kW]
        double bound = 1 / Math.sqrt(8 * 9); // PyTorch's fan_in is weight.size(1) · k²
        double wmax = deconv.weight.data().amaxNumber().doubleValue();
        assertTrue(wmax <= bound && wmax > 0.95 * bound, wmax + " vs " + bound);
        assertArrayEquals(new long[] {1, 8, 10, 10}, deconv.forward(randomInput(3, 1, 16, 5, 5)).shape());
        assertThrows(IllegalArgumentException.class, () -> new ConvTranspose2d(2, 2, 3, 2, 1, 2));
    }

    @Test
    void gradients() {
        for (int outputPadding : new int[] {0, 1}) {
            ConvTranspose2d deconv = new ConvTranspose2d(2, 3, 3, 2, 1, outputPadding, 1, true, new Rng(4), DataType.DOUBLE);
            Tensor x = randomInput(5, 2, 2, 3, 3);
            LayerCheck.checkParameters(deconv, () -> deconv.forward(x), x);
        }
    }
}
