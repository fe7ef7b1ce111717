package io.principia.core.nn;

import io.principia.core.ops.Pointwise;
import io.principia.core.tensor.Tensor;

import java.util.function.UnaryOperator;

/**
 * A parameter-free elementwise layer wrapping a function, e.g. {@code Activation.relu()} or
 * {@code new Activation("softplus", Pointwise::softplus)}. Shapes: any → the same.
 */
public class Activation extends Layer {
    public final String name;
    private final UnaryOperator<Tensor> fn;

    public Activation(String name, UnaryOperator<Tensor> fn) {
        this.name = name;
        this.fn = fn;
    }

    public static Activation relu() { return new Activation("ReLU", Pointwise::relu); }

    public static Activation tanh() { return new Activation("Tanh", Pointwise::tanh); }

    /** Exact (erf) GELU, PyTorch's default. */
    public static Activation gelu() { return new Activation("GELU", Pointwise::gelu); }

    public static Activation sigmoid() { return new Activation("Sigmoid", Pointwise::sigmoid); }

    @Override
    public Tensor forward(Tensor x) {
        return fn.apply(x);
    }

    @Override
    public String toString() {
        return name + "()";
    }
}
