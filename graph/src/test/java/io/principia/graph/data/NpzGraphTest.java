package io.principia.graph.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.principia.core.data.DataException;

/** The gnn-benchmark reader on a 3-node file: A[0,1] = A[2,1] = 1 (links 1 -> 0 and 1 -> 2), features in CSR. */
class NpzGraphTest {
    @TempDir
    Path dir;

    static Map<String, INDArray> toy() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("adj_data", Nd4j.createFromArray(1f, 1f));
        m.put("adj_indices", Nd4j.createFromArray(1, 1));
        m.put("adj_indptr", Nd4j.createFromArray(0, 1, 1, 2));
        m.put("adj_shape", Nd4j.createFromArray(3L, 3L));
        m.put("attr_data", Nd4j.createFromArray(1f, 2f, 3f));
        m.put("attr_indices", Nd4j.createFromArray(0, 3, 1));
        m.put("attr_indptr", Nd4j.createFromArray(0, 2, 2, 3));
        m.put("attr_shape", Nd4j.createFromArray(3L, 4L));
        m.put("labels", Nd4j.createFromArray((byte) 1, (byte) 0, (byte) 1));
        return m;
    }

    private Path write(Map<String, INDArray> arrays, Map<String, String[]> strings) throws Exception {
        Path f = dir.resolve("toy.npz");
        NpzFixture.write(f, arrays, strings);
        return f;
    }

    @Test
    void readsCsrAdjacencyFeaturesLabelsAndUnicodeNames() throws Exception {
        GraphData d = NpzGraph.load("toy", write(toy(), Map.of("node_names", new String[] {"n0", "πé", "longer_id"},
                "class_names", new String[] {"Zeta", "Alpha"})));
        assertArrayEquals(new int[] {1, 1}, d.graph().sources());
        assertArrayEquals(new int[] {0, 2}, d.graph().targets());
        assertArrayEquals(new float[] {1, 0, 0, 2, 0, 0, 0, 0, 0, 3, 0, 0}, d.features().reshape(12).toFloatVector());
        assertArrayEquals(new int[] {1, 0, 1}, d.labels());
        assertEquals(List.of("n0", "πé", "longer_id"), d.nodeIds());
        assertEquals(List.of("Zeta", "Alpha"), d.classNames());
    }

    @Test
    void filesWithoutNamesGetIndexIdsAndClassNumbers() throws Exception {
        GraphData d = NpzGraph.load("toy", write(toy(), Map.of()));
        assertEquals(List.of("0", "1", "2"), d.nodeIds());
        assertEquals(List.of("class0", "class1"), d.classNames());
    }

    @Test
    void labelCountNotMatchingTheFeatureRowsIsNamed() throws Exception {
        Map<String, INDArray> m = toy();
        m.put("labels", Nd4j.createFromArray((byte) 1, (byte) 0));
        var e = assertThrows(DataShapeException.class, () -> NpzGraph.load("toy", write(m, Map.of())));
        assertTrue(e.getMessage().contains("'labels' holds 2 entries but the features have 3 rows"), e.getMessage());
    }

    @Test
    void edgesToUnknownNodesAreNamed() throws Exception {
        Map<String, INDArray> m = toy();
        m.put("adj_indices", Nd4j.createFromArray(1, 7));
        var e = assertThrows(UnknownNodeException.class, () -> NpzGraph.load("toy", write(m, Map.of())));
        assertTrue(e.getMessage().contains("'adj_indices' holds column 7, outside [0, 3)"), e.getMessage());
    }

    @Test
    void inconsistentCsrAndMissingKeysAreNamed() throws Exception {
        Map<String, INDArray> m = toy();
        m.put("attr_indptr", Nd4j.createFromArray(0, 2, 3));
        var ptr = assertThrows(DataShapeException.class, () -> NpzGraph.load("toy", write(m, Map.of())));
        assertTrue(ptr.getMessage().contains("'attr_indptr' has 3 entries, expected rows + 1 = 4"), ptr.getMessage());
        Map<String, INDArray> n = toy();
        n.remove("labels");
        var key = assertThrows(DataException.class, () -> NpzGraph.load("toy", write(n, Map.of())));
        assertTrue(key.getMessage().contains("missing array 'labels'"), key.getMessage());
        Map<String, INDArray> s = toy();
        s.put("adj_shape", Nd4j.createFromArray(3L, 4L));
        var shape = assertThrows(DataShapeException.class, () -> NpzGraph.load("toy", write(s, Map.of())));
        assertTrue(shape.getMessage().contains("adjacency shape [3, 4] does not match the 3 feature rows"), shape.getMessage());
    }

    @Test
    void truncatedOrMissingFilesAreNamed() throws Exception {
        Path f = write(toy(), Map.of());
        byte[] bytes = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.npz");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        var e = assertThrows(DataException.class, () -> NpzGraph.load("toy", cut));
        assertTrue(e.getMessage().contains("cut.npz"), e.getMessage());
        var missing = assertThrows(DataException.class, () -> NpzGraph.load("toy", dir.resolve("absent.npz")));
        assertTrue(missing.getMessage().contains("missing file") && missing.getMessage().contains("absent.npz"), missing.getMessage());
    }
}
