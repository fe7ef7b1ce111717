package io.principia.ode.solvers;

import io.principia.core.tensor.Tensor;
import io.principia.ode.Combine;
import io.principia.ode.SolveContext;
import io.principia.ode.SolverException;

import java.util.ArrayList;
import java.util.List;

/**
 * Fixed-step integration with one Runge-Kutta tableau, as torchdiffeq's fixed-grid solvers: the
 * grid is t0, t0 + h, t0 + 2h, … with its last point moved to the final time (so the last step
 * may be shorter), or the requested times themselves when no step size is given. A requested
 * time between grid points is linearly interpolated.
 */
public abstract class FixedGridSolver implements OdeSolver {
    private final ButcherTableau tableau;

    protected FixedGridSolver(ButcherTableau tableau) {
        this.tableau = tableau;
    }

    @Override
    public String name() { return tableau.name(); }

    @Override
    public ButcherTableau tableau() { return tableau; }

    @Override
    public List<Tensor> integrate(Tensor y0, double[] times, SolveContext ctx) {
        double[] grid = grid(times, ctx.stepSize());
        List<Tensor> out = new ArrayList<>(times.length);
        out.add(y0);
        int next = 1;
        Tensor y = y0;
        for (int n = 0; n + 1 < grid.length && next < times.length; n++) {
            double t0 = grid[n];
            double t1 = grid[n + 1];
            if (n >= ctx.maxSteps()) {
                throw new SolverException(name() + ": more than " + ctx.maxSteps() + " steps (max steps) at t = " + ctx.realTime(t0));
            }
            Tensor y1 = RungeKuttaStep.take(ctx, tableau, t0, t1 - t0, y, null).y1();
            double check = y1.data().sumNumber().doubleValue();
            if (!Double.isFinite(check)) {
                throw new SolverException(name() + ": the state became non-finite (NaN or Inf) in the step from t = "
                        + ctx.realTime(t0) + " with step " + ctx.realStep(t1 - t0) + "; the vector field returned NaN/Inf or blew up");
            }
            ctx.stats().step(t0, t1 - t0, true, ctx.backward());
            while (next < times.length && times[next] <= t1) {
                double x = (times[next] - t0) / (t1 - t0);
                out.add(x == 1.0 ? y1 : Combine.of(new double[] {1 - x, x}, y, y1));
                next++;
            }
            y = y1;
        }
        return out;
    }

    /** t0, t0 + h, … up to the last requested time (which replaces the last point). */
    static double[] grid(double[] times, double h) {
        if (Double.isNaN(h)) {
            return times;
        }
        double start = times[0];
        double end = times[times.length - 1];
        double span = (end - start) / h;
        long n = Math.round(span);
        if (Math.abs(n - span) > 1e-9 * Math.max(1, Math.abs(span))) {
            n = (long) Math.ceil(span);
        }
        n = Math.max(n, 1);
        if (n > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("step size " + h + " makes " + n + " steps over [" + start + ", " + end + "]");
        }
        double[] g = new double[(int) n + 1];
        for (int i = 0; i < n; i++) {
            g[i] = start + i * h;
        }
        g[(int) n] = end;
        return g;
    }
}
