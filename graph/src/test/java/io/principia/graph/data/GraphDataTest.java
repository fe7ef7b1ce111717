package io.principia.graph.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import io.principia.graph.Graph;

class GraphDataTest {
    static final Graph G = new Graph(3, new int[] {0, 2}, new int[] {1, 1});

    static GraphData data(int[] labels) {
        return new GraphData("toy", G, Nd4j.createFromArray(new float[][] {{1, 3}, {0, 0}, {2, 2}}), labels, List.of("a", "b"),
                List.of("x", "y", "z"));
    }

    @Test
    void labelsNotMatchingTheFeatureRowsAreNamed() {
        var e = assertThrows(DataShapeException.class, () -> data(new int[] {0, 1}));
        assertTrue(e.getMessage().contains("2 labels for 3 nodes (the label file does not match the feature file)"), e.getMessage());
        var f = assertThrows(DataShapeException.class, () -> new GraphData("toy", G, Nd4j.zeros(2, 4), new int[] {0, 1, 0},
                List.of("a", "b"), List.of("x", "y", "z")));
        assertTrue(f.getMessage().contains("features must be [3, F] for 3 nodes, got [2, 4]"), f.getMessage());
        var c = assertThrows(DataShapeException.class, () -> data(new int[] {0, 2, 1}));
        assertTrue(c.getMessage().contains("node 1 has label 2, expected -1 or a class in [0, 2)"), c.getMessage());
    }

    @Test
    void rowNormalizationLeavesZeroRowsAtZero() {
        GraphData d = data(new int[] {0, -1, 1}).rowNormalized();
        assertArrayEquals(new float[] {0.25f, 0.75f, 0, 0, 0.5f, 0.5f}, d.features().reshape(6).toFloatVector(), 1e-7f);
    }

    @Test
    void subsetRenumbersNodesAndKeepsTheirData() {
        GraphData d = data(new int[] {0, -1, 1}).subset(new int[] {1, 2});
        assertEquals(List.of("y", "z"), d.nodeIds());
        assertArrayEquals(new int[] {-1, 1}, d.labels());
        assertArrayEquals(new int[] {1}, d.graph().sources()); // 2 -> 1 becomes 1 -> 0
        assertArrayEquals(new int[] {0}, d.graph().targets());
        assertArrayEquals(new int[] {0, 1}, d.classCounts());
    }
}
