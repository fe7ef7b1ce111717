package io.principia.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.principia.core.nn.Module;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The exact cell outputs of spec §7.1 (official mnist-timit/momentumnet.py cells, torch float64):
 * d = 1, H = 2, two identical rows, x2h.weight = [0.1, ..., 0.8]ᵀ, h2h.weight = eye_(8×2), biases
 * zero except the forget slice [2:4] = 1.0 in both (the official defaults), inputs 1.0, −1.0, 0.5.
 */
class CellSpecValuesTest {
    static final DataType D = DataType.DOUBLE;
    static final double TOL = 1e-11;
    static final double[] LSTM_H = {0.055868343271, 0.078631390652};
    static final double[] LSTM_C = {0.095527622548, 0.132102708557};

    /** Sets the spec's x2h weight; everything else is the official initialization. */
    static <C extends Module & Cell> State run(C cell) {
        ((AbstractCell) cell).x2h.weight.data().assign(Nd4j.create(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}, new long[] {8, 1}, 'c'));
        Tensor x = Tensor.of(Nd4j.create(new double[] {1.0, -1.0, 0.5, 1.0, -1.0, 0.5}, new long[] {2, 3, 1}, 'c'));
        return new Recurrent(cell).forward(x).state();
    }

    static void assertRows(double[] h, double[] c, State s) {
        for (int b = 0; b < 2; b++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(h[j], s.h().data().getDouble(b, j), TOL, "h[" + b + "," + j + "]");
                assertEquals(c[j], s.c().data().getDouble(b, j), TOL, "c[" + b + "," + j + "]");
            }
        }
    }

    static Rng rng() { return new Rng(0); }

    @Test
    void lstm() {
        assertRows(LSTM_H, LSTM_C, run(new LstmCell(1, 2, rng(), D)));
    }

    @Test
    void officialInitIsTheSpecConfiguration() {
        LstmCell cell = new LstmCell(1, 2, rng(), D);
        assertEquals(Nd4j.create(new double[][] {{1, 0}, {0, 1}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}}), cell.h2h.weight.data());
        assertEquals(Nd4j.create(new double[] {0, 0, 1, 1, 0, 0, 0, 0}), cell.x2h.bias.data());
        assertEquals(Nd4j.create(new double[] {0, 0, 1, 1, 0, 0, 0, 0}), cell.h2h.bias.data());
        assertEquals(1.0, cell.x2h.weight.data().norm2Number().doubleValue(), 1e-12); // d = 1: a unit-norm column
    }

    @Test
    void momentumLstmWithMuZeroAndSOneIsTheLstm() {
        assertRows(LSTM_H, LSTM_C, run(new MomentumLstmCell(1, 2, Coefficient.fixed(0), Coefficient.fixed(1), rng(), D)));
    }

    @Test
    void momentumLstm() {
        assertRows(new double[] {0.053465968952, 0.065913064051}, new double[] {0.101750641537, 0.124735693319},
                run(new MomentumLstmCell(1, 2, Coefficient.fixed(0.6), Coefficient.fixed(0.6), rng(), D)));
    }

    @Test
    void adamLstm() {
        assertRows(new double[] {0.188438471514, 0.189209102078}, new double[] {0.344742951492, 0.346267961092},
                run(new AdamLstmCell(1, 2, Coefficient.fixed(0.6), Coefficient.fixed(0.6), 0.1, 1e-16, rng(), D)));
    }

    @Test
    void rmsPropLstm() {
        assertRows(new double[] {0.443857963631, 0.438858792019}, new double[] {0.809396682323, 0.795866309413},
                run(new RmsPropLstmCell(1, 2, Coefficient.fixed(0.6), 0.9, 1e-16, rng(), D)));
    }

    @Test
    void srLstmWithoutRestart() {
        assertRows(new double[] {-0.057599830020, -0.059115735336}, new double[] {-0.184052498291, -0.204439225871},
                run(new NesterovLstmCell(1, 2, Coefficient.fixed(1), NesterovLstmCell.NO_RESTART, rng(), D)));
    }

    @Test
    void srLstmRestartTwo() {
        assertRows(new double[] {-0.015996667160, -0.017580373069}, new double[] {-0.038716351523, -0.043835263173},
                run(new NesterovLstmCell(1, 2, Coefficient.fixed(1), 2, rng(), D)));
    }

    @Test
    void srLstmWithSMinusOneAndRestartOneIsTheLstm() {
        assertRows(LSTM_H, LSTM_C, run(new NesterovLstmCell(1, 2, Coefficient.fixed(-1), 1, rng(), D)));
    }
}
