package io.principia.recurrent;

import static io.principia.core.testing.GradCheck.randomInput;
import static io.principia.core.testing.TestArrays.assertClose;
import static io.principia.core.testing.TestArrays.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.nn.Module;
import io.principia.core.tensor.Tensor;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The runner: masks, truncated-BPTT carry, batch size 1, last vs all outputs, bad input. */
class RecurrentTest {

    static void assertStatesEqual(State expected, State actual, double tol) {
        assertClose(values(expected.h().data()), expected.h().shape(), actual.h().data(), tol);
        if (expected.c() != null) {
            assertClose(values(expected.c().data()), expected.c().shape(), actual.c().data(), tol);
        }
        if (expected.v() != null) {
            assertClose(values(expected.v().data()), expected.v().shape(), actual.v().data(), tol);
        }
        if (expected.r() != null) {
            assertClose(values(expected.r().data()), expected.r().shape(), actual.r().data(), tol);
        }
        assertEquals(expected.k(), actual.k(), "restart counter");
    }

    static Stream<DynamicTest> forEveryCell(String what, java.util.function.Consumer<Recurrent> test) {
        return Cells.all(3, 4, 11).entrySet().stream()
                .map(e -> DynamicTest.dynamicTest(what + " " + e.getKey(), () -> test.accept(Cells.runner(e.getValue().get()))));
    }

    @TestFactory
    Stream<DynamicTest> paddedSequenceEndsInTheStateOfTheShorterOne() {
        return forEveryCell("mask", rnn -> {
            Tensor x = randomInput(1, 3, 7, 3);                                  // [B, T, F], lengths 7, 4, 1
            Tensor mask = Masks.fromLengths(new long[] {7, 4, 1}, 7, DataType.DOUBLE);
            Recurrent.Result padded = rnn.forward(x, mask, null);
            long[] lengths = {7, 4, 1};
            for (int b = 0; b < 3; b++) {
                Tensor row = Tensor.of(x.data().get(NDArrayIndex.interval(b, b + 1), NDArrayIndex.interval(0, lengths[b]), NDArrayIndex.all()).dup('c'));
                State alone = rnn.forward(row).state();
                assertClose(values(alone.h().data()), new long[] {1, 4}, padded.last().data().getRow(b, true), 1e-12);
                if (alone.c() != null) {
                    assertClose(values(alone.c().data()), new long[] {1, 4}, padded.state().c().data().getRow(b, true), 1e-12);
                }
            }
            // all(): zero at masked steps, h_t at real ones
            assertEquals(0.0, padded.all().data().get(NDArrayIndex.point(1), NDArrayIndex.interval(4, 7), NDArrayIndex.all()).amaxNumber().doubleValue());
            assertEquals(0.0, padded.all().data().get(NDArrayIndex.point(2), NDArrayIndex.interval(1, 7), NDArrayIndex.all()).amaxNumber().doubleValue());
        });
    }

