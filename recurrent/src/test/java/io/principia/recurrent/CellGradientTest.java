package io.principia.recurrent;

import static io.principia.core.testing.GradCheck.randomInput;

import io.principia.core.nn.Module;
import io.principia.core.ops.Slicing;
import io.principia.core.tensor.Tensor;
import io.principia.core.testing.LayerCheck;

import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.factory.Nd4j;

import java.util.stream.Stream;

/**
 * Float64 gradient checks of every cell unrolled by the runner, with respect to the input sequence
 * and every parameter (the learnable μ and s included), through 4 steps (the Nesterov cells, with
 * restart period 3, pass a restart). The checked output is every hidden state plus the final c
 * (when the cell has one), so gradients reach the state through both h and c.
 */
class CellGradientTest {

    static Tensor outputs(Recurrent rnn, Tensor x, Tensor mask, State init) {
        Recurrent.Result r = rnn.forward(x, mask, init);
        Tensor all = r.all().reshape(x.size(0), -1);                        // [B, T·H]
        return r.state().c() == null ? all : Slicing.concat(1, all, r.state().c());
    }

    @TestFactory
    Stream<DynamicTest> everyCellThroughFourSteps() {
        return Cells.all(3, 2, 7).entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Module cell = e.getValue().get();
            Recurrent rnn = Cells.runner(cell);
            Tensor x = randomInput(1, 2, 4, 3);                                // [B, T, F]
            LayerCheck.checkParameters(rnn, () -> outputs(rnn, x, null, null), x);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyCellWithMaskAndInitialState() {
        Map<String, Supplier<Module>> cells = Cells.all(2, 2, 9);
        return cells.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Module cell = e.getValue().get();
            Recurrent rnn = Cells.runner(cell);
            Tensor x = randomInput(2, 3, 3, 2);
            Tensor mask = Tensor.of(Nd4j.create(new double[] {1, 1, 1, 1, 0, 0, 0, 1, 1}, new long[] {3, 3}, 'c'));
            State zero = ((Cell) cell).initialState(3, Cells.D);
            Tensor h0 = randomInput(3, 3, 2);
            Tensor c0 = zero.c() == null ? null : randomInput(4, 3, 2);
            Tensor v0 = zero.v() == null ? null : randomInput(5, zero.v().shape());
            Tensor r0 = zero.r() == null ? null : Tensor.param(Nd4j.rand(Cells.D, zero.r().shape()).addi(0.5));
            State init = new State(h0, c0, v0, r0, 2);
            Tensor[] extra = Stream.of(x, h0, c0, v0, r0).filter(t -> t != null).toArray(Tensor[]::new);
            LayerCheck.checkParameters(rnn, () -> outputs(rnn, x, mask, init), extra);
        }));
    }
}
