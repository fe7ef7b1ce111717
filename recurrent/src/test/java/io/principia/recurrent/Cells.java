package io.principia.recurrent;

import io.principia.core.nn.Module;
import io.principia.core.util.Rng;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.nd4j.linalg.api.buffer.DataType;

/** One float64 instance of every cell (random PyTorch-style weights), by name, for the shared tests. */
final class Cells {
    private Cells() {}

    static final DataType D = DataType.DOUBLE;

    /** Every cell with input size f and hidden size h, learnable coefficients where the cell has them. */
    static Map<String, Supplier<Module>> all(int f, int h, long seed) {
        Map<String, Supplier<Module>> m = new LinkedHashMap<>();
        CellInit init = CellInit.PYTORCH;
        m.put("rnn", () -> new RnnCell(f, h, init, new Rng(seed), D));
        m.put("gru", () -> new GruCell(f, h, init, new Rng(seed), D));
        m.put("lstm", () -> new LstmCell(f, h, init, new Rng(seed), D));
        m.put("momentumRnn", () -> new MomentumRnnCell(f, h, Coefficient.learnable(0.6), Coefficient.learnable(0.7), init, new Rng(seed), D));
        m.put("adamRnn", () -> new AdamRnnCell(f, h, Coefficient.learnable(0.5), Coefficient.fixed(0.8), 0.4, 1e-3, init, new Rng(seed), D));
        m.put("rmsPropRnn", () -> new RmsPropRnnCell(f, h, Coefficient.learnable(0.8), 0.6, 1e-3, init, new Rng(seed), D));
        m.put("momentumLstm", () -> new MomentumLstmCell(f, h, Coefficient.learnable(0.6), Coefficient.learnable(0.7), init, new Rng(seed), D));
        m.put("adamLstm", () -> new AdamLstmCell(f, h, Coefficient.learnable(0.5), Coefficient.learnable(0.8), 0.4, 1e-3, init, new Rng(seed), D));
        m.put("rmsPropLstm", () -> new RmsPropLstmCell(f, h, Coefficient.fixed(0.8), 0.6, 1e-3, init, new Rng(seed), D));
        m.put("nesterovLstm", () -> new NesterovLstmCell(f, h, Coefficient.learnable(0.9), 3, NesterovLstmCell.Formula.NAG, init, new Rng(seed), D));
        m.put("nesterovLstmMomentum", () -> new NesterovLstmCell(f, h, Coefficient.learnable(0.9), 3,
                NesterovLstmCell.Formula.SCHEDULED_MOMENTUM, init, new Rng(seed), D));
        return m;
    }

    @SuppressWarnings("unchecked")
    static <C extends Module & Cell> Recurrent runner(Module cell) {
        return new Recurrent((C) cell);
    }
}
