package io.principia.ode.models;

import io.principia.core.nn.Layer;
import io.principia.core.nn.Module;
import io.principia.core.tensor.Tensor;
import io.principia.ode.OdeFunction;

/**
 * The learned right-hand side {@code f(t, x)} that a model's vector field wraps (torchdiffeq's
 * {@code df}): a {@link Module} so its parameters belong to the field and reach the adjoint.
 * Unlike an {@link OdeFunction} it need not preserve the shape: SONODE's f maps [y, y'] to y''.
 */
public abstract class Dynamics extends Module {

    /** f(t, x). */
    public abstract Tensor forward(double t, Tensor x);

    /** A time-independent network, f(t, x) = net(x). */
    public static Dynamics of(Layer net) {
        return new Dynamics() {
            { registerModule("net", net); }

            @Override
            public Tensor forward(double t, Tensor x) {
                return net.forward(x);
            }

            @Override
            public String toString() {
                return "Dynamics(" + net + ")";
            }
        };
    }

    /** An existing vector field used as f. */
    public static Dynamics of(OdeFunction f) {
        return new Dynamics() {
            { registerModule("f", f); }

            @Override
            public Tensor forward(double t, Tensor x) {
                return f.forward(t, x);
            }
        };
    }
}
