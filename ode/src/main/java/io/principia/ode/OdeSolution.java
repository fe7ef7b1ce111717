package io.principia.ode;

import io.principia.core.tensor.Tensor;

/**
 * The result of a solve: the states at the requested times stacked on a new first axis,
 * {@code ys} of shape [T, *y0.shape], and what the solve cost. With the adjoint method the
 * backward NFE in {@link #stats()} is filled in when backward runs.
 */
public record OdeSolution(Tensor ys, SolveStats stats) {

    /** y at the i-th requested time, shape of y0. */
    public Tensor at(int i) {
        return ys.slice(0, i, i + 1).squeeze(0);
    }

    /** y at the last requested time, shape of y0. */
    public Tensor last() {
        return at((int) ys.size(0) - 1);
    }
}
