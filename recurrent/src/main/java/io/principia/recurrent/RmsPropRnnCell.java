package io.principia.recurrent;

import io.principia.core.util.Rng;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * RMSPropRNN: {@link AdamRnnCell} with μ = 0,
 * h_t = tanh(s g_t / sqrt(r_t + ε) + U h_{t−1} + b_h), r_t = β r_{t−1} + (1 − β) g_t ⊙ g_t.
 */
public class RmsPropRnnCell extends AdamRnnCell {

    public RmsPropRnnCell(int inputSize, int hiddenSize, Coefficient s, double beta, double epsilon, Rng rng, DataType dtype) {
        this(inputSize, hiddenSize, s, beta, epsilon, CellInit.PYTORCH, rng, dtype);
    }

    public RmsPropRnnCell(int inputSize, int hiddenSize, Coefficient s, double beta, double epsilon, CellInit init, Rng rng, DataType dtype) {
        super(inputSize, hiddenSize, Coefficient.fixed(0), s, beta, epsilon, init, rng, dtype);
    }
}
