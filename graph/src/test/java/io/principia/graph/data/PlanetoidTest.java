package io.principia.graph.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.principia.core.data.DataException;
import io.principia.core.data.DataPaths;
import io.principia.graph.Graph;
import io.principia.graph.GraphOps;
import io.principia.graph.split.NodeSplit;

/**
 * The fixed Planetoid splits read from the pickles in shared/data/planetoid, against figures computed
 * independently with Kipf's {@code load_data} (pickle, scipy, networkx) and against the LINQS Cora
 * files. Skipped when shared/data is absent.
 */
class PlanetoidTest {

    static Path dir() {
        assumeTrue(DataPaths.sharedData("planetoid/ind.cora.x").isPresent(), "shared/data/planetoid not available");
        return DataPaths.sharedData("planetoid").orElseThrow();
    }

    static int nonzeros(INDArray a) {
        return a.neq(0).castTo(DataType.INT).sumNumber().intValue();
    }

    @Test
    void coraMatchesKipfsLoader() {
        Planetoid.Split s = Planetoid.read(dir(), "cora");
        GraphData d = s.data();
        assertEquals(2708, d.numNodes());
        assertEquals(1433, d.numFeatures());
        assertArrayEquals(new int[] {351, 217, 418, 818, 426, 298, 180}, d.classCounts());
        assertEquals(49216, nonzeros(d.features()));
        assertEquals(10858, d.graph().numEdges()); // neighbour-list entries as listed
        assertEquals(10556, GraphOps.removeSelfLoops(GraphOps.symmetrize(d.graph())).numEdges());

        NodeSplit split = s.split();
        int[] labels = d.labels();
        assertEquals(140, split.train().length);
        assertArrayEquals(new int[] {20, 20, 20, 20, 20, 20, 20}, counts(NodeSplit.labelsOf(labels, split.train()), 7));
        assertEquals(500, split.val().length);
        assertEquals(140, split.val()[0]);
        assertEquals(1000, split.test().length);
        assertArrayEquals(new int[] {130, 91, 144, 319, 149, 103, 64}, counts(NodeSplit.labelsOf(labels, split.test()), 7));
        // the first line of the test index is node 2692; it takes the first row of tx
        assertEquals(15, nonzeros(d.features().getRow(2692)));
        assertEquals(3, labels[2692]);
        assertEquals(9, nonzeros(d.features().getRow(0)));
        assertEquals(1f, d.features().getFloat(0, 19));
    }

    @Test
    void coraIsTheLinqsGraphRenumbered() {
        GraphData planetoid = Planetoid.read(dir(), "cora").data();
        assumeTrue(DataPaths.sharedData("cora/cora.content").isPresent(), "shared/data/cora not available");
        GraphData linqs = GraphDataset.CORA.load(DataPaths.sharedData("cora").orElseThrow());
        assertArrayEquals(sortedDegrees(GraphOps.symmetrize(linqs.graph())),
                sortedDegrees(GraphOps.removeSelfLoops(GraphOps.symmetrize(planetoid.graph()))));
        int[] a = linqs.classCounts();
        int[] b = planetoid.classCounts();
        Arrays.sort(a);
        Arrays.sort(b);
        assertArrayEquals(a, b);
        assertArrayEquals(sortedRowNonzeros(linqs.features()), sortedRowNonzeros(planetoid.features()));
    }

    @Test
    void citeseerGapsHaveNoFeaturesAndNoLabel() {
        Planetoid.Split s = Planetoid.read(dir(), "citeseer");
        GraphData d = s.data();
        assertEquals(3327, d.numNodes());
        assertEquals(3703, d.numFeatures());
        assertArrayEquals(new int[] {249, 590, 668, 701, 596, 508}, d.classCounts());
        assertEquals(105165, nonzeros(d.features()));
        assertEquals(9104, GraphOps.removeSelfLoops(GraphOps.symmetrize(d.graph())).numEdges());
        int[] labels = d.labels();
        int[] gaps = {2407, 2489, 2553, 2682, 2781, 2953, 3042, 3063, 3212, 3214, 3250, 3292, 3305, 3306, 3309};
        assertArrayEquals(gaps, java.util.stream.IntStream.range(0, 3327).filter(i -> labels[i] < 0).toArray());
        for (int g : gaps) {
            assertEquals(0, nonzeros(d.features().getRow(g)));
        }
        assertEquals(120, s.split().train().length);
        assertArrayEquals(new int[] {77, 182, 181, 231, 169, 160}, counts(NodeSplit.labelsOf(labels, s.split().test()), 6));
        assertEquals(41, nonzeros(d.features().getRow(2488)));
        assertEquals(2, labels[2488]);
    }

    @Test
    void brokenFilesAreNamed(@TempDir Path tmp) throws IOException {
        Path src = dir();
        for (String part : List.of("x", "y", "allx", "ally", "tx", "ty", "graph", "test.index")) {
            Files.copy(src.resolve("ind.cora." + part), tmp.resolve("ind.cora." + part));
        }
        Path graph = tmp.resolve("ind.cora.graph");
        byte[] g = Files.readAllBytes(graph);
        Files.write(graph, Arrays.copyOf(g, g.length / 2));
        DataException truncated = assertThrows(DataException.class, () -> Planetoid.read(tmp, "cora"));
        assertTrue(truncated.getMessage().contains("ind.cora.graph: pickle byte") && truncated.getMessage().contains("truncated"),
                truncated.getMessage());

        Files.write(graph, g);
        Files.writeString(tmp.resolve("ind.cora.test.index"), "2692\n2692\n");
        DataException mismatch = assertThrows(DataException.class, () -> Planetoid.read(tmp, "cora"));
        assertTrue(mismatch.getMessage().contains("tx has 1000") && mismatch.getMessage().contains("test.index has 2"),
                mismatch.getMessage());

        Files.delete(tmp.resolve("ind.cora.ty"));
        DataException missing = assertThrows(DataException.class, () -> Planetoid.read(tmp, "cora"));
        assertTrue(missing.getMessage().contains("missing file") && missing.getMessage().contains("ind.cora.ty"), missing.getMessage());

        DataException unknown = assertThrows(DataException.class, () -> Planetoid.load(tmp, "pubmed"));
        assertTrue(unknown.getMessage().contains("unknown dataset 'pubmed'"), unknown.getMessage());
    }

    static int[] counts(int[] labels, int classes) {
        int[] c = new int[classes];
        for (int y : labels) {
            c[y]++;
        }
        return c;
    }

    static int[] sortedDegrees(Graph g) {
        int[] deg = new int[g.numNodes()];
        for (int e = 0; e < g.numEdges(); e++) {
            deg[g.target(e)]++;
        }
        Arrays.sort(deg);
        return deg;
    }

    static int[] sortedRowNonzeros(INDArray features) {
        int[] nnz = features.neq(0).castTo(DataType.INT).sum(1).toIntVector();
        Arrays.sort(nnz);
        return nnz;
    }
}
