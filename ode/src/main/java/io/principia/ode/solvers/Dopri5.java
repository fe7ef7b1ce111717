package io.principia.ode.solvers;

/**
 * Dormand-Prince 5(4) (Dormand and Prince 1980), FSAL: six new evaluations per step, plus two
 * for the first-step heuristic, so NFE = 2 + 6 · (accepted + rejected). The mid-step weights of
 * the dense output are Shampine's (1986), as in torchdiffeq and MATLAB's ode45.
 */
public final class Dopri5 extends AdaptiveRkSolver {
    public static final ButcherTableau TABLEAU = new ButcherTableau("dopri5", 5,
            new double[] {0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1},
            new double[][] {
                {},
                {1.0 / 5},
                {3.0 / 40, 9.0 / 40},
                {44.0 / 45, -56.0 / 15, 32.0 / 9},
                {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
                {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
                {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84},
            },
            new double[] {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0},
            new double[] {
                35.0 / 384 - 1951.0 / 21600,
                0,
                500.0 / 1113 - 22642.0 / 50085,
                125.0 / 192 - 451.0 / 720,
                -2187.0 / 6784 + 12231.0 / 42400,
                11.0 / 84 - 649.0 / 6300,
                -1.0 / 60,
            },
            new double[] {
                6025192743.0 / 30085553152.0 / 2,
                0,
                51252292925.0 / 65400821598.0 / 2,
                -2691868925.0 / 45128329728.0 / 2,
                187940372067.0 / 1594534317056.0 / 2,
                -1776094331.0 / 19743644256.0 / 2,
                11237099.0 / 235043384 / 2,
            });

    public Dopri5() {
        super(TABLEAU);
    }
}
