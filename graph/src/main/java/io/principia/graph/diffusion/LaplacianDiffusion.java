package io.principia.graph.diffusion;

import io.principia.core.tensor.Tensor;
import io.principia.ode.OdeFunction;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Graph neural diffusion (Chamberlain et al., GRAND, ICML 2021), the "laplacian" function:
 *
 * <pre>
 *   dx/dt = σ(α) (A − I) x                                    x [N, d]
 * </pre>
 *
 * with a learnable scalar α (0 at init, so σ(α) = 1/2) and A from a {@link Propagation}: a fixed
 * normalized adjacency, or attention computed once from the initial state (GRAND-l). For a
 * row-stochastic A constants are fixed points; for a column-stochastic A the node sum is conserved.
 *
 * <p>With {@link X0Source} on, the field owns the β of GRAND's optional {@code + β·x0} source (the
 * reference's {@code add_source}); {@link X0Source#around} wraps this field with the term for a solve.
 */
public final class LaplacianDiffusion extends OdeFunction {
    private Propagation adjacency;
    private final Tensor alphaRaw;
    private final X0Source x0Source;

    public LaplacianDiffusion(Propagation adjacency, DataType dtype) {
        this(adjacency, false, dtype);
    }

    /** @param x0Source whether to add GRAND's β·x0 term (parameter {@code beta_train}) */
    public LaplacianDiffusion(Propagation adjacency, boolean x0Source, DataType dtype) {
        this.adjacency = adjacency;
        this.alphaRaw = registerParameter("alpha_train", Nd4j.scalar(dtype, 0.0));
        this.x0Source = x0Source ? new X0Source(registerParameter("beta_train", Nd4j.scalar(dtype, 0.0))) : null;
    }

    /** GRAND's β·x0 term (its β is this field's {@code beta_train}; {@link X0Source#around} applies it per solve), or null when off. */
    public X0Source x0Source() { return x0Source; }

    /** Replaces A. */
    public void setAdjacency(Propagation adjacency) {
        this.adjacency = adjacency;
    }

    /**
     * This field with A replaced for one solve, sharing α (and β): GRAND-l computes its attention
     * from each forward's initial state, and an adjoint backward that re-evaluates the field later
     * must see that solve's A, not the latest forward's.
     */
    public OdeFunction on(Propagation a) {
        LaplacianDiffusion shared = this;
        return new OdeFunction() {
            {
                registerModule("diffusion", shared);
            }

            @Override
            public Tensor forward(double t, Tensor x) {
                return shared.diffuse(a, x);
            }
        };
    }

    public Propagation adjacency() { return adjacency; }

    /** σ(α), the diffusivity. */
    public Tensor diffusivity() { return alphaRaw.sigmoid(); }

    @Override
    public Tensor forward(double t, Tensor x) {
        return diffuse(adjacency, x);
    }

    private Tensor diffuse(Propagation a, Tensor x) {
        if (x.rank() != 2 || x.size(0) != a.numNodes()) {
            throw new IllegalArgumentException("diffusion state must be [" + a.numNodes() + ", d], got "
                    + Arrays.toString(x.shape()));
        }
        return a.apply(x).sub(x).mul(diffusivity()); // [N, d]
    }
}
