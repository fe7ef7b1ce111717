package io.principia.ode.solvers;

/** Explicit midpoint rule, order 2: y1 = y0 + h f(t0 + h/2, y0 + h/2 f(t0, y0)). */
public final class Midpoint extends FixedGridSolver {
    public static final ButcherTableau TABLEAU = new ButcherTableau("midpoint", 2,
            new double[] {0, 0.5},
            new double[][] {{}, {0.5}},
            new double[] {0, 1},
            null, null);

    public Midpoint() {
        super(TABLEAU);
    }
}
