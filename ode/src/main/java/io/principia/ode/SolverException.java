package io.principia.ode;

/**
 * An ODE solve that cannot go on: too many steps, a step size that underflowed, or a vector field
 * that returned NaN or infinity. The message names the time and the step size where it happened.
 */
public class SolverException extends RuntimeException {
    public SolverException(String message) {
        super(message);
    }
}
