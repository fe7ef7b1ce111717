package io.principia.ode.solvers;

import io.principia.core.autograd.Grad;
import io.principia.core.tensor.Tensor;
import io.principia.ode.Combine;
import io.principia.ode.SolveContext;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One explicit Runge-Kutta step from (t0, y0) with step h: the stages k_i = f(t0 + c_i h,
 * y0 + h Σ_j a_ij k_j), the solution y1 = y0 + h Σ b_i k_i (for an FSAL pair the last stage's
 * input), and for embedded pairs the error estimate h Σ e_i k_i (plain data, no graph).
 */
record RungeKuttaStep(Tensor y1, Tensor[] k, INDArray error) {

    /** @param f0 f(t0, y0) when the caller already has it (adaptive and FSAL solvers), else null */
    static RungeKuttaStep take(SolveContext ctx, ButcherTableau tab, double t0, double h, Tensor y0, Tensor f0) {
        int s = tab.stages();
        Tensor[] k = new Tensor[s];
        k[0] = f0 != null ? f0 : ctx.eval(t0, y0);
        Tensor stageInput = y0;
        double t1 = t0 + h;
        for (int i = 1; i < s; i++) {
            stageInput = Combine.step(y0, h, tab.a()[i], k, i);
            double ti = tab.c()[i] == 1.0 ? t1 : t0 + tab.c()[i] * h;
            k[i] = ctx.eval(ti, stageInput);
        }
        Tensor y1 = tab.fsal() ? stageInput : Combine.step(y0, h, tab.b(), k, s);
        INDArray error = null;
        if (tab.e() != null) {
            try (var off = Grad.off()) {
                for (int i = 0; i < s; i++) {
                    double w = tab.e()[i] * h;
                    if (w == 0) {
                        continue;
                    }
                    INDArray term = k[i].data().mul(w);
                    error = error == null ? term : error.addi(term);
                }
            }
        }
        return new RungeKuttaStep(y1, k, error);
    }
}
