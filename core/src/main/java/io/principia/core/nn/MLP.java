package io.principia.core.nn;

import io.principia.core.util.Rng;

import java.util.Arrays;
import java.util.function.Supplier;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * A multi-layer perceptron: Linear, activation, [Dropout], ..., Linear, with no activation after
 * the last Linear. It is a {@link Sequential} laid out exactly as the equivalent PyTorch
 * {@code nn.Sequential}, so parameter names match: without dropout the Linear layers are
 * "0", "2", "4", ...; with dropout (p > 0) they are "0", "3", "6", ....
 *
 * <p>Example: {@code new MLP(new int[] {784, 256, 10}, Activation::relu, 0.1)}.
 */
public class MLP extends Sequential {
    public final int[] sizes;

    public MLP(int[] sizes, Supplier<? extends Layer> activation, double dropout) {
        this(sizes, activation, dropout, Rng.global(), DataType.FLOAT);
    }

    /** @param dropout drop probability after each hidden activation; 0 adds no Dropout layers */
    public MLP(int[] sizes, Supplier<? extends Layer> activation, double dropout, Rng rng, DataType dtype) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("MLP: needs at least an input and an output size, got " + Arrays.toString(sizes));
        }
        io.principia.core.nn.functional.Dropout.checkP(dropout);
        this.sizes = sizes.clone();
        for (int i = 0; i + 1 < sizes.length; i++) {
            add(new Linear(sizes[i], sizes[i + 1], true, rng, dtype));
            if (i + 2 < sizes.length) {
                add(activation.get());
                if (dropout > 0) {
                    add(new Dropout(dropout));
                }
            }
        }
    }
}
