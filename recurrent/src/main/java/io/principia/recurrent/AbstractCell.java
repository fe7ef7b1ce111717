package io.principia.recurrent;

import io.principia.core.nn.Linear;
import io.principia.core.nn.Module;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * What every cell here shares: the input map {@code x2h} (W_x [G·H, F], b_x) applied to all time
 * steps at once, the recurrent map {@code h2h} (U [G·H, H], b_h) applied once per step, and a zero
 * initial state. G is the number of gate blocks (4 for LSTMs, 3 for the GRU, 1 for tanh RNNs).
 * Parameter names follow the official code: {@code x2h.weight}, {@code x2h.bias}, {@code h2h.weight},
 * {@code h2h.bias}.
 */
public abstract class AbstractCell extends Module implements Cell {
    public final int inputSize;
    public final int hiddenSize;
    public final Linear x2h;
    public final Linear h2h;
    private final boolean hasC, hasV, hasR;

    protected AbstractCell(int inputSize, int hiddenSize, int gates, int forgetBlock, CellInit init, Rng rng, DataType dtype,
                           boolean hasC, boolean hasV, boolean hasR) {
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": input and hidden sizes must be positive, got input="
                    + inputSize + ", hidden=" + hiddenSize);
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.x2h = registerModule("x2h", new Linear(inputSize, gates * hiddenSize, true, rng, dtype));
        this.h2h = registerModule("h2h", new Linear(hiddenSize, gates * hiddenSize, true, rng, dtype));
        init.apply(x2h, h2h, hiddenSize, forgetBlock, rng);
        this.hasC = hasC;
        this.hasV = hasV;
        this.hasR = hasR;
    }

    @Override
    public int inputSize() { return inputSize; }

    @Override
    public int hiddenSize() { return hiddenSize; }

    /** W_x x + b_x: [..., F] → [..., G·H]. */
    @Override
    public Tensor project(Tensor x) {
        return x2h.forward(x);
    }

    /** U h + b_h: [B, H] → [B, G·H], one matmul. */
    protected Tensor recurrent(Tensor h) {
        return h2h.forward(h);
    }

    @Override
    public State initialState(long batch, DataType dtype) {
        long p = x2h.outFeatures;
        return new State(Tensor.zeros(dtype, batch, hiddenSize), hasC ? Tensor.zeros(dtype, batch, hiddenSize) : null,
                hasV ? Tensor.zeros(dtype, batch, p) : null, hasR ? Tensor.zeros(dtype, batch, p) : null, 1);
    }

    /** Binds a coefficient to this cell, registering its raw parameter when learnable. */
    protected Scalar coefficient(String name, Coefficient c, Scalar.Reparam reparam, DataType dtype) {
        return Scalar.bind(getClass().getSimpleName(), name, c, reparam, dtype, this::registerParameter);
    }

    /** Range check for a fixed real hyperparameter. */
    protected void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + what);
        }
    }
}
