package io.principia.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.util.Rng;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

class DataLoaderTest {

    /** The example indices a batch holds, read back from the numbered features (100 i + ...). */
    private static int[] indicesOf(Batch b) {
        int[] idx = new int[b.size()];
        for (int r = 0; r < b.size(); r++) {
            idx[r] = (int) Math.round(b.x().data().getDouble(r, 0, 0) / 100);
        }
        return idx;
    }

    @Test
    void sequentialBatchesCoverTheDatasetInOrder() {
        DataLoader<Batch> loader = DataLoader.sequential(TensorDatasetTest.numbered(10), 4);
        assertEquals(3, loader.numBatches());
        List<int[]> seen = new ArrayList<>();
        for (Batch b : loader) {
            seen.add(indicesOf(b));
        }
        assertEquals(3, seen.size());
        assertArrayEquals(new int[] {0, 1, 2, 3}, seen.get(0));
        assertArrayEquals(new int[] {4, 5, 6, 7}, seen.get(1));
        assertArrayEquals(new int[] {8, 9}, seen.get(2));
    }

    @Test
    void dropLastSkipsTheShortBatch() {
        DataLoader<Batch> loader = DataLoader.of(TensorDatasetTest.numbered(10), 4, true, 3, true);
        assertEquals(2, loader.numBatches());
        int count = 0;
        for (Batch b : loader.epoch(5)) {
            assertEquals(4, b.size());
            count++;
        }
        assertEquals(2, count);
        assertEquals(1, DataLoader.of(TensorDatasetTest.numbered(4), 4, false, 0, true).numBatches());
    }

    @Test
    void epochOrderIsAPureFunctionOfSeedAndEpoch() {
        TensorDataset ds = TensorDatasetTest.numbered(23);
        DataLoader<Batch> a = DataLoader.of(ds, 5, true, 42, false);
        DataLoader<Batch> b = DataLoader.of(ds, 5, true, 42, false);
        for (long epoch : new long[] {0, 1, 7}) {
            int[] expected = new Rng(42 ^ (epoch * 0x9E3779B97F4A7C15L)).permutation(23);
            assertArrayEquals(expected, a.order(epoch));
            int[] got = new int[0];
            for (Batch batch : b.epoch(epoch)) {
                got = concat(got, indicesOf(batch));
            }
            assertArrayEquals(expected, got, "epoch " + epoch);
            int[] sorted = got.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < 23; i++) {
                assertEquals(i, sorted[i]);
            }
        }
        assertFalse(Arrays.equals(a.order(0), a.order(1)));
        assertFalse(Arrays.equals(a.order(1), DataLoader.of(ds, 5, true, 43, false).order(1)));
    }

    @Test
    void resumingInsideAnEpochGivesTheSameBatches() {
        DataLoader<Batch> loader = DataLoader.of(TensorDatasetTest.numbered(17), 4, true, 9, false);
        List<int[]> full = new ArrayList<>();
        loader.iterator(3).forEachRemaining(b -> full.add(indicesOf(b)));
        Iterator<Batch> resumed = loader.iterator(3, 2);
        for (int k = 2; k < full.size(); k++) {
            assertArrayEquals(full.get(k), indicesOf(resumed.next()));
            assertArrayEquals(full.get(k), loader.batchIndices(3, k));
        }
        assertFalse(resumed.hasNext());
        assertThrows(java.util.NoSuchElementException.class, resumed::next);
    }

    @Test
    void genericDatasetWithCollate() {
        Dataset<String> words = new Dataset<>() {
            private final String[] w = {"a", "b", "c", "d", "e"};
            @Override public int size() { return w.length; }
            @Override public String get(int i) { return w[i]; }
        };
        DataLoader<String> loader = DataLoader.of(words, 2, false, 0, false, list -> String.join("", list));
        List<String> got = new ArrayList<>();
        loader.forEach(got::add);
        assertEquals(List.of("ab", "cd", "e"), got);
        DataLoader<String> shuffled = DataLoader.of(words, 5, true, 1, false, list -> String.join("", list));
        int[] order = shuffled.order(0);
        StringBuilder expected = new StringBuilder();
        for (int i : order) {
            expected.append(words.get(i));
        }
        assertEquals(expected.toString(), shuffled.iterator(0).next());
    }

    @Test
    void badArgumentsAreRejected() {
        TensorDataset ds = TensorDatasetTest.numbered(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataLoader.of(ds, 0, false, 0, false));
        assertTrue(e.getMessage().contains("batchSize") && e.getMessage().contains("0"), e.getMessage());
        Dataset<Integer> empty = new Dataset<>() {
            @Override public int size() { return 0; }
            @Override public Integer get(int i) { throw new IndexOutOfBoundsException(); }
        };
        IllegalArgumentException emptyError = assertThrows(IllegalArgumentException.class,
                () -> DataLoader.of(empty, 2, false, 0, false, list -> list));
        assertTrue(emptyError.getMessage().contains("empty"), emptyError.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DataLoader.of(ds, 4, false, 0, true));
        assertThrows(IllegalArgumentException.class, () -> DataLoader.of(ds, 2, false, 0, false).iterator(0, 3));
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
