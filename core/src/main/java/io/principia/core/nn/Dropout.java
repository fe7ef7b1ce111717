package io.principia.core.nn;

import static io.principia.core.nn.functional.Dropout.dropout;

import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

/**
 * Inverted dropout, as PyTorch's {@code nn.Dropout}: in training each element is zeroed with
 * probability p and the rest scaled by 1/(1 − p); identity in evaluation. The mask comes from the
 * given {@link Rng}, or from {@link Rng#global()} at call time (so {@code Seed.everything} reaches it).
 */
public class Dropout extends Layer {
    public final double p;
    private final Rng rng;

    public Dropout(double p) {
        this(p, null);
    }

    /** @param rng the mask generator, or null for {@link Rng#global()} */
    public Dropout(double p, Rng rng) {
        this.p = io.principia.core.nn.functional.Dropout.checkP(p);
        this.rng = rng;
    }

    @Override
    public Tensor forward(Tensor x) {
        return dropout(x, p, isTraining(), rng == null ? Rng.global() : rng);
    }

    @Override
    public String toString() {
        return "Dropout(p=" + p + ")";
    }
}
