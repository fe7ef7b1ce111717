package io.principia.graph.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * Expected index sets were produced by the GRAND++ split code's steps run with NumPy 2.4.6
 * on the label vector {@link #LABELS} (40 nodes, 3 classes).
 */
class SplitsTest {
    static final int[] LABELS = IntStream.range(0, 40).map(i -> i % 5 != 0 ? (i * 7) % 3 : 2).toArray();

    @Test
    void lowLabelSplitMatchesTheReleasedCodeUnderNumpy() {
        NodeSplit s = Splits.lowLabel(LABELS, 3, 20, 2, 0);
        assertArrayEquals(new int[] {39, 36, 22, 28, 15, 25}, s.train());
        assertArrayEquals(new int[] {20, 4, 10, 11, 18, 29, 27, 35, 37, 2, 30, 34, 16, 8}, s.val());
        assertArrayEquals(new int[] {0, 1, 3, 5, 6, 7, 9, 12, 13, 14, 17, 19, 21, 23, 24, 26, 31, 32, 33, 38}, s.test());
    }

    @Test
    void releasedCodeQuirkTakesSourceNodesFromTheSeed12345Split() {
        GrandSplit intended = Splits.grandPlusPlus(LABELS, 3, 20, 2, 0, false);
        GrandSplit quirk = Splits.grandPlusPlus(LABELS, 3, 20, 2, 0, true);
        assertArrayEquals(intended.split().train(), intended.sourceNodes());
        assertArrayEquals(intended.split().train(), quirk.split().train());
        assertArrayEquals(new int[] {6, 33, 7, 19, 15, 32}, quirk.sourceNodes()); // NumPy, seed 12345
    }

    @Test
    void lowLabelSplitHasTheSpecSizesAndIsDisjoint() {
        // spec T7 shape: N nodes, a development set, k per class; here N = 40, dev = 20, k = 1..3
        for (int k = 1; k <= 3; k++) {
            NodeSplit s = Splits.lowLabel(LABELS, 3, 20, k, 11);
            assertEquals(3 * k, s.train().length);
            assertEquals(20 - 3 * k, s.val().length);
            assertEquals(20, s.test().length);
            int[] counts = new int[3];
            for (int i : s.train()) {
                counts[LABELS[i]]++;
            }
            assertArrayEquals(new int[] {k, k, k}, counts);
            assertEquals(40, union(s).size());
            assertArrayEquals(s.train(), Splits.lowLabel(LABELS, 3, 20, k, 11).train()); // same seed, same split
        }
    }

    @Test
    void lowLabelRejectsMoreLabelsPerClassThanTheDevelopmentSetHolds() {
        var e = assertThrows(IllegalArgumentException.class, () -> Splits.lowLabel(LABELS, 3, 20, 9, 0));
        assertTrue(e.getMessage().contains("fewer than the 9 per class"), e.getMessage());
        assertTrue(e.getMessage().contains("development set of 20"), e.getMessage());
    }

    @Test
    void planetoidSplitMatchesNumpyAndTheProtocolSizes() {
        NodeSplit s = Splits.planetoid(LABELS, 3, 4, 5, 10, 3);
        assertArrayEquals(new int[] {21, 18, 6, 9, 13, 31, 7, 4, 10, 20, 15, 14}, s.train());
        assertArrayEquals(new int[] {11, 34, 24, 29, 5}, s.val());
        assertArrayEquals(new int[] {3, 2, 35, 23, 19, 22, 39, 37, 12, 38}, s.test());
    }

    @Test
    void planetoidSkipsUnlabelledNodesAndRejectsImpossibleSizes() {
        int[] labels = LABELS.clone();
        labels[0] = -1;
        labels[1] = -1;
        NodeSplit s = Splits.planetoid(labels, 3, 2, 10, 20, 5);
        Set<Integer> all = union(s);
        assertFalse(all.contains(0) || all.contains(1));
        assertEquals(36, all.size());
        var big = assertThrows(IllegalArgumentException.class, () -> Splits.planetoid(LABELS, 3, 20, 5, 5, 0));
        assertTrue(big.getMessage().contains("fewer than the 20 per class"), big.getMessage());
        var rest = assertThrows(IllegalArgumentException.class, () -> Splits.planetoid(LABELS, 3, 2, 30, 10, 0));
        assertTrue(rest.getMessage().contains("34 labelled nodes remain"), rest.getMessage());
    }

    @Test
    void nodeSplitRejectsOverlappingSets() {
        var e = assertThrows(IllegalArgumentException.class, () -> new NodeSplit(new int[] {1, 2}, new int[] {2}, new int[0]));
        assertTrue(e.getMessage().contains("node 2 appears twice"), e.getMessage());
    }

    private static Set<Integer> union(NodeSplit s) {
        Set<Integer> all = new HashSet<>();
        for (int[] p : new int[][] {s.train(), s.val(), s.test()}) {
            Arrays.stream(p).forEach(all::add);
        }
        return all;
    }
}