    @TestFactory
    Stream<DynamicTest> carriedStateEqualsOneLongCall() {
        return forEveryCell("tbptt", rnn -> {
            Tensor x = randomInput(2, 2, 8, 3);
            State whole = rnn.forward(x).state();
            Tensor first = Tensor.of(x.data().get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4), NDArrayIndex.all()).dup('c'));
            Tensor second = Tensor.of(x.data().get(NDArrayIndex.all(), NDArrayIndex.interval(4, 8), NDArrayIndex.all()).dup('c'));
            State carried = rnn.forward(first).state().detach();
            assertFalse(carried.h().requiresGrad());
            assertStatesEqual(whole, rnn.forward(second, null, carried).state(), 1e-13);
        });
    }

    @TestFactory
    Stream<DynamicTest> batchSizeOneMatchesTheSameRowInABatch() {
        return forEveryCell("batch1", rnn -> {
            Tensor x = randomInput(3, 3, 5, 3);
            Recurrent.Result batch = rnn.forward(x);
            Tensor row = Tensor.of(x.data().get(NDArrayIndex.interval(1, 2), NDArrayIndex.all(), NDArrayIndex.all()).dup('c'));
            Recurrent.Result one = rnn.forward(row);
            assertArrayEquals(new long[] {1, 4}, one.last().shape());
            assertArrayEquals(new long[] {1, 5, 4}, one.all().shape());
            assertClose(values(batch.last().data().getRow(1, true)), new long[] {1, 4}, one.last().data(), 1e-13);
            one.all().sum().backward();                                          // backward works at B = 1
        });
    }

    @TestFactory
    Stream<DynamicTest> lastIsTheFinalStepOfAll() {
        return forEveryCell("last", rnn -> {
            Tensor x = randomInput(4, 2, 6, 3);
            Recurrent.Result r = rnn.forward(x);
            assertArrayEquals(new long[] {2, 6, 4}, r.all().shape());
            assertClose(values(r.last().data()), new long[] {2, 4},
                    r.all().data().get(NDArrayIndex.all(), NDArrayIndex.point(5), NDArrayIndex.all()), 0);
            assertClose(values(r.state().h().data()), new long[] {2, 4}, r.last().data(), 0);
        });
    }

    @Test
    void fullyMaskedStepsKeepTheStateAndLeftPaddingWorks() {
        Module cell = Cells.all(3, 4, 5).get("momentumLstm").get();
        Recurrent rnn = Cells.runner(cell);
        Tensor x = randomInput(5, 2, 5, 3);
        // both rows padded on the left for two steps: the same as running the last three steps
        Tensor mask = Tensor.of(Nd4j.create(new double[] {0, 0, 1, 1, 1, 0, 0, 1, 1, 1}, new long[] {2, 5}, 'c'));
        Tensor tail = Tensor.of(x.data().get(NDArrayIndex.all(), NDArrayIndex.interval(2, 5), NDArrayIndex.all()).dup('c'));
        assertStatesEqual(rnn.forward(tail).state(), rnn.forward(x, mask, null).state(), 1e-13);
    }

    @Test
    void nesterovRestartCounterCyclesAndCanBeReset() {
        Module cell = Cells.all(3, 4, 5).get("nesterovLstm").get();          // restart period 3
        Recurrent rnn = Cells.runner(cell);
        assertEquals(3, rnn.forward(randomInput(6, 1, 2, 3)).state().k());  // after k = 1, 2
        assertEquals(1, rnn.forward(randomInput(6, 1, 3, 3)).state().k());  // k = 3 restarts
        assertEquals(2, rnn.forward(randomInput(6, 1, 4, 3)).state().k());
        assertEquals(1, rnn.forward(randomInput(6, 1, 4, 3)).state().restartCounter().k());
        assertEquals(0.0, NesterovLstmCell.kappa(1));
        assertEquals(0.25, NesterovLstmCell.kappa(2));
        assertEquals(0.4, NesterovLstmCell.kappa(3), 1e-15);
    }

    @Test
    void parametersAreNamedLikeTheOfficialCode() {
        Module cell = Cells.all(3, 4, 5).get("momentumLstm").get();
        Recurrent rnn = Cells.runner(cell);
        assertEquals(java.util.List.of("cell.mu", "cell.s", "cell.x2h.weight", "cell.x2h.bias", "cell.h2h.weight", "cell.h2h.bias"),
                java.util.List.copyOf(rnn.namedParameters().keySet()));
        MomentumLstmCell m = (MomentumLstmCell) cell;
        assertEquals(0.6, m.mu.value(), 1e-12);                              // the raw θ stores logit(0.6)
        assertEquals(Math.log(0.6 / 0.4), m.mu.raw().item(), 1e-12);
        assertEquals(0.7, m.s.value(), 1e-12);                               // softplus(θ) = 0.7
        assertArrayEquals(new long[] {16, 3}, m.x2h.weight.shape());
        assertArrayEquals(new long[] {16, 4}, m.h2h.weight.shape());
        assertNotNull(m.initialState(2, DataType.DOUBLE).v());
        assertNull(m.initialState(2, DataType.DOUBLE).r());
    }

    @Test
    void floatRunsToo() {
        LstmCell cell = new LstmCell(3, 4, new io.principia.core.util.Rng(1), DataType.FLOAT);
        Recurrent rnn = new Recurrent(cell);
        Tensor x = Tensor.of(Nd4j.rand(DataType.FLOAT, 2, 5, 3));
        Recurrent.Result r = rnn.forward(x);
        assertEquals(DataType.FLOAT, r.last().dtype());
        r.all().sum().backward();
        assertNotNull(cell.h2h.weight.grad());
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void wrongRankOrFeatureSizeNamesBothShapes() {
        Recurrent rnn = new Recurrent(new LstmCell(3, 4, new io.principia.core.util.Rng(1), Cells.D));
        String rank = assertThrows(IllegalArgumentException.class, () -> rnn.forward(randomInput(1, 2, 3))).getMessage();
        assertTrue(rank.contains("[B, T, 3]") && rank.contains("[2, 3]"), rank);
        String feat = assertThrows(IllegalArgumentException.class, () -> rnn.forward(randomInput(1, 2, 5, 4))).getMessage();
        assertTrue(feat.contains("[B, T, 3]") && feat.contains("[2, 5, 4]"), feat);
    }

    @Test
    void maskShorterThanTheSequenceIsAnError() {
        Recurrent rnn = new Recurrent(new LstmCell(3, 4, new io.principia.core.util.Rng(1), Cells.D));
        Tensor x = randomInput(1, 2, 5, 3);
        String msg = assertThrows(IllegalArgumentException.class,
                () -> rnn.forward(x, Masks.fromLengths(new long[] {3, 2}, 3, Cells.D), null)).getMessage();
        assertTrue(msg.contains("[2, 5]") && msg.contains("[2, 3]") && msg.contains("longer than the mask"), msg);
        String len = assertThrows(IllegalArgumentException.class, () -> Masks.fromLengths(new long[] {3, 6}, 5, Cells.D)).getMessage();
        assertTrue(len.contains("length 6") && len.contains("5 steps"), len);
        Tensor notBinary = Tensor.of(Nd4j.valueArrayOf(new long[] {2, 5}, 0.5, Cells.D));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rnn.forward(x, notBinary, null)).getMessage().contains("0 or 1"));
    }

    @Test
    void initialStateOfTheWrongBatchIsAnError() {
        LstmCell cell = new LstmCell(3, 4, new io.principia.core.util.Rng(1), Cells.D);
        Recurrent rnn = new Recurrent(cell);
        String msg = assertThrows(IllegalArgumentException.class,
                () -> rnn.forward(randomInput(1, 2, 5, 3), null, cell.initialState(3, Cells.D))).getMessage();
        assertTrue(msg.contains("[3, 4]") && msg.contains("[2, 4]"), msg);
    }

    @Test
    void coefficientsOutsideTheirRangeAreErrors() {
        var rng = new io.principia.core.util.Rng(1);
        assertMessage("mu = 1.0", () -> new MomentumLstmCell(1, 2, Coefficient.fixed(1.0), Coefficient.fixed(0.5), rng, Cells.D));
        assertMessage("mu = -0.1", () -> new MomentumLstmCell(1, 2, Coefficient.fixed(-0.1), Coefficient.fixed(0.5), rng, Cells.D));
        assertMessage("mu = 0.0", () -> new MomentumRnnCell(1, 2, Coefficient.learnable(0.0), Coefficient.fixed(0.5), rng, Cells.D));
        assertMessage("s = 0.0", () -> new MomentumLstmCell(1, 2, Coefficient.fixed(0.5), Coefficient.fixed(0.0), rng, Cells.D));
        assertMessage("s = -1.0", () -> new AdamLstmCell(1, 2, Coefficient.fixed(0.5), Coefficient.fixed(-1), 0.9, 1e-8, rng, Cells.D));
        assertMessage("beta = 1.0", () -> new RmsPropLstmCell(1, 2, Coefficient.fixed(0.5), 1.0, 1e-8, rng, Cells.D));
        assertMessage("epsilon = 0.0", () -> new AdamRnnCell(1, 2, Coefficient.fixed(0.5), Coefficient.fixed(0.5), 0.9, 0.0, rng, Cells.D));
        assertMessage("restart period = 0", () -> new NesterovLstmCell(1, 2, Coefficient.fixed(1), 0, rng, Cells.D));
        assertMessage("s = 0.0", () -> new NesterovLstmCell(1, 2, Coefficient.fixed(0), 2, rng, Cells.D));
        assertMessage("s = -1.0", () -> new NesterovLstmCell(1, 2, Coefficient.fixed(-1), 2, NesterovLstmCell.Formula.SCHEDULED_MOMENTUM,
                CellInit.OFFICIAL, rng, Cells.D));
        assertMessage("hidden=0", () -> new GruCell(3, 0, rng, Cells.D));
    }

    static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        String msg = assertThrows(IllegalArgumentException.class, e).getMessage();
        assertTrue(msg.contains(part), msg);
    }
}
