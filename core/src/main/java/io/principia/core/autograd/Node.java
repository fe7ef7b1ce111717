package io.principia.core.autograd;

import io.principia.core.tensor.Tensor;

/**
 * One recorded op in the autograd graph: its name (for error messages), its inputs (the edges
 * walked by {@link Backward}) and its backward rule.
 */
public final class Node {
    private final String op;
    private Tensor[] inputs;
    private BackwardFn backward;

    public Node(String op, Tensor[] inputs, BackwardFn backward) {
        this.op = op;
        this.inputs = inputs;
        this.backward = backward;
    }

    public String op() { return op; }

    public Tensor[] inputs() { return inputs; }

    public BackwardFn backward() {
        if (backward == null) {
            throw new IllegalStateException("the graph through op '" + op + "' was already freed by an earlier backward();"
                    + " call backward(grad, true) to keep it for a second pass");
        }
        return backward;
    }

    /** Drops the closure and the edges (and with them the saved activations) once the graph has been walked. */
    public void free() {
        backward = null;
        inputs = new Tensor[0];
    }
}
