package io.principia.examples.rnn;

import io.principia.core.nn.Layer;
import io.principia.core.nn.Linear;
import io.principia.core.ops.ShapeOps;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;
import io.principia.recurrent.Recurrent;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * A sequence classifier that reads an image as a sequence: logits = W h_T + b, where h_T is the
 * last hidden state of a {@link Recurrent} runner over the T steps of F inputs each (spec §1.7:
 * "CE loss on the final h_T through Linear(H→10)").
 *
 * <p>Input [B, T·F] (a flattened image, already permuted if the mode asks for it), reshaped to
 * [B, T, F]: T = 784, F = 1 for pixel-by-pixel; T = 28, F = 28 for row-by-row.
 */
public final class SequenceClassifier extends Layer {
    public final Recurrent rnn;
    public final Linear head;
    public final int steps;
    public final int features;

    public SequenceClassifier(Recurrent rnn, int steps, int features, int classes, Rng rng, DataType dtype) {
        if (steps < 1 || features < 1 || features != rnn.cell().inputSize()) {
            throw new IllegalArgumentException("SequenceClassifier: need steps >= 1 and features = the cell's input size "
                    + rnn.cell().inputSize() + ", got steps " + steps + ", features " + features);
        }
        this.rnn = registerModule("rnn", rnn);
        this.head = registerModule("head", new Linear(rnn.cell().hiddenSize(), classes, true, rng, dtype));
        this.steps = steps;
        this.features = features;
    }

    @Override
    public Tensor forward(Tensor x) {
        long[] s = x.shape();
        if (s.length != 2 || s[1] != (long) steps * features) {
            throw new IllegalArgumentException("SequenceClassifier: input must be [B, " + (long) steps * features
                    + "] (T = " + steps + " steps of F = " + features + "), got " + java.util.Arrays.toString(s));
        }
        Tensor seq = ShapeOps.reshape(x, s[0], steps, features);       // [B, T, F]
        Tensor last = rnn.forward(seq).last();                          // [B, H]
        return head.forward(last);                                      // [B, C]
    }

    @Override
    public String toString() {
        return "SequenceClassifier(" + rnn + ", T=" + steps + ", F=" + features + ", head=" + head + ")";
    }
}
