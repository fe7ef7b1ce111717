package io.principia.recurrent;

import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The Elman (tanh) RNN cell, as PyTorch's {@code nn.RNNCell}:
 * h_t = tanh((W_x x_t + b_x) + (U h_{t−1} + b_h)). Per step: one matmul and one fused op
 * ({@link TanhSum}). Default initialization {@link CellInit#PYTORCH}. State: h [B, H].
 */
public class RnnCell extends AbstractCell {

    public RnnCell(int inputSize, int hiddenSize, Rng rng, DataType dtype) {
        this(inputSize, hiddenSize, CellInit.PYTORCH, rng, dtype);
    }

    public RnnCell(int inputSize, int hiddenSize, CellInit init, Rng rng, DataType dtype) {
        this(inputSize, hiddenSize, init, rng, dtype, false, false);
    }

    protected RnnCell(int inputSize, int hiddenSize, CellInit init, Rng rng, DataType dtype, boolean hasV, boolean hasR) {
        super(inputSize, hiddenSize, 1, -1, init, rng, dtype, false, hasV, hasR);
    }

    @Override
    public State step(Tensor xp, State prev) {
        return new State(TanhSum.apply(xp, recurrent(prev.h())), null, null, null, prev.k());
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(input=" + inputSize + ", hidden=" + hiddenSize + ")";
    }
}
