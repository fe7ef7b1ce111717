package io.principia.graph.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.principia.core.data.DataException;
import io.principia.core.data.DataPaths;
import io.principia.core.data.Downloader;
import io.principia.core.data.RemoteFile;
import io.principia.graph.Graph;
import io.principia.graph.GraphOps;
import io.principia.graph.GraphStats;

/**
 * Loaders on the real files in shared/data, checked against the statistics computed independently
 * with numpy/scipy (spec section 2.1 and T8). Skipped when shared/data is absent.
 */
class RealGraphDataTest {
    static GraphData cora;

    @BeforeAll
    static void load() {
        assumeTrue(DataPaths.sharedData("cora/cora.content").isPresent(), "shared/data not available");
        cora = GraphDataset.CORA.load(DataPaths.sharedData("cora").orElseThrow());
    }

    @Test
    void coraLinqsStatistics() {
        assertEquals(2708, cora.numNodes());
        assertEquals(1433, cora.numFeatures());
        assertEquals(7, cora.numClasses());
        assertEquals(List.of("Case_Based", "Genetic_Algorithms", "Neural_Networks", "Probabilistic_Methods",
                "Reinforcement_Learning", "Rule_Learning", "Theory"), cora.classNames());
        assertArrayEquals(new int[] {298, 418, 818, 426, 217, 180, 351}, cora.classCounts());
        assertEquals(49216, cora.features().neq(0).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().intValue());
        // 5429 citation lines; 151 pairs cite each other, so 5278 undirected edges; no self-citations
        assertEquals(new GraphStats(2708, 5429, 5278, 0, 0, 0, 78, 2485), GraphStats.of(cora.graph()));
        Graph sym = GraphOps.symmetrize(cora.graph());
        assertEquals(2 * 5278, sym.numEdges());
        GraphData lcc = cora.largestComponent();
        assertEquals(2485, lcc.numNodes());
        assertEquals(2 * 5069, GraphOps.symmetrize(lcc.graph()).numEdges());
    }

    @Test
    void coraNpzIsTheSameGraphAsTheLinqsFiles() {
        GraphData npz = GraphDataset.CORA_NPZ.load(DataPaths.sharedData("gnn-benchmark").orElseThrow());
        assertEquals(2708, npz.numNodes());
        assertEquals(cora.classNames(), npz.classNames());
        assertArrayEquals(cora.classCounts(), npz.classCounts());
        assertEquals(5429, npz.graph().numEdges());
        assertEquals(edgeSet(cora), edgeSet(npz)); // by paper id, direction included
        int i = npz.nodeIds().indexOf("1033"), j = cora.nodeIds().indexOf("1033");
        assertEquals(cora.features().getRow(j), npz.features().getRow(i));
        assertEquals(cora.labels()[j], npz.labels()[i]);
    }

    @Test
    void citeseerDanglingCitationsUnderEachPolicy() {
        Path dir = DataPaths.sharedData("citeseer").orElseThrow();
        GraphData dropped = GraphDataset.CITESEER.load(dir, MissingNodes.DROP_EDGES);
        assertEquals(3312, dropped.numNodes());
        assertEquals(3703, dropped.numFeatures());
        assertArrayEquals(new int[] {249, 596, 701, 508, 668, 590}, dropped.classCounts()); // AI, Agents, DB, HCI, IR, ML
        assertEquals(new GraphStats(3312, 4715, 4536, 124, 0, 48, 438, 2110), GraphStats.of(dropped.graph()));
        GraphData npz = GraphDataset.CITESEER_NPZ.load(DataPaths.sharedData("gnn-benchmark").orElseThrow());
        assertEquals(edgeSet(dropped), edgeSet(npz)); // the npz is LINQS without the dangling lines

        GraphData planetoidLike = GraphDataset.CITESEER.load(dir, MissingNodes.ADD_FEATURELESS);
        assertEquals(3327, planetoidLike.numNodes()); // 15 featureless, unlabelled papers appended
        assertEquals(15, (int) java.util.Arrays.stream(planetoidLike.labels()).filter(y -> y < 0).count());
        GraphStats s = GraphStats.of(planetoidLike.graph());
        assertEquals(4552, s.undirectedEdges());
        assertEquals(2120, s.largestComponent()); // Planetoid CiteSeer LCC, spec 2.1
        assertEquals(2 * 3679, GraphOps.symmetrize(GraphOps.removeSelfLoops(planetoidLike.largestComponent().graph())).numEdges());

        var e = assertThrows(UnknownNodeException.class, () -> GraphDataset.CITESEER.load(dir, MissingNodes.ERROR));
        assertTrue(e.getMessage().contains("has no line in citeseer.content"), e.getMessage());
    }

    @Test
    void amazonPhotoStatistics() {
        GraphData photo = GraphDataset.AMAZON_PHOTO.load(DataPaths.sharedData("amazon-photo").orElseThrow());
        assertEquals(7650, photo.numNodes());
        assertEquals(745, photo.numFeatures());
        assertArrayEquals(new int[] {369, 1686, 703, 915, 882, 823, 1941, 331}, photo.classCounts());
        GraphStats s = GraphStats.of(photo.graph());
        assertEquals(143663, s.edges());
        assertEquals(119081, s.undirectedEdges());
        assertEquals(1, s.selfLoops());
        assertEquals(7487, s.largestComponent()); // spec 2.1: Photo LCC
    }

    @Test
    void pinnedChecksumsMatchTheSharedCopies() {
        for (GraphDataset d : GraphDataset.values()) {
            for (RemoteFile f : d.remoteFiles()) {
                Path local = DataPaths.sharedData(d.folder() + "/" + f.name()).orElseThrow();
                assertEquals(f.sha256(), Downloader.sha256(local), d + " " + f.name());
            }
        }
    }

    @Test
    void dataRootSettingIsHonouredAndMissingFilesAreNamed(@TempDir Path empty) {
        String before = System.getProperty(DataPaths.DATA_PROPERTY);
        try {
            System.setProperty(DataPaths.DATA_PROPERTY, DataPaths.sharedData().toString());
            assertEquals(2708, GraphDataset.CORA.load(null).numNodes());
        } finally {
            if (before == null) {
                System.clearProperty(DataPaths.DATA_PROPERTY);
            } else {
                System.setProperty(DataPaths.DATA_PROPERTY, before);
            }
        }
        var e = assertThrows(DataException.class, () -> GraphDataset.CITESEER.load(empty));
        assertTrue(e.getMessage().contains("missing file") && e.getMessage().contains("citeseer.content")
                && e.getMessage().contains("no download is known"), e.getMessage());
    }

    private static Set<String> edgeSet(GraphData d) {
        Set<String> s = new HashSet<>();
        for (int e = 0; e < d.graph().numEdges(); e++) {
            s.add(d.nodeIds().get(d.graph().source(e)) + ">" + d.nodeIds().get(d.graph().target(e)));
        }
        return s;
    }
}
