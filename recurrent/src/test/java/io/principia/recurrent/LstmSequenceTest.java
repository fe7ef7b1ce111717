package io.principia.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.principia.core.autograd.Grad;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

/**
 * The fused float32 unroll ({@link LstmSequence}) against the per-step cells, whose gradients
 * {@code CellGradientTest} checks against finite differences in float64: same weights, same
 * inputs, outputs and every gradient equal to float32 rounding.
 */
class LstmSequenceTest {
    static final DataType F = DataType.FLOAT;

    @Test
    void rationalTanhAndSigmoidAreAccurateEverywhere() {
        double worstTanh = 0, worstSigmoid = 0;
        float[] xs = new float[400_001];
        for (int k = 0; k < xs.length; k++) {
            xs[k] = -20f + k * 1e-4f;
        }
        float[] th = xs.clone();
        float[] sg = xs.clone();
        RationalTanh.tanhInPlace(th, 0, th.length);
        RationalTanh.sigmoidInPlace(sg, 0, sg.length);
        for (int k = 0; k < xs.length; k++) {
            worstTanh = Math.max(worstTanh, Math.abs(th[k] - Math.tanh(xs[k])));
            worstSigmoid = Math.max(worstSigmoid, Math.abs(sg[k] - 1 / (1 + Math.exp(-xs[k]))));
            assertEquals(th[k], RationalTanh.tanh(xs[k]), 0f);
        }
        assertTrue(worstTanh < 4e-7, "tanh off by " + worstTanh);
        assertTrue(worstSigmoid < 2e-7, "sigmoid off by " + worstSigmoid);
    }

    @Test
    void fusedLstmMatchesTheStepwiseCellWithAllGradients() {
        compare(() -> new LstmCell(3, 37, new Rng(5), F), 4, 6, false);
    }

    @Test
    void fusedMomentumLstmMatchesTheStepwiseCellIncludingLearnableMuAndS() {
        compare(() -> new MomentumLstmCell(3, 37, Coefficient.learnable(0.6), Coefficient.learnable(0.7), new Rng(6), F), 4, 6, true);
    }

    @Test
    void inputsWiderThanFourTakeTheBlasPathAndMatchToo() {
        compare(() -> new LstmCell(LstmSequence.JAVA_INPUT_MAX + 3, 11, new Rng(12), F), 3, 5, false);
        compare(() -> new MomentumLstmCell(LstmSequence.JAVA_INPUT_MAX + 3, 11, Coefficient.learnable(0.5), Coefficient.learnable(0.9),
                new Rng(13), F), 3, 5, true);
    }

    @Test
    void batchOfOneAndASingleStepWork() {
        compare(() -> new LstmCell(2, 5, new Rng(7), F), 1, 1, false);
        compare(() -> new MomentumLstmCell(2, 5, Coefficient.fixed(0.6), Coefficient.fixed(0.6), new Rng(8), F), 1, 3, true);
    }

    @Test
    void subclassesWithAnotherUpdateKeepTheStepwisePath() {
        assertTrue(new LstmCell(1, 2, new Rng(1), F).hasSequenceKernel());
        assertTrue(new MomentumLstmCell(1, 2, Coefficient.fixed(0.6), Coefficient.fixed(0.6), new Rng(1), F).hasSequenceKernel());
        assertFalse(new AdamLstmCell(1, 2, Coefficient.fixed(0.6), Coefficient.fixed(0.6), 0.1, 1e-8, new Rng(1), F).hasSequenceKernel());
        assertFalse(new NesterovLstmCell(1, 2, Coefficient.fixed(1), 2, new Rng(1), F).hasSequenceKernel());
    }

    @Test
    void aLossOnTheFinalCellStateAloneAndTwoTruncatedSegmentsMatchTheStepwisePath() {
        MomentumLstmCell cell = new MomentumLstmCell(2, 6, Coefficient.learnable(0.6), Coefficient.learnable(0.6), new Rng(14), F);
        Rng rng = new Rng(15);
        Tensor x1 = Tensor.of(rng.normal(F, 0, 1, 3, 4, 2)), x2 = Tensor.of(rng.normal(F, 0, 1, 3, 5, 2)); // no gradient on x
        List<INDArray> grads = new ArrayList<>();
        for (boolean fused : new boolean[] {false, true}) {
            cell.zeroGrad();
            Recurrent r = new Recurrent(cell).useFusedKernel(fused);
            Recurrent.Result first = r.forward(x1);
            first.state().c().sum().backward();                       // only c_T: the sequence node gets a zero gradient on h
            Recurrent.Result second = r.forward(x2, null, first.state().detach());
            second.last().sum().add(second.state().v().sum()).backward();
            cell.namedParameters().values().forEach(p -> grads.add(p.grad().dup()));
        }
        int n = grads.size() / 2;
        for (int k = 0; k < n; k++) {
            assertClose(grads.get(k), grads.get(n + k), 1e-5, "parameter gradient #" + k);
        }
    }

