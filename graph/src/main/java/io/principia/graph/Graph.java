package io.principia.graph;

import java.util.Arrays;

/**
 * A directed graph on nodes {@code 0..n-1} as an edge list: edge e carries a message from
 * {@code source[e]} to {@code target[e]} (PyTorch Geometric's {@code edge_index[0]} and
 * {@code edge_index[1]}). An undirected graph stores both directions. Duplicates and self-loops
 * are allowed here; {@link GraphOps} removes or adds them explicitly. Immutable: the arrays are
 * copied in and never handed out.
 *
 * <p>Aggregations group edges by target, so the graph keeps a {@link Csr} view by target,
 * built once on first use.
 */
public final class Graph {
    private final int numNodes;
    private final int[] source;
    private final int[] target;
    private volatile Csr byTarget;

    /**
     * @throws IllegalArgumentException if the arrays differ in length or an endpoint is outside [0, numNodes)
     */
    public Graph(int numNodes, int[] source, int[] target) {
        if (numNodes < 0) {
            throw new IllegalArgumentException("Graph: numNodes must be >= 0, got " + numNodes);
        }
        if (source.length != target.length) {
            throw new IllegalArgumentException("Graph: source and target must have one entry per edge, got "
                    + source.length + " sources and " + target.length + " targets");
        }
        for (int e = 0; e < source.length; e++) {
            if (source[e] < 0 || source[e] >= numNodes || target[e] < 0 || target[e] >= numNodes) {
                throw new IllegalArgumentException("Graph: edge " + e + " (" + source[e] + " -> " + target[e]
                        + ") names a node outside [0, " + numNodes + ")");
            }
        }
        this.numNodes = numNodes;
        this.source = source.clone();
        this.target = target.clone();
    }

    public int numNodes() { return numNodes; }

    public int numEdges() { return source.length; }

    public int source(int e) { return source[e]; }

    public int target(int e) { return target[e]; }

    /** A copy of the source of every edge. */
    public int[] sources() { return source.clone(); }

    /** A copy of the target of every edge. */
    public int[] targets() { return target.clone(); }

    /** Edges grouped by target: row i lists the edges into node i, in edge order. */
    public Csr byTarget() {
        Csr c = byTarget;
        if (c == null) {
            c = Csr.group(target, source, numNodes);
            byTarget = c;
        }
        return c;
    }

    /** Number of edges into each node (self-loops count once). */
    public int[] inDegree() {
        int[] d = new int[numNodes];
        for (int t : target) {
            d[t]++;
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Graph g && g.numNodes == numNodes && Arrays.equals(g.source, source) && Arrays.equals(g.target, target);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * numNodes + Arrays.hashCode(source)) + Arrays.hashCode(target);
    }

    @Override
    public String toString() {
        return "Graph(nodes=" + numNodes + ", edges=" + numEdges() + ")";
    }
}
