package io.principia.ode.solvers;

import io.principia.core.autograd.Grad;
import io.principia.core.tensor.Tensor;
import io.principia.ode.Combine;
import io.principia.ode.SolveContext;
import io.principia.ode.SolverException;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adaptive integration with an embedded Runge-Kutta pair, following torchdiffeq's algorithm so
 * that step sequences and NFE match it: the first step from Hairer, Nørsett and Wanner's
 * heuristic (2 evaluations), error ratio r = norm(err / (atol + rtol · max(|y0|, |y1|))), accept
 * when r ≤ 1, the next step from the {@link io.principia.ode.StepController}, and output times
 * reached by stepping past them and evaluating the step's dense interpolant (4th order from the
 * tableau's mid-step weights, or cubic Hermite). Step sizes are constants for autograd: with
 * recording on, gradients flow through the stages and the interpolant, not the step choice.
 */
public abstract class AdaptiveRkSolver implements OdeSolver {
    private final ButcherTableau tableau;

    protected AdaptiveRkSolver(ButcherTableau tableau) {
        if (!tableau.adaptive()) {
            throw new IllegalArgumentException(tableau.name() + " has no error weights");
        }
        if (tableau.mid() != null && !tableau.fsal()) {
            throw new IllegalArgumentException(tableau.name() + ": mid-step dense output needs an FSAL pair (last stage at y1)");
        }
        this.tableau = tableau;
    }

    @Override
    public String name() { return tableau.name(); }

    @Override
    public ButcherTableau tableau() { return tableau; }

    @Override
    public List<Tensor> integrate(Tensor y0, double[] times, SolveContext ctx) {
        List<Tensor> out = new ArrayList<>(times.length);
        out.add(y0);
        double t = times[0];
        Tensor y = y0;
        Tensor f = ctx.eval(t, y0);
        double dt = Double.isNaN(ctx.firstStep()) ? initialStep(ctx, t, y0, f) : ctx.firstStep();
        dt = Math.min(dt, ctx.maxStep());
        Interpolant last = null;
        int steps = 0;
        for (int i = 1; i < times.length; i++) {
            while (times[i] > t) {
                if (steps >= ctx.maxSteps()) {
                    throw new SolverException(name() + ": reached the limit of " + ctx.maxSteps() + " steps at t = "
                            + ctx.realTime(t) + " (step " + ctx.realStep(dt) + ") before t = " + ctx.realTime(times[i])
                            + "; raise maxSteps or loosen rtol/atol, or the problem may be stiff");
                }
                double t1 = t + dt;
                if (!(t1 > t)) {
                    throw new SolverException(name() + ": step size underflow at t = " + ctx.realTime(t) + " (step "
                            + ctx.realStep(dt) + " no longer changes t); the dynamics are likely stiff or blowing up");
                }
                RungeKuttaStep step = RungeKuttaStep.take(ctx, tableau, t, dt, y, f);
                double ratio = errorRatio(ctx, step.error(), y.data(), step.y1().data());
                if (Double.isNaN(ratio)) {
                    throw new SolverException(name() + ": the vector field returned NaN or Inf in the step from t = "
                            + ctx.realTime(t) + " with step " + ctx.realStep(dt));
                }
                boolean accept = ratio <= 1;
                ctx.stats().step(t, dt, accept, ctx.backward());
                steps++;
                if (accept) {
                    Tensor f1 = tableau.fsal() ? step.k()[tableau.stages() - 1] : ctx.eval(t1, step.y1());
                    last = new Interpolant(t, t1, y, step.y1(), step.k(), f1);
                    t = t1;
                    y = step.y1();
                    f = f1;
                }
                dt = Math.min(ctx.controller().next(dt, ratio, accept, tableau.order()), ctx.maxStep());
            }
            out.add(last.at(times[i]));
        }
        return out;
    }

    /** norm(err / (atol + rtol · max(|y0|, |y1|))), in the state's precision as torchdiffeq computes it. */
    private static double errorRatio(SolveContext ctx, INDArray error, INDArray y0, INDArray y1) {
        try (var off = Grad.off()) {
            INDArray tol = Transforms.max(Transforms.abs(y0, true), Transforms.abs(y1, true), false)
                    .muli(ctx.rtol()).addi(ctx.atol());
            return ctx.norm().of(error.div(tol));
        }
    }

    /** Hairer, Nørsett and Wanner (II.4): two evaluations, f0 (given) and one more. */
    private double initialStep(SolveContext ctx, double t0, Tensor y0, Tensor f0) {
        try (var off = Grad.off()) {
            INDArray scale = Transforms.abs(y0.data(), true).muli(ctx.rtol()).addi(ctx.atol());
            double d0 = ctx.norm().of(y0.data().div(scale));
            double d1 = ctx.norm().of(f0.data().div(scale));
            double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
            Tensor y1 = Tensor.of(y0.data().add(f0.data().mul(h0)));
            Tensor f1 = ctx.eval(t0 + h0, y1);
            double d2 = ctx.norm().of(f1.data().sub(f0.data()).divi(scale)) / h0;
            double h1 = Math.max(d1, d2) <= 1e-15 ? Math.max(1e-6, h0 * 1e-3)
                    : Math.pow(0.01 / Math.max(d1, d2), 1.0 / tableau.order());
            return Math.min(100 * h0, h1);
        }
    }

    /** The dense output of one accepted step, y(t) for t in [t0, t1]. */
    private final class Interpolant {
        private final double t0;
        private final double t1;
        private final Tensor y0;
        private final Tensor y1;
        private final Tensor[] k;
        private final Tensor f1;

        Interpolant(double t0, double t1, Tensor y0, Tensor y1, Tensor[] k, Tensor f1) {
            this.t0 = t0;
            this.t1 = t1;
            this.y0 = y0;
            this.y1 = y1;
            this.k = k;
            this.f1 = f1;
        }

        Tensor at(double t) {
            if (t == t1) {
                return y1;
            }
            double h = t1 - t0;
            double x = (t - t0) / h;
            double x2 = x * x;
            double x3 = x2 * x;
            double x4 = x3 * x;
            double[] mid = tableau.mid();
            if (mid == null) {
                // cubic Hermite through (y0, f0) and (y1, f1)
                double h00 = 2 * x3 - 3 * x2 + 1;
                double h10 = x3 - 2 * x2 + x;
                double h01 = -2 * x3 + 3 * x2;
                double h11 = x3 - x2;
                return Combine.of(new double[] {h00, h01, h * h10, h * h11}, y0, y1, k[0], f1);
            }
            // quartic through y0, y1, y_mid = y0 + h Σ mid_j k_j, f0 = k_0 and f1 = k_last (torchdiffeq's fit)
            double cy0 = 1 - 11 * x2 + 18 * x3 - 8 * x4;
            double cy1 = -5 * x2 + 14 * x3 - 8 * x4;
            double cym = 16 * x2 - 32 * x3 + 16 * x4;
            double cf0 = h * (x - 4 * x2 + 5 * x3 - 2 * x4);
            double cf1 = h * (x2 - 3 * x3 + 2 * x4);
            int s = k.length;
            double[] c = new double[s + 2];
            Tensor[] terms = new Tensor[s + 2];
            c[0] = cy0 + cym;
            terms[0] = y0;
            c[1] = cy1;
            terms[1] = y1;
            for (int j = 0; j < s; j++) {
                c[j + 2] = cym * h * mid[j];
                terms[j + 2] = k[j];
            }
            c[2] += cf0;
            c[s + 1] += cf1;
            return Combine.of(c, terms);
        }
    }
}
