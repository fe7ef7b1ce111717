package io.principia.ode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one solve cost: function evaluations (NFE) in the forward solve and, for the adjoint
 * method, in the backward solve (filled in when backward runs), and accepted/rejected steps.
 * The accepted steps are kept as (t0, dt) pairs in the solver's own time direction.
 */
public final class SolveStats {
    private int nfeForward;
    private int nfeBackward;
    private int accepted;
    private int rejected;
    private int backwardAccepted;
    private int backwardRejected;
    private final List<double[]> steps = new ArrayList<>();

    public int nfeForward() { return nfeForward; }

    public int nfeBackward() { return nfeBackward; }

    public int acceptedSteps() { return accepted; }

    public int rejectedSteps() { return rejected; }

    public int backwardAcceptedSteps() { return backwardAccepted; }

    public int backwardRejectedSteps() { return backwardRejected; }

    /** Accepted forward steps as {t0, dt}, in solver time (negated when integrating backwards). */
    public List<double[]> steps() { return Collections.unmodifiableList(steps); }

    /** For solvers: counts n evaluations of f, in the backward (adjoint) solve or the forward one. */
    public void addNfe(int n, boolean backward) {
        if (backward) {
            nfeBackward += n;
        } else {
            nfeForward += n;
        }
    }

    /** For solvers: records an accepted or rejected step. */
    public void step(double t0, double dt, boolean accept, boolean backward) {
        if (backward) {
            if (accept) {
                backwardAccepted++;
            } else {
                backwardRejected++;
            }
            return;
        }
        if (accept) {
            accepted++;
            steps.add(new double[] {t0, dt});
        } else {
            rejected++;
        }
    }

    @Override
    public String toString() {
        return "nfe forward " + nfeForward + ", backward " + nfeBackward + ", steps " + accepted + " accepted / "
                + rejected + " rejected";
    }
}
