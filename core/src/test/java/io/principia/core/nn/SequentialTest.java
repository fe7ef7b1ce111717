package io.principia.core.nn;

import static io.principia.core.testing.GradCheck.randomInput;
import static io.principia.core.testing.TestArrays.assertClose;
import static io.principia.core.testing.TestArrays.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.LayerCheck;
import io.principia.core.util.Rng;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Sequential, and the Module machinery seen through it: dotted names, state dicts, modes. */
class SequentialTest {
    private static final DataType D = DataType.DOUBLE;

    private static Sequential convNet(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(
                new Conv2d(2, 3, 3, 1, 1, 1, true, rng, D),
                new BatchNorm(3, 1e-5, 0.1, true, D),
                Activation.relu(),
                new MaxPool2d(2),
                new Flatten(),
                new Linear(12, 2, true, rng, D));
    }

    @Test
    void forwardChainsTheLayersInOrder() {
        Sequential net = convNet(1);
        Tensor x = randomInput(2, 2, 2, 4, 4);
        net.eval(); // batch norm uses its running stats, so both passes see the same numbers
        Tensor viaNet = net.forward(x);
        Tensor manual = x;
        for (Layer l : net.layers()) {
            manual = l.forward(manual);
        }
        assertClose(values(manual.data()), new long[] {2, 2}, viaNet.data(), 0);
    }

    @Test
    void childrenAreNumberedLikePyTorch() {
        Sequential net = convNet(1);
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "5.weight", "5.bias"), List.copyOf(net.namedParameters().keySet()));
        assertEquals(List.of("1.running_mean", "1.running_var", "1.num_batches_tracked"), List.copyOf(net.namedBuffers().keySet()));
        assertEquals(6, net.size());
        assertTrue(net.get(5) instanceof Linear);
    }

    @Test
    void nestedPathsAreDotted() {
        Rng rng = new Rng(3);
        Sequential outer = new Sequential(new MLP(new int[] {4, 8, 3}, Activation::tanh, 0, rng, D),
                new MLP(new int[] {3, 5, 2}, Activation::relu, 0.2, rng, D));
        assertEquals(List.of("0.0.weight", "0.0.bias", "0.2.weight", "0.2.bias", "1.0.weight", "1.0.bias", "1.3.weight", "1.3.bias"),
                List.copyOf(outer.namedParameters().keySet()));
        assertEquals(4 * 8 + 8 + 8 * 3 + 3 + 3 * 5 + 5 + 5 * 2 + 2, outer.parameterCount());
    }

    @Test
    void trainAndEvalReachEveryDescendant() {
        Sequential outer = new Sequential(convNet(1), new Dropout(0.5));
        outer.eval();
        assertFalse(((Sequential) outer.get(0)).get(1).isTraining());
        assertFalse(outer.get(1).isTraining());
        outer.train();
        assertTrue(((Sequential) outer.get(0)).get(1).isTraining());
    }

    @Test
    void stateDictRoundTripReproducesOutputs() {
        Sequential a = convNet(1), b = convNet(2);
        Tensor x = randomInput(4, 2, 2, 4, 4);
        a.forward(x); // non-trivial running stats
        a.eval();
        b.eval();
        assertTrue(a.forward(x).data().sub(b.forward(x).data()).amaxNumber().doubleValue() > 1e-3);
        Map<String, INDArray> state = new HashMap<>();
        a.stateDict().forEach((k, v) -> state.put(k, v.dup()));
        b.loadStateDict(state);
        assertClose(values(a.forward(x).data()), new long[] {2, 2}, b.forward(x).data(), 0);
        assertEquals(a.stateDict().keySet(), b.stateDict().keySet());
    }

    @Test
    void loadingAMismatchedShapeNamesTheParameter() {
        Sequential a = convNet(1);
        Map<String, INDArray> state = new HashMap<>(a.stateDict());
        state.put("5.weight", Nd4j.zeros(D, 3, 12));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.loadStateDict(state));
        assertTrue(e.getMessage().contains("5.weight") && e.getMessage().contains("[2, 12]") && e.getMessage().contains("[3, 12]"), e.getMessage());
        state.remove("5.weight");
        e = assertThrows(IllegalArgumentException.class, () -> a.loadStateDict(state));
        assertTrue(e.getMessage().contains("5.weight") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void gradientsOfAllParameters() {
        Sequential net = convNet(5);
        Tensor x = randomInput(6, 2, 2, 4, 4);
        LayerCheck.checkParameters(net, () -> net.forward(x), x);
    }
}
