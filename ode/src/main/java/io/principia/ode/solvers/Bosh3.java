package io.principia.ode.solvers;

/**
 * Bogacki-Shampine 3(2), FSAL: three new evaluations per step. Dense output is the cubic Hermite
 * interpolant through (y0, f0) and (y1, f1), third order like the method. (torchdiffeq fits a
 * quartic through y_mid = y0 + h/2 k_2, a second-order guess that is 0.034 off at mid-step for
 * h = 0.5 on y' = -y; step choices and NFE are unaffected.)
 */
public final class Bosh3 extends AdaptiveRkSolver {
    public static final ButcherTableau TABLEAU = new ButcherTableau("bosh3", 3,
            new double[] {0, 0.5, 0.75, 1},
            new double[][] {{}, {0.5}, {0, 0.75}, {2.0 / 9, 1.0 / 3, 4.0 / 9}},
            new double[] {2.0 / 9, 1.0 / 3, 4.0 / 9, 0},
            new double[] {2.0 / 9 - 7.0 / 24, 1.0 / 3 - 1.0 / 4, 4.0 / 9 - 1.0 / 3, -1.0 / 8},
            null);

    public Bosh3() {
        super(TABLEAU);
    }
}
