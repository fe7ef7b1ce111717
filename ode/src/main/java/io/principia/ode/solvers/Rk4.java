package io.principia.ode.solvers;

/** Classical Runge-Kutta, order 4 (weights 1/6, 1/3, 1/3, 1/6). Note: torchdiffeq's "rk4" is the 3/8 rule, {@link Rk38} here. */
public final class Rk4 extends FixedGridSolver {
    public static final ButcherTableau TABLEAU = new ButcherTableau("rk4", 4,
            new double[] {0, 0.5, 0.5, 1},
            new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}},
            new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6},
            null, null);

    public Rk4() {
        super(TABLEAU);
    }
}
