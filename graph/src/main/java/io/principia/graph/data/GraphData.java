package io.principia.graph.data;

import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

import io.principia.graph.Graph;
import io.principia.graph.GraphOps;

/**
 * A node-classification dataset: the graph as stored in its files (for citation graphs, edge
 * citing -> cited), node features [N, F], one class per node ({@code -1} = no label, e.g. a
 * CiteSeer paper that is cited but has no content row), class names and node ids.
 *
 * @param name dataset name, for messages
 * @param graph directed edges as the files give them (use {@link GraphOps#symmetrize} for GNNs)
 * @param features [N, F] float32
 * @param labels class index per node in [0, C), or -1
 * @param classNames C names; class c is {@code classNames.get(c)}
 * @param nodeIds N external ids (LINQS paper ids), or index strings when the file has none
 */
public record GraphData(String name, Graph graph, INDArray features, int[] labels, List<String> classNames,
                        List<String> nodeIds) {

    public GraphData {
        int n = graph.numNodes();
        if (features.rank() != 2 || features.size(0) != n) {
            throw new DataShapeException(name + ": features must be [" + n + ", F] for " + n + " nodes, got "
                    + Arrays.toString(features.shape()));
        }
        if (labels.length != n) {
            throw new DataShapeException(name + ": " + labels.length + " labels for " + n + " nodes (the label file does "
                    + "not match the feature file)");
        }
        if (nodeIds.size() != n) {
            throw new DataShapeException(name + ": " + nodeIds.size() + " node ids for " + n + " nodes");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < -1 || labels[i] >= classNames.size()) {
                throw new DataShapeException(name + ": node " + i + " has label " + labels[i] + ", expected -1 or a class in [0, "
                        + classNames.size() + ")");
            }
        }
        labels = labels.clone();
        classNames = List.copyOf(classNames);
        nodeIds = List.copyOf(nodeIds);
    }

    public int numNodes() { return graph.numNodes(); }

    public int numFeatures() { return (int) features.size(1); }

    public int numClasses() { return classNames.size(); }

    @Override
    public int[] labels() { return labels.clone(); }

    /** Nodes per class; unlabelled nodes are not counted. */
    public int[] classCounts() {
        int[] c = new int[numClasses()];
        for (int y : labels) {
            if (y >= 0) {
                c[y]++;
            }
        }
        return c;
    }

    /** The dataset restricted to {@code nodes} (strictly ascending), renumbered 0..k-1. */
    public GraphData subset(int[] nodes) {
        Graph sub = GraphOps.subgraph(graph, nodes);
        INDArray f = features.getRows(nodes); // [k, F]
        int[] y = new int[nodes.length];
        String[] ids = new String[nodes.length];
        for (int k = 0; k < nodes.length; k++) {
            y[k] = labels[nodes[k]];
            ids[k] = nodeIds.get(nodes[k]);
        }
        return new GraphData(name, sub, f, y, classNames, List.of(ids));
    }

    /** The dataset restricted to its largest connected component (GRAND's {@code use_lcc}). */
    public GraphData largestComponent() {
        return subset(GraphOps.largestComponent(graph));
    }

    /** Features scaled so each row sums to 1 (rows of zeros stay zero), as Kipf's GCN preprocesses them. */
    public GraphData rowNormalized() {
        INDArray sums = features.sum(true, 1); // [N, 1]
        INDArray safe = sums.dup();
        safe.replaceWhere(org.nd4j.linalg.factory.Nd4j.onesLike(safe), org.nd4j.linalg.indexing.conditions.Conditions.equals(0));
        return new GraphData(name, graph, features.divColumnVector(safe), labels, classNames, nodeIds);
    }

    @Override
    public String toString() {
        return name + "(nodes=" + numNodes() + ", edges=" + graph.numEdges() + ", features=" + numFeatures() + ", classes="
                + numClasses() + ")";
    }
}
