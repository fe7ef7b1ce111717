package io.principia.graph.diffusion;

import io.principia.core.tensor.Tensor;

import java.util.Arrays;

/** A as a dense [N, N] tensor: fine for small graphs and for checking the sparse paths. */
public final class DenseAdjacency implements Propagation {
    private final Tensor a;

    public DenseAdjacency(Tensor a) {
        if (a.rank() != 2 || a.size(0) != a.size(1)) {
            throw new IllegalArgumentException("adjacency must be square [N, N], got " + Arrays.toString(a.shape()));
        }
        this.a = a;
    }

    public Tensor matrix() { return a; }

    @Override
    public Tensor apply(Tensor x) {
        if (x.rank() != 2 || x.size(0) != a.size(0)) {
            throw new IllegalArgumentException("node features must be [" + a.size(0) + ", d], got " + Arrays.toString(x.shape()));
        }
        return a.matmul(x); // [N, N] x [N, d] -> [N, d]
    }

    @Override
    public long numNodes() { return a.size(0); }
}
