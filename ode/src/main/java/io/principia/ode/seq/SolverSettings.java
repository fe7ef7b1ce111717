package io.principia.ode.seq;

import io.principia.ode.GradientMode;
import io.principia.ode.Method;
import io.principia.ode.Odeint;
import io.principia.ode.VectorField;

/**
 * How each solve of a sequence model is run: method, tolerances (adaptive methods) or step size
 * (fixed-grid methods; NaN steps exactly between the requested times), and backprop or adjoint
 * gradients. The HBNODE experiments use dopri5, rtol = atol = tol and the adjoint (spec §3.4).
 */
public record SolverSettings(Method method, double rtol, double atol, double stepSize, GradientMode gradient) {

    public SolverSettings {
        if (method == null || gradient == null) {
            throw new IllegalArgumentException("method and gradient mode are required");
        }
        if (method.adaptive() && (!(rtol > 0) || !(atol > 0))) {
            throw new IllegalArgumentException("adaptive method " + method.id() + " needs rtol, atol > 0, got " + rtol + ", " + atol);
        }
        if (!Double.isNaN(stepSize) && !(stepSize > 0)) {
            throw new IllegalArgumentException("step size must be positive (or NaN for one step per interval), got " + stepSize);
        }
    }

    /** dopri5 with rtol = atol = tol. */
    public static SolverSettings dopri5(double tol, GradientMode gradient) {
        return new SolverSettings(Method.DOPRI5, tol, tol, Double.NaN, gradient);
    }

    /** A fixed-grid method with step h, differentiated by backprop. */
    public static SolverSettings fixed(Method method, double h) {
        return new SolverSettings(method, 1e-7, 1e-9, h, GradientMode.BACKPROP);
    }

    /** An {@link Odeint} for {@code field} with these settings. */
    public Odeint odeint(VectorField field) {
        Odeint o = Odeint.of(field).method(method).gradient(gradient);
        if (method.adaptive()) {
            o.tolerances(rtol, atol);
        }
        if (!Double.isNaN(stepSize)) {
            o.stepSize(stepSize);
        }
        return o;
    }
}
