package io.principia.graph.diffusion;

import java.util.Arrays;

import io.principia.core.tensor.Tensor;
import io.principia.ode.OdeFunction;

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
 *
 * <p>The diffusion field owns β (so it sits in the field's parameters and state dict);
 * {@link #around} builds the forced field for one solve, holding that solve's x0, so an adjoint
 * backward that re-evaluates the field later still sees the x0 of its own forward.
 */
public final class X0Source {
    private final Tensor beta;

    /** @param beta the scalar parameter β, registered by the field that owns this term */
    public X0Source(Tensor beta) {
        this.beta = beta;
    }

    /** β, the parameter. */
    public Tensor beta() { return beta; }

    /**
     * {@code field + β·x0} for one solve. x0 [N, d] is copied and carries no gradient; the result's
     * parameters are the field's (β among them).
     */
    public OdeFunction around(OdeFunction field, Tensor x0) {
        return new Forced(field, beta, Tensor.of(x0.data().dup()));
    }

    private static final class Forced extends OdeFunction {
        private final OdeFunction field;
        private final Tensor beta;
        private final Tensor x0;

        Forced(OdeFunction field, Tensor beta, Tensor x0) {
            this.field = registerModule("diffusion", field);
            this.beta = beta;
            this.x0 = x0;
        }

        @Override
        public Tensor forward(double t, Tensor x) {
            Tensor f = field.forward(t, x); // [N, d]
            if (!Arrays.equals(f.shape(), x0.shape())) {
                throw new IllegalArgumentException("X0Source: state " + Arrays.toString(f.shape()) + " does not match x0 "
                        + Arrays.toString(x0.shape()));
            }
            return f.add(x0.mul(beta)); // [N, d]
        }
    }
}
