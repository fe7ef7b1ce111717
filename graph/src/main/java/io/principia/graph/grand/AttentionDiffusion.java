package io.principia.graph.grand;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import io.principia.core.tensor.Tensor;
import io.principia.graph.Graph;
import io.principia.graph.diffusion.X0Source;
import io.principia.graph.sparse.Spmm;
import io.principia.ode.OdeFunction;

/**
 * GRAND-nl (Chamberlain et al., GRAND, ICML 2021, eq. 8 with A = A(x(t))), the reference's
 * "transformer" function:
 *
 * <pre>
 *   dx/dt = σ(α) (A(x) − I) x,   A(x)[target_e, source_e] = w_e(x)   from {@link EdgeAttention}
 * </pre>
 *
 * The attention is recomputed from the current state at every evaluation, so the equation is
 * nonlinear in x. The graph should carry self-loops (the reference adds the missing ones). With
 * {@link X0Source} on, the field owns the β of GRAND's {@code + β·x0} term, which
 * {@link X0Source#around} adds for a solve.
 */
public final class AttentionDiffusion extends OdeFunction {
    private final Graph graph;
    private final EdgeAttention attention;
    private final Tensor alphaRaw;

    private final X0Source x0Source;

    public AttentionDiffusion(Graph graph, EdgeAttention attention, DataType dtype) {
        this(graph, attention, false, dtype);
    }

    /** @param x0Source whether to add GRAND's β·x0 term (parameter {@code beta_train}) */
    public AttentionDiffusion(Graph graph, EdgeAttention attention, boolean x0Source, DataType dtype) {
        this.graph = graph;
        this.attention = registerModule("attention", attention);
        this.alphaRaw = registerParameter("alpha_train", Nd4j.scalar(dtype, 0.0));
        this.x0Source = x0Source ? new X0Source(registerParameter("beta_train", Nd4j.scalar(dtype, 0.0))) : null;
    }

    /** GRAND's β·x0 term (its β is this field's {@code beta_train}; {@link X0Source#around} applies it per solve), or null when off. */
    public X0Source x0Source() { return x0Source; }

    /** σ(α), the diffusivity (1/2 at init). */
    public Tensor diffusivity() { return alphaRaw.sigmoid(); }

    public Graph graph() { return graph; }

    @Override
    public Tensor forward(double t, Tensor x) {
        if (x.rank() != 2 || x.size(0) != graph.numNodes()) {
            throw new IllegalArgumentException("diffusion state must be [" + graph.numNodes() + ", d], got " + Arrays.toString(x.shape()));
        }
        Tensor w = attention.weights(graph, x);              // [E]
        return Spmm.apply(graph, w, x).sub(x).mul(diffusivity()); // [N, d]
    }
}
