package io.principia.recurrent;

import io.principia.core.tensor.Tensor;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * One recurrent step, split so that the runner can batch the input side over every time step:
 * the runner calls {@link #project} once on all inputs ([T, B, F] → [T, B, P]), then
 * {@link #step} once per time step with that step's slice [B, P] and the previous state.
 *
 * <p>A cell is a {@link io.principia.core.nn.Module} (its parameters are registered there) that
 * also implements this interface; {@link Recurrent} takes any such cell.
 */
public interface Cell {
    /** F, the size of one input vector x_t. */
    int inputSize();

    /** H, the size of the hidden state h_t (the runner's output size). */
    int hiddenSize();

    /** The input-side affine map W_x x + b_x of every row: [..., F] → [..., P]. */
    Tensor project(Tensor x);

    /** The state before the first step (zeros): h_0 = c_0 = v_0 = r_0 = 0, step counter 1. */
    State initialState(long batch, DataType dtype);

    /** One step: xp [B, P] is {@link #project} of x_t; returns the state after x_t. */
    State step(Tensor xp, State previous);
}
