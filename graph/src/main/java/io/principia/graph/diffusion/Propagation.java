package io.principia.graph.diffusion;

import io.principia.core.tensor.Tensor;

/**
 * A linear operator on node features, x ↦ A x for x of shape [N, d]: the graph part of a diffusion
 * equation. A may be fixed (a normalized adjacency) or computed from features (attention, held
 * fixed during one solve or recomputed at each evaluation by the diffusion function).
 */
public interface Propagation {

    /** A x, shape [N, d] for x of shape [N, d]. */
    Tensor apply(Tensor x);

    /** N, the number of nodes. */
    long numNodes();
}
