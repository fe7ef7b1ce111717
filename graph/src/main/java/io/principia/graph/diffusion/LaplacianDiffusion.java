package io.principia.graph.diffusion;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import io.principia.core.tensor.Tensor;
import io.principia.graph.Graph;
import io.principia.graph.sparse.Spmm;

/**
 * GRAND's fixed-operator diffusion (Chamberlain et al. 2021, eq. 4 with a constant A; the
 * {@code laplacian} function of the official code):
 * <pre>
 *   dX/dt = σ(α) (A − I) X,      α a learnable scalar, 0 at init (σ(α) = 0.5)
 * </pre>
 * A is given by per-edge weights over the graph, e.g.
 * {@link io.principia.graph.Normalization#columnStochastic} of the graph with self-loops (GRAND's
 * {@code rw}). The reference subclass of {@link GraphDiffusion}.
 */
public class LaplacianDiffusion extends GraphDiffusion {
    public final Tensor alpha;
    private final double[] weights;

    public LaplacianDiffusion(Graph graph, double[] edgeWeights, DataType dtype) {
        super(graph);
        if (edgeWeights.length != graph.numEdges()) {
            throw new IllegalArgumentException("LaplacianDiffusion: expected one weight per edge (" + graph.numEdges() + "), got "
                    + edgeWeights.length);
        }
        this.weights = edgeWeights.clone();
        this.alpha = registerParameter("alpha", Nd4j.scalar(dtype, 0.0));
    }

    @Override
    protected Tensor diffuse(double t, Tensor x) {
        Tensor ax = Spmm.apply(graph, Spmm.weights(weights, x), x); // [N, d]
        return ax.sub(x).mul(alpha.sigmoid()); // σ(α) (A x − x)
    }
}
