package io.principia.recurrent;

import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The GRU cell, as PyTorch's {@code nn.GRUCell} (gate order r, z, n):
 * <pre>
 *   r = σ(x_r + q_r),  z = σ(x_z + q_z),  n = tanh(x_n + r ⊙ q_n),  h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
 * </pre>
 * with x = W_x x_t + b_x and q = U h_{t−1} + b_h, both [B, 3H]. Per step: one matmul and one fused
 * op ({@link GruGates}). Default initialization {@link CellInit#PYTORCH}. State: h [B, H].
 */
public class GruCell extends AbstractCell {
    private final GruGates gates;

    public GruCell(int inputSize, int hiddenSize, Rng rng, DataType dtype) {
        this(inputSize, hiddenSize, CellInit.PYTORCH, rng, dtype);
    }

    public GruCell(int inputSize, int hiddenSize, CellInit init, Rng rng, DataType dtype) {
        super(inputSize, hiddenSize, 3, -1, init, rng, dtype, false, false, false);
        this.gates = new GruGates(hiddenSize, dtype);
    }

    @Override
    public State step(Tensor xp, State prev) {
        return new State(gates.apply(xp, recurrent(prev.h()), prev.h()), null, null, null, prev.k());
    }

    @Override
    public String toString() {
        return "GruCell(input=" + inputSize + ", hidden=" + hiddenSize + ")";
    }
}
