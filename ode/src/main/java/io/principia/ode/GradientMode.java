package io.principia.ode;

/** How gradients reach y0, the parameters and the times. */
public enum GradientMode {
    /**
     * Record every solver step and backpropagate through them (discretise-then-optimise): exact
     * gradients of the numerical solution, memory growing with the number of steps.
     */
    BACKPROP,
    /**
     * The adjoint method (Chen et al. 2018; torchdiffeq's odeint_adjoint): solve without recording,
     * then solve the augmented system [y, a = dL/dy, dL/dθ] backwards in time. Memory does not grow
     * with the number of steps; the gradient is that of the exact flow up to the backward solve's
     * tolerance.
     */
    ADJOINT
}
