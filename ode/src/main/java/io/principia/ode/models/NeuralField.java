package io.principia.ode.models;

import io.principia.core.ops.Pointwise;
import io.principia.core.tensor.Tensor;
import io.principia.ode.OdeFunction;

import java.util.Arrays;

/**
 * A model's vector field: {@link #derivative} times an optional per-sample time rescaling
 * {@code elem_t} (spec rnn_ode.md 3.3). Integrating {@code elem_t · f} over a unit interval
 * integrates f over an interval of length elem_t for each sample, the ODE-RNN's way of handling
 * irregular observation gaps in one batched solve.
 *
 * <p>A field may integrate a transformed state (the clean NesterovNODE integrates (x, m), not
 * (h, h')): {@link #toSolverState} and {@link #fromSolverState} map between the model's state and
 * the integrated one; both are the identity unless a model overrides them.
 */
public abstract class NeuralField extends OdeFunction {
    private Tensor timeScale;

    /** The unscaled derivative dz/dt at time t. */
    protected abstract Tensor derivative(double t, Tensor z);

    @Override
    public final Tensor forward(double t, Tensor z) {
        Tensor dz = derivative(t, z);
        return timeScale == null ? dz : dz.mul(broadcastScale(z));
    }

    /**
     * Multiplies every later derivative by a per-sample factor of shape [B] or [B, 1, ..., 1];
     * null switches the rescaling off.
     */
    public NeuralField timeScale(Tensor elemT) {
        if (elemT != null) {
            long[] s = elemT.shape();
            for (int i = 1; i < s.length; i++) {
                if (s[i] != 1) {
                    throw new IllegalArgumentException("time scale must have shape [B] or [B, 1, ..., 1], got "
                            + Arrays.toString(s));
                }
            }
            if (s.length == 0) {
                throw new IllegalArgumentException("time scale must have shape [B] or [B, 1, ..., 1], got a scalar");
            }
        }
        this.timeScale = elemT;
        return this;
    }

    public Tensor timeScale() {
        return timeScale;
    }

    private Tensor broadcastScale(Tensor z) {
        long[] s = timeScale.shape();
        if (s[0] != z.size(0) || s.length > z.rank()) {
            throw new IllegalArgumentException("time scale of shape " + Arrays.toString(s) + " does not fit a state of shape "
                    + Arrays.toString(z.shape()) + "; expected [" + z.size(0) + "] or [" + z.size(0) + ", 1, ...]");
        }
        long[] shape = new long[z.rank()];
        Arrays.fill(shape, 1);
        shape[0] = s[0];
        return Pointwise.cast(timeScale, z.dtype()).reshape(shape); // [B, 1, ..., 1]
    }

    /** The integrated state for a model state z at time t0 (identity by default). */
    public Tensor toSolverState(double t0, Tensor z) {
        return z;
    }

    /** The model state for an integrated state at time t1 (identity by default). */
    public Tensor fromSolverState(double t1, Tensor z) {
        return z;
    }
}
