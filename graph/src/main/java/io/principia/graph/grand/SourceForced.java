package io.principia.graph.grand;

import io.principia.core.nn.Module;
import io.principia.core.tensor.Tensor;
import io.principia.ode.OdeFunction;
import io.principia.ode.VectorField;

/**
 * dz/dt = g(t, z) + C with the constant source C held by the field instead of the state: half the
 * work of {@link io.principia.graph.diffusion.SourceAugmented}'s [z, C] system, for solves
 * differentiated by backprop through the solver (C's gradient reaches the encoder through the
 * recorded graph). The adjoint method needs the augmented form, whose state carries C.
 */
final class SourceForced extends OdeFunction {
    private final VectorField diffusion;
    private final Tensor source;

    SourceForced(VectorField diffusion, Tensor source) {
        this.diffusion = diffusion;
        this.source = source;
        if (diffusion instanceof Module m) {
            registerModule("diffusion", m);
        }
    }

    @Override
    public Tensor forward(double t, Tensor z) {
        return diffusion.apply(t, z).add(source); // [N, d]
    }
}
