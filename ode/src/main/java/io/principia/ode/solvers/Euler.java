package io.principia.ode.solvers;

/** Explicit Euler, order 1: y1 = y0 + h f(t0, y0). */
public final class Euler extends FixedGridSolver {
    public static final ButcherTableau TABLEAU = new ButcherTableau("euler", 1,
            new double[] {0},
            new double[][] {{}},
            new double[] {1},
            null, null);

    public Euler() {
        super(TABLEAU);
    }
}
