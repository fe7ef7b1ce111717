package io.principia.ode;

import io.principia.core.nn.Linear;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import org.nd4j.linalg.api.buffer.DataType;

/** A small neural vector field for tests: f(t, y) = (1 + t/2) · W2 tanh(W1 y + b1) + b2 (time-dependent). */
final class MlpField extends OdeFunction {
    final Linear in;
    final Linear out;

    MlpField(int dim, int hidden, long seed, DataType dtype) {
        Rng rng = new Rng(seed);
        in = registerModule("in", new Linear(dim, hidden, true, rng, dtype));
        out = registerModule("out", new Linear(hidden, dim, true, rng, dtype));
    }

    @Override
    public Tensor forward(double t, Tensor y) {
        return out.forward(in.forward(y).tanh()).mul(1 + 0.5 * t); // [B, D] -> [B, H] -> [B, D]
    }
}
