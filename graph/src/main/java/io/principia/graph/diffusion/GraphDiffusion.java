package io.principia.graph.diffusion;

import java.util.Arrays;

import io.principia.core.tensor.Tensor;
import io.principia.graph.Graph;
import io.principia.ode.OdeFunction;

/**
 * The extension point for continuous graph dynamics (GRAND, Chamberlain et al. 2021; GRAND++,
 * Thorpe et al. 2022): a vector field {@code dX/dt = f(t, X)} on node features X [N, d] over a
 * fixed graph, solved by the ode module ({@code Odeint.of(f).solve(x0, 0, T)}). A subclass
 * implements {@link #diffuse}; the graph is fixed at construction and X is checked here.
 * Learnable scalars and attention weights are registered parameters, so the adjoint method sees
 * them. Typical operators come from {@link io.principia.graph.sparse.Spmm} (a fixed or attention
 * weighted A) and {@link io.principia.graph.sparse.Segment#softmax} (attention over edges).
 */
public abstract class GraphDiffusion extends OdeFunction {
    protected final Graph graph;

    protected GraphDiffusion(Graph graph) {
        if (graph == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": graph must not be null");
        }
        this.graph = graph;
    }

    public Graph graph() { return graph; }

    @Override
    public final Tensor forward(double t, Tensor x) {
        if (x.rank() != 2 || x.size(0) != graph.numNodes()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the state must be [N, d] with N = "
                    + graph.numNodes() + " nodes, got " + Arrays.toString(x.shape()));
        }
        return diffuse(t, x);
    }

    /** dX/dt at time t for X [N, d]; returns [N, d]. */
    protected abstract Tensor diffuse(double t, Tensor x);
}
