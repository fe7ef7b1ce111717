package io.principia.recurrent;

import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The LSTM cell as in the MomentumRNN code (spec §1.1), PyTorch gate order (i, f, g, o):
 * <pre>
 *   z_t = (W_x x_t + b_x) + (U h_{t−1} + b_h)
 *   c_t = σ(z_f) ⊙ c_{t−1} + σ(z_i) ⊙ tanh(z_g),   h_t = σ(z_o) ⊙ tanh(c_t)
 * </pre>
 * Per step: one matmul (U h) and one fused gate op ({@link LstmGates}). Default initialization:
 * {@link CellInit#OFFICIAL}. State: h, c [B, H].
 */
public class LstmCell extends AbstractCell {
    final LstmGates gates;

    public LstmCell(int inputSize, int hiddenSize, Rng rng, DataType dtype) {
        this(inputSize, hiddenSize, CellInit.OFFICIAL, rng, dtype);
    }

    public LstmCell(int inputSize, int hiddenSize, CellInit init, Rng rng, DataType dtype) {
        this(inputSize, hiddenSize, init, rng, dtype, false, false);
    }

    /** For the LSTM-family subclasses: which extra state (v [B, 4H], r [B, 4H]) they carry. */
    protected LstmCell(int inputSize, int hiddenSize, CellInit init, Rng rng, DataType dtype, boolean hasV, boolean hasR) {
        super(inputSize, hiddenSize, 4, 1, init, rng, dtype, true, hasV, hasR);
        this.gates = new LstmGates(hiddenSize, dtype);
    }

    @Override
    public State step(Tensor xp, State prev) {
        Tensor[] hc = gates.apply(xp, 1, recurrent(prev.h()), 1, prev.c());
        return new State(hc[0], hc[1], null, null, prev.k());
    }

    /**
     * Whether {@link Recurrent} may run this cell through the whole-sequence kernel
     * ({@link LstmSequence}): only this exact class, whose update the kernel implements.
     */
    boolean hasSequenceKernel() {
        return getClass() == LstmCell.class;
    }

    /** The whole unroll of x [B, T, F] from {@code initial} as one fused op. */
    LstmSequence.Output sequence(Tensor x, State initial) {
        return LstmSequence.apply(x, x2h.weight, x2h.bias, h2h.weight, h2h.bias, initial.h(), initial.c(), null);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(input=" + inputSize + ", hidden=" + hiddenSize + ")";
    }
}
