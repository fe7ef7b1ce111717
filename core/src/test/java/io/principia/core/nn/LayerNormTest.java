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

class LayerNormTest {

    private static LayerNorm randomized(long... shape) {
        LayerNorm ln = new LayerNorm(shape, 1e-5, true, DataType.DOUBLE);
        Rng rng = new Rng(1);
        ln.weight.data().assign(Init.normal(rng, DataType.DOUBLE, 1, 0.5, shape));
        ln.bias.data().assign(Init.normal(rng, DataType.DOUBLE, 0, 0.5, shape));
        return ln;
    }

    @Test
    void forwardMatchesLoops() {
        LayerNorm ln = randomized(2, 4);
        Tensor x = randomInput(2, 3, 2, 4);
        Tensor y = ln.forward(x);
        assertClose(Oracles.layerNorm(values(x.data()), 8, values(ln.weight.data()), values(ln.bias.data()), 1e-5), x.shape(), y.data(), 1e-10);
    }

    @Test
    void layoutAndDefaults() {
        LayerNorm ln = new LayerNorm(5);
        assertEquals(List.of("weight", "bias"), List.copyOf(ln.namedParameters().keySet()));
        assertArrayEquals(new double[] {1, 1, 1, 1, 1}, values(ln.weight.data()));
        assertArrayEquals(new double[] {0, 0, 0, 0, 0}, values(ln.bias.data()));
        assertTrue(new LayerNorm(new long[] {5}, 1e-5, false, DataType.FLOAT).namedParameters().isEmpty());
    }

    @Test
    void gradients() {
        LayerNorm ln = randomized(4);
        Tensor x = randomInput(3, 3, 4);
        LayerCheck.checkParameters(ln, () -> ln.forward(x), x);
    }
}
