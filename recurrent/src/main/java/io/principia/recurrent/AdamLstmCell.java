package io.principia.recurrent;

import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * AdamLSTM (spec §1.3): an Adam-like step on the input term, without bias correction and with ε
 * inside the square root, as in the official code.
 * <pre>
 *   g_t = W_x x_t + b_x
 *   v_t = μ v_{t−1} + s g_t,   r_t = β r_{t−1} + (1 − β) g_t ⊙ g_t      v_0 = r_0 = 0, [B, 4H]
 *   z_t = v_t / sqrt(r_t + ε) + (U h_{t−1} + b_h),  then as {@link LstmCell}
 * </pre>
 * μ ∈ [0, 1), s > 0 (fixed or learnable, see {@link Coefficient}); β ∈ [0, 1) and ε > 0 fixed
 * (official ε = 1e-16, {@link #DEFAULT_EPSILON}). {@link RmsPropLstmCell} is the μ = 0 case.
 * State: h, c [B, H], v, r [B, 4H].
 */
public class AdamLstmCell extends LstmCell {
    /** The official code's ε, added inside the square root. */
    public static final double DEFAULT_EPSILON = 1e-16;

    public final Scalar mu;
    public final Scalar s;
    public final double beta;
    public final double epsilon;

    public AdamLstmCell(int inputSize, int hiddenSize, Coefficient mu, Coefficient s, double beta, double epsilon, Rng rng, DataType dtype) {
        this(inputSize, hiddenSize, mu, s, beta, epsilon, CellInit.OFFICIAL, rng, dtype);
    }

    public AdamLstmCell(int inputSize, int hiddenSize, Coefficient mu, Coefficient s, double beta, double epsilon, CellInit init,
                        Rng rng, DataType dtype) {
        super(inputSize, hiddenSize, init, rng, dtype, true, true);
        require(beta >= 0 && beta < 1, "beta = " + beta + " is outside its valid range [0, 1)");
        require(epsilon > 0 && Double.isFinite(epsilon), "epsilon = " + epsilon + " must be positive");
        this.mu = coefficient("mu", mu, Scalar.Reparam.SIGMOID, dtype);
        this.s = coefficient("s", s, Scalar.Reparam.SOFTPLUS, dtype);
        this.beta = beta;
        this.epsilon = epsilon;
    }

    @Override
    public State step(Tensor xp, State prev) {
        Tensor v = MomentumUpdate.apply(prev.v(), mu.factor(), xp, s.factor());
        Tensor r = AdamDirection.average(prev.r(), xp, beta);
        Tensor d = AdamDirection.direction(v, r, epsilon);
        Tensor[] hc = gates.apply(d, 1, recurrent(prev.h()), 1, prev.c());
        return new State(hc[0], hc[1], v, r, prev.k());
    }
}
