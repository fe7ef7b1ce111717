package io.principia.recurrent;

/**
 * How a cell hyperparameter such as the momentum μ or the step size s is given: a fixed number
 * (as in the official code, where μ and s are plain floats) or a learnable scalar starting at
 * {@code value}.
 *
 * <p>A learnable coefficient becomes a rank-0 parameter of the cell holding an unconstrained raw
 * value θ, mapped into the coefficient's valid range by a reparametrization chosen by the cell:
 * μ = sigmoid(θ) ∈ (0, 1), s = softplus(θ) ∈ (0, ∞); Nesterov's signed s is used raw (s = θ).
 * The parameter is registered under the coefficient's name ({@code mu}, {@code s}) and stores θ,
 * not the coefficient itself; {@link Scalar#value()} gives the coefficient.
 */
public record Coefficient(double value, boolean learnable) {

    public static Coefficient fixed(double value) {
        return new Coefficient(value, false);
    }

    public static Coefficient learnable(double initialValue) {
        return new Coefficient(initialValue, true);
    }
}
