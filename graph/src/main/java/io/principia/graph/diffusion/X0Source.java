package io.principia.graph.diffusion;

import java.util.Arrays;

import io.principia.core.tensor.Tensor;

/**
 * GRAND's optional source term (Chamberlain et al., ICML 2021, reference option {@code add_source},
 * on in its tuned Cora, CiteSeer and PubMed settings): a diffusion field f becomes
 *
 * <pre>
 *   f(t, x) + β·x0        β = {@code beta_train}, a learnable scalar (0 at init)
 * </pre>
 *
 * with x0 the encoder output of the current forward, detached (a constant of the solve). Not the
 * GRAND++ source, which is fixed at the labelled nodes and carries no learnable weight.
 */
public final class X0Source {
    private final Tensor beta;
    private Tensor x0;

    /** @param beta the scalar parameter β, registered by the field that owns this term */
    public X0Source(Tensor beta) {
        this.beta = beta;
    }

    /** β, the parameter. */
    public Tensor beta() { return beta; }

    /** Sets x0 [N, d] for the next solves; its values are copied and carry no gradient. */
    public void setX0(Tensor x0) {
        this.x0 = Tensor.of(x0.data().dup());
    }

    /** f + β·x0; f must have x0's shape. */
    public Tensor addTo(Tensor f) {
        if (x0 == null) {
            throw new IllegalStateException("X0Source: x0 is not set (call setX0 with the encoder output before solving)");
        }
        if (!Arrays.equals(f.shape(), x0.shape())) {
            throw new IllegalArgumentException("X0Source: state " + Arrays.toString(f.shape()) + " does not match x0 "
                    + Arrays.toString(x0.shape()));
        }
        return f.add(x0.mul(beta)); // [N, d]
    }
}
