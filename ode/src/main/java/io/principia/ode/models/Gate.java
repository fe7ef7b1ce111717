package io.principia.ode.models;

import io.principia.core.ops.Pointwise;
import io.principia.core.tensor.Tensor;

import java.util.function.UnaryOperator;

/**
 * An elementwise activation used as a gate inside a vector field (σ in GHBNODE's h' = σ(m)):
 * the identity, tanh, or hardtanh clipped to [-c, c]. Named, so a model's description says
 * which one it uses.
 */
public record Gate(String name, UnaryOperator<Tensor> fn) {

    public static Gate identity() {
        return new Gate("identity", x -> x);
    }

    public static Gate tanh() {
        return new Gate("tanh", Pointwise::tanh);
    }

    /** min(max(x, -c), c); c must be positive. */
    public static Gate hardtanh(double c) {
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("hardtanh bound must be positive and finite, got " + c);
        }
        return new Gate("hardtanh(" + c + ")", x -> Pointwise.clamp(x, -c, c));
    }

    public boolean isIdentity() {
        return name.equals("identity");
    }

    public Tensor apply(Tensor x) {
        return isIdentity() ? x : fn.apply(x);
    }

    @Override
    public String toString() {
        return name;
    }
}
