package io.principia.recurrent;

import static io.principia.core.testing.GradCheck.randomInput;
import static io.principia.core.testing.TestArrays.assertClose;
import static io.principia.core.testing.TestArrays.values;

import io.principia.core.nn.Module;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The exact reductions of spec §1.2-1.4 on random weights shared between the two cells: every
 * hidden state and the final c agree to rounding.
 */
class ReductionsTest {
    static final DataType D = DataType.DOUBLE;
    static final Tensor X = randomInput(21, 3, 6, 4);   // [B, T, F]

    /** Copies {@code reference}'s x2h/h2h weights into {@code cell} and compares both runs. */
    static <A extends Module & Cell, B extends Module & Cell> void assertSame(A reference, B cell) {
        cell.loadStateDict(reference.stateDict(), false);
        Recurrent.Result want = new Recurrent(reference).forward(X), got = new Recurrent(cell).forward(X);
        assertClose(values(want.all().data()), want.all().shape(), got.all().data(), 1e-14);
        if (want.state().c() != null) {
            assertClose(values(want.state().c().data()), want.state().c().shape(), got.state().c().data(), 1e-14);
        }
    }

    static LstmCell lstm() { return new LstmCell(4, 5, CellInit.PYTORCH, new Rng(3), D); }

    static RnnCell rnn() { return new RnnCell(4, 5, new Rng(3), D); }

    static Rng other() { return new Rng(99); }

    @Test
    void momentumLstmWithMuZeroSOneIsTheLstm() {
        assertSame(lstm(), new MomentumLstmCell(4, 5, Coefficient.fixed(0), Coefficient.fixed(1), other(), D));
    }

    @Test
    void rmsPropLstmIsAdamLstmWithMuZero() {
        AdamLstmCell adam = new AdamLstmCell(4, 5, Coefficient.fixed(0), Coefficient.fixed(0.6), 0.9, 1e-16, other(), D);
        assertSame(adam, new RmsPropLstmCell(4, 5, Coefficient.fixed(0.6), 0.9, 1e-16, new Rng(7), D));
    }

    @Test
    void nesterovNagWithSMinusOneAndRestartOneIsTheLstm() {
        assertSame(lstm(), new NesterovLstmCell(4, 5, Coefficient.fixed(-1), 1, other(), D));
    }

    @Test
    void nesterovScheduledMomentumWithSOneAndRestartOneIsTheLstm() {
        assertSame(lstm(), new NesterovLstmCell(4, 5, Coefficient.fixed(1), 1, NesterovLstmCell.Formula.SCHEDULED_MOMENTUM,
                CellInit.OFFICIAL, other(), D));
    }

    @Test
    void nesterovScheduledMomentumIsMomentumLstmWhileKappaIsZero() {
        // with restart period 1, κ ≡ 0, so v_t = s g_t: MomentumLSTM with μ = 0 and the same s
        MomentumLstmCell momentum = new MomentumLstmCell(4, 5, Coefficient.fixed(0), Coefficient.fixed(0.3), other(), D);
        assertSame(momentum, new NesterovLstmCell(4, 5, Coefficient.fixed(0.3), 1, NesterovLstmCell.Formula.SCHEDULED_MOMENTUM,
                CellInit.OFFICIAL, new Rng(8), D));
    }

    @Test
    void momentumRnnWithMuZeroSOneIsTheRnn() {
        assertSame(rnn(), new MomentumRnnCell(4, 5, Coefficient.fixed(0), Coefficient.fixed(1), other(), D));
    }

    @Test
    void rmsPropRnnIsAdamRnnWithMuZero() {
        AdamRnnCell adam = new AdamRnnCell(4, 5, Coefficient.fixed(0), Coefficient.fixed(0.6), 0.9, 1e-8, other(), D);
        assertSame(adam, new RmsPropRnnCell(4, 5, Coefficient.fixed(0.6), 0.9, 1e-8, new Rng(7), D));
    }

    @Test
    void learnableCoefficientsAtTheSameValuesGiveTheSameOutputs() {
        MomentumLstmCell fixed = new MomentumLstmCell(4, 5, Coefficient.fixed(0.6), Coefficient.fixed(0.6), other(), D);
        MomentumLstmCell learn = new MomentumLstmCell(4, 5, Coefficient.learnable(0.6), Coefficient.learnable(0.6), new Rng(5), D);
        learn.x2h.loadStateDict(fixed.x2h.stateDict());
        learn.h2h.loadStateDict(fixed.h2h.stateDict());
        Recurrent.Result want = new Recurrent(fixed).forward(X), got = new Recurrent(learn).forward(X);
        assertClose(values(want.all().data()), want.all().shape(), got.all().data(), 1e-13);
    }
}
