package io.principia.recurrent;

import io.principia.core.tensor.Tensor;

import java.util.function.BiFunction;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A cell coefficient bound to its valid range: fixed, or a learnable raw scalar θ behind a
 * reparametrization (see {@link Coefficient}). The fused ops read {@link #factor()}: the value
 * and dvalue/dθ, so they apply the chain rule to θ themselves without extra graph nodes.
 */
public final class Scalar {
    /** The map from the raw parameter θ to the coefficient, and the range it covers. */
    public enum Reparam {
        /** μ = sigmoid(θ): momentum-like coefficients; fixed values in [0, 1), learnable ones in (0, 1). */
        SIGMOID,
        /** s = softplus(θ) = log(1 + e^θ): positive step sizes; fixed and learnable values in (0, ∞). */
        SOFTPLUS,
        /** s = θ: signed step size (Nesterov variant A); any finite non-zero value. */
        IDENTITY
    }

    private final String name;
    private final Reparam reparam;
    private final double fixed;
    private final Tensor raw;

    private Scalar(String name, Reparam reparam, double fixed, Tensor raw) {
        this.name = name;
        this.reparam = reparam;
        this.fixed = fixed;
        this.raw = raw;
    }

    /** Validates {@code c} for {@code reparam}; a learnable one needs its raw parameter registered by the caller. */
    static Scalar bind(String owner, String name, Coefficient c, Reparam reparam, DataType dtype, BiFunction<String, INDArray, Tensor> register) {
        double v = c.value();
        boolean ok = switch (reparam) {
            case SIGMOID -> c.learnable() ? v > 0 && v < 1 : v >= 0 && v < 1;
            case SOFTPLUS -> v > 0 && Double.isFinite(v);
            case IDENTITY -> v != 0 && Double.isFinite(v);
        };
        if (!ok) {
            String range = switch (reparam) {
                case SIGMOID -> c.learnable() ? "(0, 1) (learnable: sigmoid of a raw parameter)" : "[0, 1)";
                case SOFTPLUS -> "(0, inf)";
                case IDENTITY -> "finite and non-zero";
            };
            throw new IllegalArgumentException(owner + ": " + name + " = " + v + " is outside its valid range " + range);
        }
        if (!c.learnable()) {
            return new Scalar(name, reparam, v, null);
        }
        double theta = switch (reparam) {
            case SIGMOID -> Math.log(v / (1 - v));
            case SOFTPLUS -> v > 30 ? v : Math.log(Math.expm1(v));
            case IDENTITY -> v;
        };
        return new Scalar(name, reparam, Double.NaN, register.apply(name, Nd4j.scalar(dtype, theta)));
    }

    public String name() { return name; }

    public boolean learnable() { return raw != null; }

    /** The raw parameter θ, or null when fixed. */
    public Tensor raw() { return raw; }

    /** The coefficient's current value. */
    public double value() {
        return factor().value();
    }

    /** Value and derivative with respect to θ, read once per step. */
    Factor factor() {
        if (raw == null) {
            return Factor.of(fixed);
        }
        double t = raw.data().getDouble(0);
        return switch (reparam) {
            case SIGMOID -> {
                double s = 1 / (1 + Math.exp(-t));
                yield new Factor(s, raw, s * (1 - s));
            }
            case SOFTPLUS -> new Factor(t > 30 ? t : Math.log1p(Math.exp(t)), raw, 1 / (1 + Math.exp(-t)));
            case IDENTITY -> new Factor(t, raw, 1);
        };
    }
}
