package io.principia.graph;

import java.util.HashSet;
import java.util.Set;

/**
 * Counts that describe a graph's structure, as papers report them.
 *
 * @param nodes nodes
 * @param edges stored (directed) edges, duplicates and self-loops included
 * @param undirectedEdges distinct unordered pairs {i, j} with i ≠ j (Cora: 5278)
 * @param selfLoops edges i -> i
 * @param duplicates edges repeating an earlier (source, target) pair
 * @param isolated nodes with no edge to another node (self-loops ignored)
 * @param components weakly connected components
 * @param largestComponent nodes in the largest component
 */
public record GraphStats(int nodes, int edges, int undirectedEdges, int selfLoops, int duplicates, int isolated,
                         int components, int largestComponent) {

    public static GraphStats of(Graph g) {
        Set<Long> directed = new HashSet<>();
        Set<Long> undirected = new HashSet<>();
        boolean[] touched = new boolean[g.numNodes()];
        int loops = 0, dups = 0;
        for (int e = 0; e < g.numEdges(); e++) {
            int s = g.source(e), t = g.target(e);
            if (!directed.add(GraphOps.key(s, t))) {
                dups++;
            }
            if (s == t) {
                loops++;
                continue;
            }
            touched[s] = true;
            touched[t] = true;
            undirected.add(GraphOps.key(Math.min(s, t), Math.max(s, t)));
        }
        int isolated = 0;
        for (boolean b : touched) {
            isolated += b ? 0 : 1;
        }
        int largest = g.numNodes() == 0 ? 0 : GraphOps.largestComponent(g).length;
        return new GraphStats(g.numNodes(), g.numEdges(), undirected.size(), loops, dups, isolated,
                GraphOps.numComponents(g), largest);
    }
}
