package io.principia.ode.solvers;

import io.principia.core.tensor.Tensor;
import io.principia.ode.SolveContext;

import java.util.List;

/** A method that integrates dy/ds = f(s, y) forwards through strictly increasing times. */
public interface OdeSolver {

    /** The method's name as {@link io.principia.ode.Method} spells it. */
    String name();

    /** The method's coefficients. */
    ButcherTableau tableau();

    /**
     * y at each of {@code times} (strictly increasing; the first is the start, where y = y0).
     * Runs with autograd recording as the caller set it: with recording on, the results carry a
     * graph through every step (backprop through the solver).
     */
    List<Tensor> integrate(Tensor y0, double[] times, SolveContext ctx);
}
