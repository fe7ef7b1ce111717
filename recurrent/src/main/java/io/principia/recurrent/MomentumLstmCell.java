package io.principia.recurrent;

import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * MomentumLSTM (spec §1.2): the input term is a momentum step, the recurrent path is unchanged.
 * <pre>
 *   v_t = μ v_{t−1} + s (W_x x_t + b_x)          v_0 = 0, [B, 4H]
 *   z_t = v_t + (U h_{t−1} + b_h),  then as {@link LstmCell}
 * </pre>
 * With μ = 0, s = 1 it is exactly the LSTM. μ ∈ [0, 1) and s > 0, each fixed or learnable
 * ({@link Coefficient}: μ = sigmoid(θ_μ), s = softplus(θ_s)). The official code uses fixed values
 * (MNIST μ = s = 0.6; TIMIT μ = 0.3, s = 0.1). Note that b_x sits inside the momentum, so a
 * constant input contributes s·b_x/(1 − μ). State: h, c [B, H], v [B, 4H].
 */
public class MomentumLstmCell extends LstmCell {
    public final Scalar mu;
    public final Scalar s;

    public MomentumLstmCell(int inputSize, int hiddenSize, Coefficient mu, Coefficient s, Rng rng, DataType dtype) {
        this(inputSize, hiddenSize, mu, s, CellInit.OFFICIAL, rng, dtype);
    }

    public MomentumLstmCell(int inputSize, int hiddenSize, Coefficient mu, Coefficient s, CellInit init, Rng rng, DataType dtype) {
        super(inputSize, hiddenSize, init, rng, dtype, true, false);
        this.mu = coefficient("mu", mu, Scalar.Reparam.SIGMOID, dtype);
        this.s = coefficient("s", s, Scalar.Reparam.SOFTPLUS, dtype);
    }

    @Override
    boolean hasSequenceKernel() {
        return getClass() == MomentumLstmCell.class;
    }

    @Override
    LstmSequence.Output sequence(Tensor x, State initial) {
        return LstmSequence.apply(x, x2h.weight, x2h.bias, h2h.weight, h2h.bias, initial.h(), initial.c(),
                new LstmSequence.Momentum(initial.v(), mu.factor(), s.factor()));
    }

    @Override
    public State step(Tensor xp, State prev) {
        Tensor v = MomentumUpdate.apply(prev.v(), mu.factor(), xp, s.factor());
        Tensor[] hc = gates.apply(v, 1, recurrent(prev.h()), 1, prev.c());
        return new State(hc[0], hc[1], v, null, prev.k());
    }
}
