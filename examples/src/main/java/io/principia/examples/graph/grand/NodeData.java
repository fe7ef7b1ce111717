package io.principia.examples.graph.grand;

import java.nio.file.Path;
import java.util.Locale;

import io.principia.graph.Graph;
import io.principia.graph.GraphOps;
import io.principia.graph.data.GraphData;
import io.principia.graph.data.GraphDataset;
import io.principia.graph.data.Linqs;
import io.principia.graph.data.MissingNodes;
import io.principia.graph.data.NpzGraph;
import io.principia.graph.sparse.SparseMatrix;

/**
 * A dataset as GRAND and GRAND++ use it (spec §1.6): the largest connected component, the
 * graph symmetrized without self-loops, raw features for GRAND and row-normalized ones for the
 * GCN/GAT baselines (as their papers preprocess).
 */
record NodeData(String name, GraphData data, Graph graph, SparseMatrix raw, SparseMatrix rowNormalized) {

    /** cora, citeseer (LINQS) or photo (Amazon Photo npz); from {@code dir} when given, else the data root. */
    static NodeData load(String name, Path dir) {
        GraphData d = switch (name.toLowerCase(Locale.ROOT)) {
            case "cora" -> dir != null ? Linqs.load(dir, "cora", MissingNodes.DROP_EDGES) : GraphDataset.CORA.load(null);
            case "citeseer" -> dir != null ? Linqs.load(dir, "citeseer", MissingNodes.DROP_EDGES) : GraphDataset.CITESEER.load(null);
            case "photo" -> dir != null ? NpzGraph.load("photo", dir.resolve("amazon_electronics_photo.npz"))
                    : GraphDataset.AMAZON_PHOTO.load(null);
            default -> throw new IllegalArgumentException("unknown dataset '" + name + "', expected cora, citeseer or photo");
        };
        GraphData lcc = d.largestComponent();
        Graph g = GraphOps.removeSelfLoops(GraphOps.symmetrize(lcc.graph()));
        return new NodeData(name, lcc, g, SparseMatrix.fromDense(lcc.features()), SparseMatrix.fromDense(lcc.rowNormalized().features()));
    }

    int numNodes() { return graph.numNodes(); }

    int numFeatures() { return data.numFeatures(); }

    int numClasses() { return data.numClasses(); }

    int[] labels() { return data.labels(); }
}
