package io.principia.graph;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Structural graph utilities, each returning a new {@link Graph}. Conventions, stated once:
 * <ul>
 *   <li><b>Duplicates</b>: {@link #coalesce} keeps the first occurrence of each (source, target)
 *       pair and drops the rest, preserving edge order otherwise.</li>
 *   <li><b>Self-loops</b>: kept by {@link #symmetrize} and {@link #coalesce} (once); removed only
 *       by {@link #removeSelfLoops}; {@link #addSelfLoops} adds one loop to every node that has
 *       none (PyG's {@code add_remaining_self_loops}), so a loop is never doubled.</li>
 *   <li><b>Node order</b>: {@link #subgraph} keeps nodes in ascending original index and edges in
 *       original order, filtered and renumbered (what GRAND's LCC code does).</li>
 * </ul>
 */
public final class GraphOps {
    private GraphOps() {}

    /** A + Aᵀ as a set: every edge in both directions, duplicates removed ({@link #coalesce}). */
    public static Graph symmetrize(Graph g) {
        int m = g.numEdges();
        int[] s = new int[2 * m];
        int[] t = new int[2 * m];
        for (int e = 0; e < m; e++) {
            s[e] = g.source(e);
            t[e] = g.target(e);
            s[m + e] = g.target(e);
            t[m + e] = g.source(e);
        }
        return coalesce(new Graph(g.numNodes(), s, t));
    }

    /** Drops repeated (source, target) pairs, keeping each pair's first occurrence. */
    public static Graph coalesce(Graph g) {
        Set<Long> seen = new HashSet<>();
        int[] keep = new int[g.numEdges()];
        int k = 0;
        for (int e = 0; e < g.numEdges(); e++) {
            if (seen.add(key(g.source(e), g.target(e)))) {
                keep[k++] = e;
            }
        }
        return select(g, Arrays.copyOf(keep, k));
    }

    /** The graph without edges i -> i. */
    public static Graph removeSelfLoops(Graph g) {
        int[] keep = new int[g.numEdges()];
        int k = 0;
        for (int e = 0; e < g.numEdges(); e++) {
            if (g.source(e) != g.target(e)) {
                keep[k++] = e;
            }
        }
        return select(g, Arrays.copyOf(keep, k));
    }

    /** Appends a loop i -> i for every node i that has none, after the existing edges. */
    public static Graph addSelfLoops(Graph g) {
        boolean[] has = new boolean[g.numNodes()];
        int missing = g.numNodes();
        for (int e = 0; e < g.numEdges(); e++) {
            if (g.source(e) == g.target(e) && !has[g.source(e)]) {
                has[g.source(e)] = true;
                missing--;
            }
        }
        int m = g.numEdges();
        int[] s = Arrays.copyOf(g.sources(), m + missing);
        int[] t = Arrays.copyOf(g.targets(), m + missing);
        for (int i = 0, k = m; i < g.numNodes(); i++) {
            if (!has[i]) {
                s[k] = i;
                t[k++] = i;
            }
        }
        return new Graph(g.numNodes(), s, t);
    }

    /** Whether every edge's reverse is also an edge. */
    public static boolean isSymmetric(Graph g) {
        Set<Long> all = new HashSet<>();
        for (int e = 0; e < g.numEdges(); e++) {
            all.add(key(g.source(e), g.target(e)));
        }
        for (int e = 0; e < g.numEdges(); e++) {
            if (!all.contains(key(g.target(e), g.source(e)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Weakly connected components (edge direction ignored): {@code component[i]} in
     * 0..count-1, numbered in order of each component's smallest node.
     */
    public static int[] components(Graph g) {
        int n = g.numNodes();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int e = 0; e < g.numEdges(); e++) {
            int a = find(parent, g.source(e)), b = find(parent, g.target(e));
            if (a != b) {
                parent[Math.max(a, b)] = Math.min(a, b); // the root is always the smallest node
            }
        }
        int[] label = new int[n];
        int[] rootLabel = new int[n];
        Arrays.fill(rootLabel, -1);
        int count = 0;
        for (int i = 0; i < n; i++) {
            int r = find(parent, i);
            if (rootLabel[r] < 0) {
                rootLabel[r] = count++;
            }
            label[i] = rootLabel[r];
        }
        return label;
    }

    /** Number of weakly connected components (an isolated node is one). */
    public static int numComponents(Graph g) {
        return Arrays.stream(components(g)).max().orElse(-1) + 1;
    }

    /**
     * The nodes of the largest weakly connected component, ascending. A tie goes to the component
     * with the smallest node.
     *
     * @throws IllegalArgumentException on a graph with no nodes
     */
    public static int[] largestComponent(Graph g) {
        if (g.numNodes() == 0) {
            throw new IllegalArgumentException("largestComponent: the graph has no nodes");
        }
        int[] label = components(g);
        int[] size = new int[g.numNodes()];
        for (int c : label) {
            size[c]++;
        }
        int best = 0;
        for (int c = 1; c < size.length; c++) {
            if (size[c] > size[best]) {
                best = c;
            }
        }
        int[] nodes = new int[size[best]];
        for (int i = 0, k = 0; i < label.length; i++) {
            if (label[i] == best) {
                nodes[k++] = i;
            }
        }
        return nodes;
    }

    /**
     * The subgraph induced by {@code nodes} (strictly ascending): node nodes[k] becomes k, edges
     * with both ends kept stay, in their original order.
     */
    public static Graph subgraph(Graph g, int[] nodes) {
        int[] newIndex = newIndex(g.numNodes(), nodes);
        int[] s = new int[g.numEdges()];
        int[] t = new int[g.numEdges()];
        int k = 0;
        for (int e = 0; e < g.numEdges(); e++) {
            int a = newIndex[g.source(e)], b = newIndex[g.target(e)];
            if (a >= 0 && b >= 0) {
                s[k] = a;
                t[k++] = b;
            }
        }
        return new Graph(nodes.length, Arrays.copyOf(s, k), Arrays.copyOf(t, k));
    }

    /** old -> new index for a strictly ascending node list, -1 for nodes left out. */
    static int[] newIndex(int numNodes, int[] nodes) {
        int[] idx = new int[numNodes];
        Arrays.fill(idx, -1);
        for (int k = 0; k < nodes.length; k++) {
            if (nodes[k] < 0 || nodes[k] >= numNodes || (k > 0 && nodes[k] <= nodes[k - 1])) {
                throw new IllegalArgumentException("subgraph: nodes must be strictly ascending in [0, " + numNodes
                        + "), got " + nodes[k] + " at position " + k);
            }
            idx[nodes[k]] = k;
        }
        return idx;
    }

    /** The edges at positions {@code keep}, in that order. */
    public static Graph select(Graph g, int[] keep) {
        int[] s = new int[keep.length];
        int[] t = new int[keep.length];
        for (int k = 0; k < keep.length; k++) {
            s[k] = g.source(keep[k]);
            t[k] = g.target(keep[k]);
        }
        return new Graph(g.numNodes(), s, t);
    }

    static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xffffffffL);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