    @Test
    void aMissingOrMisshapenInitialStateIsNamed() {
        LstmCell cell = new LstmCell(1, 4, new Rng(1), F);
        Tensor x = Tensor.zeros(F, 2, 3, 1);
        var noC = assertThrows(IllegalArgumentException.class,
                () -> new Recurrent(cell).forward(x, null, State.of(Tensor.zeros(F, 2, 4))));
        assertEquals("LSTM initial state c must be [2, 4], got none", noC.getMessage());
        MomentumLstmCell mc = new MomentumLstmCell(1, 4, Coefficient.fixed(0.5), Coefficient.fixed(0.5), new Rng(1), F);
        var badV = assertThrows(IllegalArgumentException.class, () -> new Recurrent(mc).forward(x, null,
                new State(Tensor.zeros(F, 2, 4), Tensor.zeros(F, 2, 4), Tensor.zeros(F, 2, 4), null, 1)));
        assertEquals("LSTM initial state v must be [2, 16], got [2, 4]", badV.getMessage());
    }

    @Test
    void withoutGradientsTheFusedForwardGivesTheSameValues() {
        LstmCell cell = new LstmCell(3, 9, new Rng(9), F);
        Tensor x = Tensor.of(new Rng(10).normal(F, 0, 1, 2, 5, 3));
        INDArray withGrad = new Recurrent(cell).forward(x).all().data();
        INDArray stepwise = new Recurrent(cell).useFusedKernel(false).forward(x).all().data();
        try (var off = Grad.off()) {
            INDArray noGrad = new Recurrent(cell).forward(x).all().data();
            assertEquals(0, withGrad.sub(noGrad).amaxNumber().doubleValue(), 0.0);
        }
        assertClose(stepwise, withGrad, 2e-6, "h");
    }

    /**
     * Runs both paths from a random initial state that needs a gradient, with a loss that reads
     * every hidden state, the last h, the final c and (momentum) the final v.
     */
    private static <C extends LstmCell> void compare(Supplier<C> make, int batch, int steps, boolean momentum) {
        C cell = make.get();
        int f = cell.inputSize(), h = cell.hiddenSize();
        Rng rng = new Rng(11);
        INDArray x = rng.normal(F, 0, 1, batch, steps, f);
        INDArray h0 = rng.normal(F, 0, 0.5, batch, h), c0 = rng.normal(F, 0, 0.5, batch, h), v0 = rng.normal(F, 0, 0.5, batch, 4 * h);
        INDArray wAll = rng.normal(F, 0, 1, batch, steps, h), wLast = rng.normal(F, 0, 1, batch, h);
        INDArray wC = rng.normal(F, 0, 1, batch, h), wV = rng.normal(F, 0, 1, batch, 4 * h);
        List<INDArray[]> runs = new ArrayList<>();
        for (boolean fused : new boolean[] {false, true}) {
            cell.zeroGrad();
            Tensor xt = Tensor.param(x.dup()), h0t = Tensor.param(h0.dup()), c0t = Tensor.param(c0.dup());
            Tensor v0t = momentum ? Tensor.param(v0.dup()) : null;
            Recurrent.Result r = new Recurrent(cell).useFusedKernel(fused).forward(xt, null, new State(h0t, c0t, v0t, null, 1));
            Tensor loss = r.all().mul(Tensor.of(wAll)).sum().add(r.last().mul(Tensor.of(wLast)).sum())
                    .add(r.state().c().mul(Tensor.of(wC)).sum());
            if (momentum) {
                loss = loss.add(r.state().v().mul(Tensor.of(wV)).sum());
            }
            loss.backward();
            List<INDArray> out = new ArrayList<>(List.of(r.all().data().dup(), r.last().data().dup(), r.state().c().data().dup(),
                    xt.grad(), h0t.grad(), c0t.grad()));
            if (momentum) {
                out.add(r.state().v().data().dup());
                out.add(v0t.grad());
            }
            cell.namedParameters().forEach((name, p) -> {
                assertNotNull(p.grad(), name + " has no gradient (fused=" + fused + ")");
                out.add(p.grad().dup());
            });
            runs.add(out.toArray(new INDArray[0]));
        }
        INDArray[] step = runs.get(0), fused = runs.get(1);
        for (int k = 0; k < step.length; k++) {
            assertClose(step[k], fused[k], 1e-5, "output/gradient #" + k);
        }
    }

    /** max |a − b| ≤ tol · max(1, max |a|). */
    private static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what);
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= tol * scale, what + ": off by " + diff + " at scale " + scale);
    }
}
