package io.principia.ode.solvers;

import java.util.Arrays;

/**
 * An explicit Runge-Kutta method as its coefficients: stage times c, the strictly lower
 * triangular matrix a (row i has i entries), solution weights b, and for embedded (adaptive)
 * pairs the error weights e = b - b̂ and the dense-output weights {@code mid} that give y at the
 * middle of the step (null for a cubic Hermite interpolant instead).
 *
 * @param order the order used by step control (the order of the solution for these pairs)
 */
public record ButcherTableau(String name, int order, double[] c, double[][] a, double[] b, double[] e, double[] mid) {

    public ButcherTableau {
        int s = c.length;
        if (a.length != s || b.length != s || (e != null && e.length != s) || (mid != null && mid.length != s)) {
            throw new IllegalArgumentException(name + ": tableau arrays disagree on the number of stages " + s);
        }
        for (int i = 0; i < s; i++) {
            if (a[i].length != i) {
                throw new IllegalArgumentException(name + ": row " + i + " of a must have " + i + " entries");
            }
        }
    }

    public int stages() { return c.length; }

    /** First-same-as-last: the last stage is evaluated at the step's solution, so it is the next step's first. */
    public boolean fsal() {
        int s = c.length;
        if (s < 2 || c[s - 1] != 1.0 || b[s - 1] != 0.0) {
            return false;
        }
        return Arrays.equals(a[s - 1], Arrays.copyOf(b, s - 1));
    }

    public boolean adaptive() { return e != null; }
}
