package io.principia.recurrent;

import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * AdamRNN on the tanh cell, the same input-side step as {@link AdamLstmCell}:
 * <pre>
 *   g_t = W_x x_t + b_x,  v_t = μ v_{t−1} + s g_t,  r_t = β r_{t−1} + (1 − β) g_t ⊙ g_t
 *   h_t = tanh(v_t / sqrt(r_t + ε) + U h_{t−1} + b_h)                    v_0 = r_0 = 0, [B, H]
 * </pre>
 * μ ∈ [0, 1), s > 0 (fixed or learnable), β ∈ [0, 1), ε > 0. {@link RmsPropRnnCell} is μ = 0.
 * State: h, v, r [B, H].
 */
public class AdamRnnCell extends RnnCell {
    public final Scalar mu;
    public final Scalar s;
    public final double beta;
    public final double epsilon;

    public AdamRnnCell(int inputSize, int hiddenSize, Coefficient mu, Coefficient s, double beta, double epsilon, Rng rng, DataType dtype) {
        this(inputSize, hiddenSize, mu, s, beta, epsilon, CellInit.PYTORCH, rng, dtype);
    }

    public AdamRnnCell(int inputSize, int hiddenSize, Coefficient mu, Coefficient s, double beta, double epsilon, CellInit init,
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
        return new State(TanhSum.apply(d, recurrent(prev.h())), null, v, r, prev.k());
    }
}
