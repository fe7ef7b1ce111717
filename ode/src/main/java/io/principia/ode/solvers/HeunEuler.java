package io.principia.ode.solvers;

/**
 * Heun-Euler 2(1): Heun's method with the Euler step as the embedded estimate. Two stages; after
 * an accepted step f(t1, y1) is evaluated once (it is the next step's first stage and the
 * interpolant's end slope), so a step costs 2 evaluations. torchdiffeq's "adaptive_heun" instead
 * reuses f at the Euler predictor as the next slope, which costs 1 evaluation and is not Heun's
 * method; this class does not copy that.
 */
public final class HeunEuler extends AdaptiveRkSolver {
    public static final ButcherTableau TABLEAU = new ButcherTableau("heun_euler", 2,
            new double[] {0, 1},
            new double[][] {{}, {1}},
            new double[] {0.5, 0.5},
            new double[] {-0.5, 0.5},
            null);

    public HeunEuler() {
        super(TABLEAU);
    }
}
