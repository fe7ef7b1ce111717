package io.principia.ode;

import io.principia.core.tensor.Tensor;

/**
 * The right-hand side of {@code dy/dt = f(t, y)}. It must return a tensor of y's shape and data
 * type. Time is a float64 scalar, as in torchdiffeq (time-like quantities stay float64 even when
 * the state is float32).
 */
@FunctionalInterface
public interface VectorField {
    Tensor apply(double t, Tensor y);
}
