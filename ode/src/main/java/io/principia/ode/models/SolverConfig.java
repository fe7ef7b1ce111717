package io.principia.ode.models;

import io.principia.ode.GradientMode;
import io.principia.ode.Method;
import io.principia.ode.Odeint;

/**
 * How an {@link OdeBlock} solves: method, rtol, atol and the gradient mode. The image
 * experiments of both papers use dopri5 with rtol = atol = tol and the adjoint.
 */
public record SolverConfig(Method method, double rtol, double atol, GradientMode gradient) {

    public SolverConfig {
        if (method == null || gradient == null) {
            throw new IllegalArgumentException("SolverConfig: method and gradient mode are required");
        }
        if (method.adaptive() && (!(rtol > 0) || !(atol > 0) || Double.isInfinite(rtol) || Double.isInfinite(atol))) {
            throw new IllegalArgumentException("SolverConfig: rtol and atol must be positive and finite, got " + rtol + ", " + atol);
        }
    }

    /** dopri5 with rtol = atol = tol and the given gradient mode. */
    public static SolverConfig dopri5(double tol, GradientMode gradient) {
        return new SolverConfig(Method.DOPRI5, tol, tol, gradient);
    }

    /** A fixed-grid method taking one step from t0 to t1 (tolerances unused). */
    public static SolverConfig fixed(Method method, GradientMode gradient) {
        if (method != null && method.adaptive()) {
            throw new IllegalArgumentException("SolverConfig.fixed: " + method.id() + " is adaptive; give it tolerances");
        }
        return new SolverConfig(method, Double.NaN, Double.NaN, gradient);
    }

    Odeint odeint(NeuralField field) {
        Odeint o = Odeint.of(field).method(method).gradient(gradient);
        return method.adaptive() ? o.tolerances(rtol, atol) : o;
    }
}
