/**
 * ODE solvers with gradients, and the neural-ODE model families built on them.
 *
 * <p>{@link io.principia.ode.Odeint} solves dy/dt = f(t, y) for a tensor state with fixed-grid
 * (Euler, midpoint, RK4, 3/8 rule) or adaptive (Heun-Euler, Bogacki-Shampine, Dormand-Prince 5)
 * Runge-Kutta methods, each a {@link io.principia.ode.solvers.ButcherTableau} plus a small stepping
 * class, with torchdiffeq's step-size control (rtol/atol, RMS norm, integral controller; a PI
 * controller as an option) and dense output at the requested times. Gradients flow by backprop
 * through the solver steps or by the adjoint method (Chen et al., NeurIPS 2018). See the module
 * README for the API, the algorithms and how they were checked.
 */
package io.principia.ode;
