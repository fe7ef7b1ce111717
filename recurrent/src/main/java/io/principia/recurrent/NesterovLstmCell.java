package io.principia.recurrent;

import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * NesterovLSTM with scheduled restart ("SRLSTM", spec §1.4). The restart counter k counts time
 * steps: k = 1 on the first step, and after a step with k = R (the restart period) it starts again
 * at 1, so the NAG coefficient κ_k = (k − 1)/(k + 2) cycles through 0, 1/4, 2/5, ... The state
 * carries k, so two calls with a carried state equal one long call; the official PTB code instead
 * restarts k at every segment: pass {@link State#restartCounter()} to get that.
 *
 * <p>The official repository codes two different formulas:
 * <pre>
 *   {@link Formula#NAG} (default; mnist-timit/momentumnet.py NesterovLSTMCell):
 *     u_t = (U h_{t−1} + b_h) − s (W_x x_t + b_x)                 u_0 = 0, [B, 4H]
 *     z_t = u_t + κ_k (u_t − u_{t−1})
 *   {@link Formula#SCHEDULED_MOMENTUM} (ptb/momentumnet.py NesterovLSTM, orthogonal.py NesterovDTRIV):
 *     v_t = κ_k v_{t−1} + s (W_x x_t + b_x)                        v_0 = 0
 *     z_t = v_t + (U h_{t−1} + b_h)
 * </pre>
 * then as {@link LstmCell}. {@code NAG} is the default because it is Nesterov's method itself in
 * its two-sequence form, a gradient step x_{k+1} = y_k − s∇f(y_k) followed by the extrapolation
 * y_{k+1} = x_{k+1} + κ_k (x_{k+1} − x_k), with y ↔ U h_{t−1} + b_h and ∇f ↔ W_x x_t + b_x, the
 * same two-sequence scheme as the authors' SRSGD (spec §2.1); and it is the cell that produced the
 * paper's SRLSTM results on MNIST, PMNIST and TIMIT (spec §1.4, §1.8). {@code SCHEDULED_MOMENTUM}
 * is heavy-ball momentum with NAG's coefficient schedule, used only for the PTB and DTRIV runs. The
 * minus sign on s in {@code NAG} is kept as coded, so s = −1 with restart period 1 (κ ≡ 0) is
 * exactly the LSTM, and the spec's test values (§7.1, s = 1) are reproduced; with the official
 * initialization the input bias's forget slice then enters with a minus sign.
 *
 * <p>Parameters: s fixed or learnable ({@link Coefficient}); for {@code NAG} any finite non-zero
 * value, learnable raw (s = θ); for {@code SCHEDULED_MOMENTUM} s > 0, learnable as softplus(θ).
 * The restart period R ≥ 1, or {@link #NO_RESTART}. State: h, c [B, H], v (u for NAG) [B, 4H], k.
 */
public class NesterovLstmCell extends LstmCell {
    /** Which of the two official formulas the cell computes. */
    public enum Formula { NAG, SCHEDULED_MOMENTUM }

    /** A restart period that never restarts (the official {@code restart = 0}). */
    public static final int NO_RESTART = Integer.MAX_VALUE;

    public final Scalar s;
    public final int restart;
    public final Formula formula;

    public NesterovLstmCell(int inputSize, int hiddenSize, Coefficient s, int restart, Rng rng, DataType dtype) {
        this(inputSize, hiddenSize, s, restart, Formula.NAG, CellInit.OFFICIAL, rng, dtype);
    }

    public NesterovLstmCell(int inputSize, int hiddenSize, Coefficient s, int restart, Formula formula, CellInit init, Rng rng, DataType dtype) {
        super(inputSize, hiddenSize, init, rng, dtype, true, false);
        require(restart >= 1, "restart period = " + restart + " must be >= 1 (NO_RESTART for none)");
        this.formula = formula;
        this.s = coefficient("s", s, formula == Formula.NAG ? Scalar.Reparam.IDENTITY : Scalar.Reparam.SOFTPLUS, dtype);
        this.restart = restart;
    }

    /** κ_k = (k − 1)/(k + 2). */
    static double kappa(int k) {
        return (k - 1) / (double) (k + 2);
    }

    @Override
    public State step(Tensor xp, State prev) {
        int k = prev.k();
        double kappa = kappa(k);
        int next = k % restart == 0 ? 1 : k + 1;
        Tensor[] hc;
        Tensor v;
        if (formula == Formula.NAG) {
            v = MomentumUpdate.apply(recurrent(prev.h()), Factor.of(1), xp, s.factor().negate()); // u_t
            hc = kappa == 0 ? gates.apply(v, 1, null, 0, prev.c()) : gates.apply(v, 1 + kappa, prev.v(), -kappa, prev.c());
        } else {
            v = MomentumUpdate.apply(prev.v(), Factor.of(kappa), xp, s.factor());
            hc = gates.apply(v, 1, recurrent(prev.h()), 1, prev.c());
        }
        return new State(hc[0], hc[1], v, null, next);
    }
}
