package io.principia.recurrent;

import io.principia.core.util.Rng;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * RMSPropLSTM (spec §1.3): {@link AdamLstmCell} with μ = 0, which is how the official recipes run
 * it ({@code -m alstm --mu 0.0}):
 * <pre>
 *   r_t = β r_{t−1} + (1 − β) g_t ⊙ g_t,   z_t = s g_t / sqrt(r_t + ε) + (U h_{t−1} + b_h)
 * </pre>
 */
public class RmsPropLstmCell extends AdamLstmCell {

    public RmsPropLstmCell(int inputSize, int hiddenSize, Coefficient s, double beta, double epsilon, Rng rng, DataType dtype) {
        this(inputSize, hiddenSize, s, beta, epsilon, CellInit.OFFICIAL, rng, dtype);
    }

    public RmsPropLstmCell(int inputSize, int hiddenSize, Coefficient s, double beta, double epsilon, CellInit init, Rng rng, DataType dtype) {
        super(inputSize, hiddenSize, Coefficient.fixed(0), s, beta, epsilon, init, rng, dtype);
    }
}
