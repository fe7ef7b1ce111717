package io.principia.graph.diffusion;

import io.principia.core.tensor.Tensor;
import io.principia.ode.OdeFunction;
import io.principia.ode.VectorField;

import java.util.Arrays;

/**
 * A diffusion g with a constant source C, dz/dt = g(t, z) + C, as a system on the stacked state
 * [z, c] of shape [2, N, d] with dc/dt = 0 and c(0) = C (the reference code's "Poisson
 * integration"). Carrying C in the state makes its gradient reach the encoder through the initial
 * state, so backprop and the adjoint method both work.
 */
public final class SourceAugmented extends OdeFunction {
    private final VectorField diffusion;

    /** @param diffusion g; when it is a Module its parameters become this module's ("diffusion.*") */
    public SourceAugmented(VectorField diffusion) {
        this.diffusion = diffusion;
        if (diffusion instanceof io.principia.core.nn.Module m) {
            registerModule("diffusion", m);
        }
    }

    /** The initial stacked state [z0, C]: [2, N, d]. */
    public static Tensor initialState(Tensor z0, Tensor source) {
        if (!Arrays.equals(z0.shape(), source.shape())) {
            throw new IllegalArgumentException("state " + Arrays.toString(z0.shape()) + " and source " + Arrays.toString(source.shape())
                    + " must have the same shape");
        }
        return io.principia.core.ops.Slicing.stack(0, z0, source);
    }

    @Override
    public Tensor forward(double t, Tensor state) {
        if (state.rank() != 3 || state.size(0) != 2) {
            throw new IllegalArgumentException("source-augmented state must be [2, N, d], got " + Arrays.toString(state.shape()));
        }
        Tensor z = state.slice(0, 0, 1).squeeze(0);  // [N, d]
        Tensor c = state.slice(0, 1, 2);             // [1, N, d]
        Tensor dz = diffusion.apply(t, z).unsqueeze(0).add(c);                 // [1, N, d]
        Tensor still = Tensor.of(org.nd4j.linalg.factory.Nd4j.zeros(c.dtype(), c.shape())); // dc/dt = 0
        return io.principia.core.ops.Slicing.concat(0, dz, still);            // [2, N, d]
    }
}
