package io.principia.ode.seq;

import io.principia.core.tensor.Tensor;
import io.principia.ode.OdeFunction;

import java.util.Arrays;

/**
 * Per-sample time rescaling for batches whose samples need different integration intervals
 * (torchdiffeq issues #86/#122, HBNODE's {@code elem_t}, spec §3.3 and §5.6): to integrate
 * {@code dy/dt = f(t, y)} over [t0, t0 + Δt_b] for every sample b of one batch, integrate
 * <pre>
 *   dy/ds = Δt_b · f(s, y),   s ∈ [s0, s0 + 1]
 * </pre>
 * over one shared unit interval. As in the official code, f sees the solver's time s, not the
 * physical time t0 + Δt_b (s − s0); for an autonomous f the result is the flow over Δt_b exactly,
 * and a time-dependent f (the Nesterov fields' 3/s damping) runs on the unit interval's clock.
 *
 * <p>The scale is data, not a parameter: gradients flow to the inner field's parameters and to y,
 * never to Δt.
 */
public final class TimeScaledField extends OdeFunction {
    private final OdeFunction inner;
    private final Tensor scale;

    /**
     * @param inner the field f, whose parameters this module exposes
     * @param dt    Δt per sample, shape [B], every entry finite and positive
     * @param stateRank rank of the state y = [B, ...] the field will be called with
     */
    public TimeScaledField(OdeFunction inner, Tensor dt, int stateRank) {
        if (dt.rank() != 1) {
            throw new IllegalArgumentException("Δt must have shape [B], got " + Arrays.toString(dt.shape()));
        }
        if (stateRank < 1) {
            throw new IllegalArgumentException("state rank must be at least 1 (the batch axis), got " + stateRank);
        }
        this.inner = registerModule("inner", inner);
        long[] shape = new long[stateRank];
        Arrays.fill(shape, 1);
        shape[0] = dt.size(0);
        this.scale = dt.detach().reshape(shape); // [B, 1, ..., 1]
    }

    @Override
    public Tensor forward(double t, Tensor y) {
        if (y.size(0) != scale.size(0) || y.rank() != scale.rank()) {
            throw new IllegalArgumentException("state shape " + Arrays.toString(y.shape()) + " does not match Δt of batch "
                    + scale.size(0) + " and state rank " + scale.rank());
        }
        return inner.forward(t, y).mul(scale.castTo(y.dtype()));
    }
}
