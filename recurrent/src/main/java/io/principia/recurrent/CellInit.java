package io.principia.recurrent;

import io.principia.core.nn.Init;
import io.principia.core.nn.Linear;
import io.principia.core.util.Rng;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * How a cell's two affine maps x2h (W_x [G·H, F], b_x) and h2h (U [G·H, H], b_h) start.
 *
 * <ul>
 *   <li>{@link Scheme#OFFICIAL} (the MomentumRNN code, spec §1.6): W_x orthogonal
 *       ({@code nn.init.orthogonal_}; for F = 1 a random unit-norm column); U = {@code eye_} of
 *       [G·H, H], i.e. the identity in the first H rows only, the input-gate block of an LSTM
 *       (the whole matrix for a one-gate RNN) and zeros elsewhere; biases zero except the LSTM
 *       forget slice [H, 2H), set to {@code forgetBias} in <em>both</em> b_x and b_h, so the total
 *       forget bias is 2·forgetBias (+2 with the default 1.0; the TIMIT script uses −4.0).</li>
 *   <li>{@link Scheme#PYTORCH}: every weight and bias U(−1/√H, 1/√H), as {@code nn.LSTMCell},
 *       {@code nn.GRUCell} and {@code nn.RNNCell}; {@code forgetBias} is not used.</li>
 * </ul>
 */
public record CellInit(Scheme scheme, double forgetBias) {
    public enum Scheme { OFFICIAL, PYTORCH }

    /** The official scheme with forget bias 1.0 in each bias vector: the LSTM-family default. */
    public static final CellInit OFFICIAL = new CellInit(Scheme.OFFICIAL, 1.0);
    /** PyTorch's cell initialization: the RNN and GRU default. */
    public static final CellInit PYTORCH = new CellInit(Scheme.PYTORCH, 0.0);

    public static CellInit official(double forgetBias) {
        return new CellInit(Scheme.OFFICIAL, forgetBias);
    }

    /** Initializes x2h and h2h of a cell with {@code gates} blocks; {@code forgetBlock} < 0 when it has no forget gate. */
    void apply(Linear x2h, Linear h2h, int hidden, int forgetBlock, Rng rng) {
        DataType dtype = x2h.weight.dtype();
        if (scheme == Scheme.PYTORCH) {
            double b = 1 / Math.sqrt(hidden);
            for (Linear l : new Linear[] {x2h, h2h}) {
                l.weight.data().assign(Init.uniform(rng, dtype, -b, b, l.weight.shape()));
                l.bias.data().assign(Init.uniform(rng, dtype, -b, b, l.bias.shape()));
            }
            return;
        }
        x2h.weight.data().assign(Init.orthogonal(rng, dtype, 1.0, x2h.weight.shape()));
        h2h.weight.data().assign(Init.eye(dtype, h2h.weight.size(0), h2h.weight.size(1)));
        x2h.bias.data().assign(0);
        h2h.bias.data().assign(0);
        if (forgetBlock >= 0) {
            for (Linear l : new Linear[] {x2h, h2h}) {
                l.bias.data().get(NDArrayIndex.interval((long) forgetBlock * hidden, (long) (forgetBlock + 1) * hidden)).assign(forgetBias);
            }
        }
    }
}
