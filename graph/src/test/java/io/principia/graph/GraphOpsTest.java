package io.principia.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GraphOpsTest {
    /** 0->1, 1->0 (reciprocal), 1->2 twice (duplicate), 3->3 (self-loop), 4->5; node 6 isolated. */
    static final Graph G = new Graph(7, new int[] {0, 1, 1, 1, 3, 4}, new int[] {1, 0, 2, 2, 3, 5});

    @Test
    void coalesceKeepsFirstOccurrences() {
        Graph c = GraphOps.coalesce(G);
        assertArrayEquals(new int[] {0, 1, 1, 3, 4}, c.sources());
        assertArrayEquals(new int[] {1, 0, 2, 3, 5}, c.targets());
    }

    @Test
    void symmetrizeAddsReversesOnceAndKeepsOneSelfLoop() {
        Graph s = GraphOps.symmetrize(G);
        assertArrayEquals(new int[] {0, 1, 1, 3, 4, 2, 5}, s.sources());
        assertArrayEquals(new int[] {1, 0, 2, 3, 5, 1, 4}, s.targets());
        assertTrue(GraphOps.isSymmetric(s));
        assertFalse(GraphOps.isSymmetric(G));
    }

    @Test
    void selfLoopsAreRemovedAndAddedWithoutDoubling() {
        Graph noLoops = GraphOps.removeSelfLoops(G);
        assertEquals(5, noLoops.numEdges());
        Graph loops = GraphOps.addSelfLoops(G); // node 3 already has one
        assertEquals(6 + 6, loops.numEdges());
        assertArrayEquals(new int[] {0, 1, 2, 4, 5, 6}, java.util.Arrays.copyOfRange(loops.sources(), 6, 12));
        assertEquals(GraphOps.addSelfLoops(G), GraphOps.addSelfLoops(GraphOps.addSelfLoops(G)));
    }

    @Test
    void componentsAndLargestComponent() {
        assertArrayEquals(new int[] {0, 0, 0, 1, 2, 2, 3}, GraphOps.components(G));
        assertEquals(4, GraphOps.numComponents(G));
        assertArrayEquals(new int[] {0, 1, 2}, GraphOps.largestComponent(G));
        Graph sub = GraphOps.subgraph(G, new int[] {1, 2, 4, 5});
        assertArrayEquals(new int[] {0, 0, 2}, sub.sources()); // 1->2, 1->2, 4->5 renumbered
        assertArrayEquals(new int[] {1, 1, 3}, sub.targets());
        // a tie between two 2-node components goes to the one with the smaller node
        assertArrayEquals(new int[] {0, 1}, GraphOps.largestComponent(new Graph(4, new int[] {2, 0}, new int[] {3, 1})));
    }

    @Test
    void statisticsOfTheHandGraph() {
        GraphStats s = GraphStats.of(G);
        assertEquals(new GraphStats(7, 6, 3, 1, 1, 2, 4, 3), s); // isolated: 3 (loop only) and 6
    }

    @Test
    void badInputIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Graph(3, new int[] {0, 5}, new int[] {1, 2}));
        assertTrue(e.getMessage().contains("edge 1 (5 -> 2) names a node outside [0, 3)"), e.getMessage());
        var len = assertThrows(IllegalArgumentException.class, () -> new Graph(3, new int[] {0}, new int[] {1, 2}));
        assertTrue(len.getMessage().contains("1 sources and 2 targets"), len.getMessage());
        var order = assertThrows(IllegalArgumentException.class, () -> GraphOps.subgraph(G, new int[] {2, 1}));
        assertTrue(order.getMessage().contains("strictly ascending"), order.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GraphOps.largestComponent(new Graph(0, new int[0], new int[0])));
    }
}
