package io.principia.ode.solvers;

/** Kutta's 3/8 rule, order 4 (weights 1/8, 3/8, 3/8, 1/8): what torchdiffeq calls "rk4". */
public final class Rk38 extends FixedGridSolver {
    public static final ButcherTableau TABLEAU = new ButcherTableau("rk38", 4,
            new double[] {0, 1.0 / 3, 2.0 / 3, 1},
            new double[][] {{}, {1.0 / 3}, {-1.0 / 3, 1}, {1, -1, 1}},
            new double[] {1.0 / 8, 3.0 / 8, 3.0 / 8, 1.0 / 8},
            null, null);

    public Rk38() {
        super(TABLEAU);
    }
}
