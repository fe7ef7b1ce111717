package io.principia.graph.nn;

import io.principia.core.tensor.Tensor;
import io.principia.graph.sparse.Segment;

/** How messages into a node combine: sum, mean or elementwise max over its incoming edges (0 with none). */
public enum Aggregation {
    SUM, MEAN, MAX;

    /** Reduces per-edge messages [E, ...] into per-node rows [N, ...] by target. */
    public Tensor apply(Tensor messages, int[] target, int numNodes) {
        return switch (this) {
            case SUM -> Segment.sum(messages, target, numNodes);
            case MEAN -> Segment.mean(messages, target, numNodes);
            case MAX -> Segment.max(messages, target, numNodes);
        };
    }
}
