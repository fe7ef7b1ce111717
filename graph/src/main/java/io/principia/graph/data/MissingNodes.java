package io.principia.graph.data;

/**
 * What a LINQS loader does with a {@code .cites} line naming a paper that has no {@code .content}
 * row. CiteSeer has 15 such ids on 17 lines.
 */
public enum MissingNodes {
    /** Fail with an {@link UnknownNodeException} naming the id and the line. */
    ERROR,
    /**
     * Drop the line (the default). CiteSeer then has 3312 nodes and 4715 edges, exactly the
     * gnn-benchmark {@code citeseer.npz}.
     */
    DROP_EDGES,
    /**
     * Keep the line and append each missing id as a node with all-zero features and label -1, in
     * order of first appearance. CiteSeer then has 3327 nodes, as in the Planetoid version.
     */
    ADD_FEATURELESS
}
