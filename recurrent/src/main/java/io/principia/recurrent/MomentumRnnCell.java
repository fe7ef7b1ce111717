package io.principia.recurrent;

import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * MomentumRNN on the tanh cell (the paper's basic MomentumRNN):
 * <pre>
 *   v_t = μ v_{t−1} + s (W_x x_t + b_x),   h_t = tanh(v_t + U h_{t−1} + b_h)      v_0 = 0, [B, H]
 * </pre>
 * With μ = 0, s = 1 it is {@link RnnCell}. μ ∈ [0, 1), s > 0, fixed or learnable ({@link Coefficient}).
 * State: h, v [B, H].
 */
public class MomentumRnnCell extends RnnCell {
    public final Scalar mu;
    public final Scalar s;

    public MomentumRnnCell(int inputSize, int hiddenSize, Coefficient mu, Coefficient s, Rng rng, DataType dtype) {
        this(inputSize, hiddenSize, mu, s, CellInit.PYTORCH, rng, dtype);
    }

    public MomentumRnnCell(int inputSize, int hiddenSize, Coefficient mu, Coefficient s, CellInit init, Rng rng, DataType dtype) {
        super(inputSize, hiddenSize, init, rng, dtype, true, false);
        this.mu = coefficient("mu", mu, Scalar.Reparam.SIGMOID, dtype);
        this.s = coefficient("s", s, Scalar.Reparam.SOFTPLUS, dtype);
    }

    @Override
    public State step(Tensor xp, State prev) {
        Tensor v = MomentumUpdate.apply(prev.v(), mu.factor(), xp, s.factor());
        return new State(TanhSum.apply(v, recurrent(prev.h())), null, v, null, prev.k());
    }
}
