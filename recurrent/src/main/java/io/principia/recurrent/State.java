package io.principia.recurrent;

import io.principia.core.tensor.Tensor;

import java.util.function.BinaryOperator;

/**
 * The recurrent state after a step. Cells use what they need and leave the rest null:
 * h [B, H] always; c [B, H] (LSTM cell memory); v [B, P] (momentum, or Nesterov's u);
 * r [B, P] (Adam/RMSProp running average of squared inputs); k, the Nesterov restart counter: the
 * 1-based index of the next step within its restart cycle (1 for a fresh state; other cells leave it
 * at 1). As in the official code, k counts time steps, masked or not.
 *
 * <p>For truncated backpropagation through time, pass {@link #detach()} of a result's state into
 * the next call: values carry over, gradients stop.
 */
public record State(Tensor h, Tensor c, Tensor v, Tensor r, int k) {

    public State {
        if (h == null) {
            throw new IllegalArgumentException("State: h is required");
        }
        if (k < 1) {
            throw new IllegalArgumentException("State: the restart counter k must be >= 1, got " + k);
        }
    }

    public static State of(Tensor h) {
        return new State(h, null, null, null, 1);
    }

    /** Batch size B. */
    public long batchSize() {
        return h.size(0);
    }

    /** The same values cut from the graph (for truncated BPTT). */
    public State detach() {
        return new State(h.detach(), det(c), det(v), det(r), k);
    }

    /** This state with the Nesterov restart counter set back to 1, as the official PTB code does at every BPTT segment. */
    public State restartCounter() {
        return new State(h, c, v, r, 1);
    }

    /** Applies {@code f(this.x, other.x)} to every tensor field present in both; k is this state's. */
    State zip(State other, BinaryOperator<Tensor> f) {
        return new State(f.apply(h, other.h), both(c, other.c, f), both(v, other.v, f), both(r, other.r, f), k);
    }

    private static Tensor both(Tensor a, Tensor b, BinaryOperator<Tensor> f) {
        return a == null || b == null ? null : f.apply(a, b);
    }

    private static Tensor det(Tensor t) {
        return t == null ? null : t.detach();
    }
}
