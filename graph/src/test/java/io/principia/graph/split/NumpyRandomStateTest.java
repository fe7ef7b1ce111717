package io.principia.graph.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Values printed by NumPy 2.4.6's legacy {@code np.random.RandomState}. */
class NumpyRandomStateTest {
    @Test
    void firstOutputsMatchNumpy() {
        // np.random.RandomState(0).randint(0, 2**32, size=3, dtype=np.uint32)
        NumpyRandomState rs = new NumpyRandomState(0);
        assertEquals(2357136044L, rs.nextUint32());
        assertEquals(2546248239L, rs.nextUint32());
        assertEquals(3071714933L, rs.nextUint32());
    }

    @Test
    void permutationsMatchNumpy() {
        assertArrayEquals(new int[] {8, 1, 5, 0, 7, 2, 9, 4, 3, 6}, new NumpyRandomState(42).permutation(10));
        int[] p = new NumpyRandomState(7).permutation(1000); // crosses the 624-word state refill
        assertArrayEquals(new int[] {778, 334, 271, 802, 216, 408, 812, 94}, java.util.Arrays.copyOf(p, 8));
    }

    @Test
    void choiceRejectsLargerSampleThanPopulation() {
        var e = assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(0).choice(new int[] {1, 2}, 3));
        assertTrue(e.getMessage().contains("cannot take 3 of 2"), e.getMessage());
    }

    @Test
    void rejectsSeedsOutsideUint32() {
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(-1));
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(1L << 32));
    }
}
