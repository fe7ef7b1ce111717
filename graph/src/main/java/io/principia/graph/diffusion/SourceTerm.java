package io.principia.graph.diffusion;

import io.principia.core.tensor.Tensor;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The source of GRAND++ (Thorpe, Nguyen, Xia, Strohmer, Bertozzi, Osher, Wang, ICLR 2022): the
 * labelled nodes' encodings, centred on their mean,
 *
 * <pre>
 *   C_i = s · (x_i − x̄) for i ∈ I,  C_i = 0 otherwise,   x̄ = (1/|I|) Σ_(j∈I) x_j
 * </pre>
 *
 * so Σ_i C_i = 0. It is differentiable in x (the encoder's output), as in the reference code.
 */
public final class SourceTerm {
    private SourceTerm() {}

    /**
     * @param x     encoded node features [N, d]
     * @param mask  [N] or [N, 1] with 1 for labelled (source) nodes, 0 elsewhere, in x's data type
     * @param scale s, the source strength (1 in the paper's runs)
     */
    public static Tensor centered(Tensor x, INDArray mask, double scale) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("features must be [N, d], got " + Arrays.toString(x.shape()));
        }
        if (mask.length() != x.size(0)) {
            throw new IllegalArgumentException("source mask has " + mask.length() + " entries for " + x.size(0) + " nodes");
        }
        double count = mask.sumNumber().doubleValue();
        if (count < 1) {
            throw new IllegalArgumentException("source mask selects no node; GRAND++ needs at least one labelled node");
        }
        Tensor m = Tensor.of(mask.reshape(x.size(0), 1).castTo(x.dtype())); // [N, 1]
        Tensor masked = x.mul(m);                                           // [N, d]
        Tensor mean = masked.sum(0, true).mul(1.0 / count);                  // [1, d]
        return masked.sub(mean).mul(m).mul(scale);                           // [N, d]
    }
}
