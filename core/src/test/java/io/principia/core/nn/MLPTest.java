package io.principia.core.nn;

import static io.principia.core.testing.GradCheck.randomInput;
import static io.principia.core.testing.TestArrays.assertClose;
import static io.principia.core.testing.TestArrays.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.LayerCheck;
import io.principia.core.testing.Oracles;
import io.principia.core.util.Rng;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class MLPTest {
    private static final DataType D = DataType.DOUBLE;

    @Test
    void layoutMatchesPyTorchSequential() {
        MLP plain = new MLP(new int[] {4, 8, 8, 2}, Activation::relu, 0, new Rng(1), D);
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"), List.copyOf(plain.namedParameters().keySet()));
        assertEquals(5, plain.size()); // Linear, ReLU, Linear, ReLU, Linear
        MLP withDropout = new MLP(new int[] {4, 8, 8, 2}, Activation::relu, 0.1, new Rng(1), D);
        assertEquals(List.of("0.weight", "0.bias", "3.weight", "3.bias", "6.weight", "6.bias"), List.copyOf(withDropout.namedParameters().keySet()));
        assertTrue(withDropout.get(2) instanceof Dropout);
        assertEquals(7, withDropout.size());
    }

    @Test
    void forwardMatchesLoops() {
        MLP mlp = new MLP(new int[] {3, 5, 2}, Activation::tanh, 0, new Rng(2), D);
        Tensor x = randomInput(3, 4, 3);
        Linear l0 = (Linear) mlp.get(0), l2 = (Linear) mlp.get(2);
        double[] h = Oracles.linear(values(x.data()), values(l0.weight.data()), values(l0.bias.data()), 4, 3, 5);
        for (int i = 0; i < h.length; i++) {
            h[i] = Math.tanh(h[i]);
        }
        double[] y = Oracles.linear(h, values(l2.weight.data()), values(l2.bias.data()), 4, 5, 2);
        assertClose(y, new long[] {4, 2}, mlp.forward(x).data(), 1e-12);
    }

    @Test
    void dropoutOnlyInTraining() {
        MLP mlp = new MLP(new int[] {3, 16, 2}, Activation::relu, 0.5, new Rng(4), D);
        Tensor x = randomInput(5, 8, 3);
        mlp.eval();
        Tensor a = mlp.forward(x), b = mlp.forward(x);
        assertEquals(a.data(), b.data());
        mlp.train();
        assertTrue(mlp.forward(x).data().sub(a.data()).amaxNumber().doubleValue() > 1e-6);
        MLP noDropout = new MLP(new int[] {3, 2}, Activation::relu, 0, new Rng(4), D);
        assertSame(Linear.class, noDropout.get(0).getClass());
        assertEquals(1, noDropout.size());
    }

    @Test
    void gradients() {
        MLP mlp = new MLP(new int[] {3, 4, 4, 2}, Activation::gelu, 0, new Rng(6), D);
        Tensor x = randomInput(7, 5, 3);
        LayerCheck.checkParameters(mlp, () -> mlp.forward(x), x);
    }

    @Test
    void badSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MLP(new int[] {3}, Activation::relu, 0));
        assertTrue(e.getMessage().contains("MLP") && e.getMessage().contains("[3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MLP(new int[] {3, 2}, Activation::relu, 1.0));
    }
}
