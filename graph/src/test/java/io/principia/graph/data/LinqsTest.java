package io.principia.graph.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.principia.core.data.DataException;

/** The LINQS reader on small hand-written files. */
class LinqsTest {
    @TempDir
    Path dir;

    private void write(String content, String cites) throws IOException {
        Files.writeString(dir.resolve("toy.content"), content);
        Files.writeString(dir.resolve("toy.cites"), cites);
    }

    /** Four papers (string ids), 3 features, classes "b" and "a"; one duplicate and one self citation. */
    private void writeToy() throws IOException {
        write("p1\t1\t0\t0\tb\nxy99z\t0\t1\t1\ta\n7\t1\t1\t0\tb\nlonely\t0\t0\t1\ta\n",
                "p1\txy99z\n7\tp1\n7\tp1\nxy99z\txy99z\n");
    }

    @Test
    void readsIdsFeaturesSortedClassesAndCitingToCitedEdges() throws IOException {
        writeToy();
        GraphData d = Linqs.load(dir, "toy", MissingNodes.ERROR);
        assertEquals(java.util.List.of("p1", "xy99z", "7", "lonely"), d.nodeIds());
        assertEquals(java.util.List.of("a", "b"), d.classNames());
        assertArrayEquals(new int[] {1, 0, 1, 0}, d.labels());
        assertArrayEquals(new float[] {0, 1, 1}, d.features().getRow(1).toFloatVector());
        // "p1 xy99z": xy99z cites p1, stored as 1 -> 0; duplicates and self-citations are kept
        assertArrayEquals(new int[] {1, 0, 0, 1}, d.graph().sources());
        assertArrayEquals(new int[] {0, 2, 2, 1}, d.graph().targets());
        var stats = io.principia.graph.GraphStats.of(d.graph());
        assertEquals(1, stats.duplicates());
        assertEquals(1, stats.selfLoops());
        assertEquals(1, stats.isolated()); // "lonely" is a node with no citations
    }

    @Test
    void unknownIdsFollowThePolicy() throws IOException {
        write("a\t1\tx\nb\t0\ty\n", "a\tb\nghost\ta\nb\tghost2\n");
        var e = assertThrows(UnknownNodeException.class, () -> Linqs.load(dir, "toy", MissingNodes.ERROR));
        assertTrue(e.getMessage().contains("line 2: paper id 'ghost' has no line in toy.content"), e.getMessage());
        GraphData dropped = Linqs.load(dir, "toy", MissingNodes.DROP_EDGES);
        assertEquals(2, dropped.numNodes());
        assertEquals(1, dropped.graph().numEdges());
        GraphData added = Linqs.load(dir, "toy", MissingNodes.ADD_FEATURELESS);
        assertEquals(java.util.List.of("a", "b", "ghost", "ghost2"), added.nodeIds());
        assertArrayEquals(new int[] {0, 1, -1, -1}, added.labels());
        assertEquals(0.0, added.features().getRow(2).sumNumber().doubleValue(), 0.0);
        assertArrayEquals(new int[] {1, 0, 3}, added.graph().sources()); // "ghost a": a cites ghost, 0 -> 2; "b ghost2": ghost2 cites b, 3 -> 1
        assertArrayEquals(new int[] {0, 2, 1}, added.graph().targets());
    }

    @Test
    void malformedFilesAreNamed() throws IOException {
        write("a\t1\t0\tx\nb\t0\ty\n", "a\tb\n");
        var ragged = assertThrows(DataShapeException.class, () -> Linqs.load(dir, "toy", MissingNodes.ERROR));
        assertTrue(ragged.getMessage().contains("line 2: expected 4 tab-separated fields (as on the first line), got 3"),
                ragged.getMessage());
        write("a\t1\tx\na\t0\ty\n", "a\ta\n");
        var dup = assertThrows(DataException.class, () -> Linqs.load(dir, "toy", MissingNodes.ERROR));
        assertTrue(dup.getMessage().contains("paper id 'a' already defined on line 1"), dup.getMessage());
        write("a\t1\tx\nb\tone\ty\n", "a\tb\n");
        var nan = assertThrows(DataException.class, () -> Linqs.load(dir, "toy", MissingNodes.ERROR));
        assertTrue(nan.getMessage().contains("line 2, field 2: expected a number, got 'one'"), nan.getMessage());
        write("a\t1\tx\n", "a\tb\tc\n");
        var cites = assertThrows(DataException.class, () -> Linqs.load(dir, "toy", MissingNodes.ERROR));
        assertTrue(cites.getMessage().contains("line 1: expected 2 fields"), cites.getMessage());
        write("", "");
        var empty = assertThrows(DataException.class, () -> Linqs.load(dir, "toy", MissingNodes.ERROR));
        assertTrue(empty.getMessage().contains("no papers"), empty.getMessage());
        Files.delete(dir.resolve("toy.cites"));
        var missing = assertThrows(DataException.class, () -> Linqs.load(dir, "toy", MissingNodes.ERROR));
        assertTrue(missing.getMessage().contains("missing file") && missing.getMessage().contains("toy.cites"), missing.getMessage());
    }
}
