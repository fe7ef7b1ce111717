package io.principia.ode;

import io.principia.core.nn.Module;
import io.principia.core.tensor.Tensor;

/**
 * A vector field with learnable parameters: a {@link Module} whose {@link #forward} is f(t, y).
 * Its parameters are what the adjoint method differentiates by default, so a subclass should
 * hold every tensor that f depends on and that needs a gradient as a registered parameter.
 */
public abstract class OdeFunction extends Module implements VectorField {

    /** dy/dt at time t; same shape and data type as y. */
    public abstract Tensor forward(double t, Tensor y);

    @Override
    public final Tensor apply(double t, Tensor y) {
        return forward(t, y);
    }
}
