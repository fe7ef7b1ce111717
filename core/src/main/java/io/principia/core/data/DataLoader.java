package io.principia.core.data;

import io.principia.core.train.BatchSource;
import io.principia.core.util.Rng;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Cuts a dataset into mini-batches, optionally in a seeded random order per epoch.
 *
 * <p>The order of epoch {@code e} is a pure function of {@code (seed, e)}:
 * {@code new Rng(seed ^ (e * 0x9E3779B97F4A7C15L)).permutation(n)}, or {@code 0..n-1} without
 * shuffling. A loader therefore has no state to checkpoint: a run resumed at epoch {@code e},
 * batch {@code b} calls {@link #iterator(long, int) iterator(e, b)} and sees the same batches.
 *
 * <p>Batch {@code b} holds examples {@code order[b*B .. min((b+1)*B, n))}; with {@code dropLast}
 * the final short batch is skipped. Collation is the dataset's business: a {@link TensorDataset}
 * gathers a batch in one bulk ND4J call per array; a generic {@link Dataset} is collated by a
 * user function over the list of examples.
 *
 * @param <B> the batch type
 */
public final class DataLoader<B> implements Iterable<B>, BatchSource<B> {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final int size;
    private final Function<int[], B> gather;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;

    private DataLoader(int size, Function<int[], B> gather, int batchSize, boolean shuffle, long seed, boolean dropLast) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("DataLoader: batchSize must be >= 1, got " + batchSize);
        }
        if (size < 1) {
            throw new IllegalArgumentException("DataLoader: empty dataset (size " + size + ")");
        }
        if (dropLast && size < batchSize) {
            throw new IllegalArgumentException("DataLoader: dropLast with batchSize " + batchSize
                    + " larger than the dataset size " + size + " would give no batches");
        }
        this.size = size;
        this.gather = gather;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.dropLast = dropLast;
    }

    /** Batches of a {@link TensorDataset}, each gathered in bulk (x [B, ...], y [B, ...]). */
    public static DataLoader<Batch> of(TensorDataset data, int batchSize, boolean shuffle, long seed, boolean dropLast) {
        return new DataLoader<>(data.size(), data::batch, batchSize, shuffle, seed, dropLast);
    }

    /** In-order batches of a {@link TensorDataset}, last short batch kept: for evaluation. */
    public static DataLoader<Batch> sequential(TensorDataset data, int batchSize) {
        return of(data, batchSize, false, 0L, false);
    }

    /** Batches of any dataset: {@code collate} turns the list of a batch's examples into one batch. */
    public static <E, B> DataLoader<B> of(Dataset<E> data, int batchSize, boolean shuffle, long seed, boolean dropLast,
                                          Function<List<E>, B> collate) {
        return new DataLoader<>(data.size(), idx -> {
            List<E> examples = new ArrayList<>(idx.length);
            for (int i : idx) {
                examples.add(data.get(i));
            }
            return collate.apply(examples);
        }, batchSize, shuffle, seed, dropLast);
    }

    /** Batches of {@code size} examples gathered by index: {@code gather} gets a batch's indices. */
    public static <B> DataLoader<B> ofIndices(int size, Function<int[], B> gather, int batchSize, boolean shuffle,
                                              long seed, boolean dropLast) {
        return new DataLoader<>(size, gather, batchSize, shuffle, seed, dropLast);
    }

    public int size() { return size; }

    public int batchSize() { return batchSize; }

    public boolean shuffles() { return shuffle; }

    public long seed() { return seed; }

    public boolean dropLast() { return dropLast; }

    /** Batches per epoch: {@code floor(n/B)} with dropLast, else {@code ceil(n/B)}. */
    public int numBatches() {
        return dropLast ? size / batchSize : (int) ((size + (long) batchSize - 1) / batchSize);
    }

    /** The example order of {@code epoch}: a seeded permutation, or 0..n-1 without shuffling. */
    public int[] order(long epoch) {
        if (shuffle) {
            return new Rng(seed ^ (epoch * GOLDEN)).permutation(size);
        }
        int[] p = new int[size];
        for (int i = 0; i < size; i++) {
            p[i] = i;
        }
        return p;
    }

    /** The dataset indices of batch {@code b} of {@code epoch}. */
    public int[] batchIndices(long epoch, int b) {
        checkBatch(b);
        return slice(order(epoch), b);
    }

    /** The batches of epoch 0 (so a loader works in a for-each loop). */
    @Override
    public Iterator<B> iterator() {
        return iterator(0);
    }

    /** The batches of {@code epoch}. */
    public Iterator<B> iterator(long epoch) {
        return iterator(epoch, 0);
    }

    /** The batches of {@code epoch} from batch {@code fromBatch} on (resuming inside an epoch). */
    public Iterator<B> iterator(long epoch, int fromBatch) {
        if (fromBatch < 0 || fromBatch > numBatches()) {
            throw new IllegalArgumentException("DataLoader: fromBatch must be in [0, " + numBatches() + "], got " + fromBatch);
        }
        int[] order = order(epoch);
        int count = numBatches();
        return new Iterator<>() {
            private int next = fromBatch;

            @Override
            public boolean hasNext() { return next < count; }

            @Override
            public B next() {
                if (next >= count) {
                    throw new NoSuchElementException("DataLoader: epoch " + epoch + " has " + count + " batches");
                }
                return gather.apply(slice(order, next++));
            }
        };
    }

    /** The batches of {@code epoch}, as an {@link Iterable} for a for-each loop. */
    public Iterable<B> epoch(long epoch) {
        return () -> iterator(epoch);
    }

    /** The batches of {@code epoch}, for the {@link io.principia.core.train.Trainer}. */
    @Override
    public Iterator<B> batches(int epoch) {
        return iterator(epoch);
    }

    private int[] slice(int[] order, int b) {
        int from = b * batchSize;
        int to = Math.min(from + batchSize, size);
        int[] idx = new int[to - from];
        System.arraycopy(order, from, idx, 0, idx.length);
        return idx;
    }

    private void checkBatch(int b) {
        if (b < 0 || b >= numBatches()) {
            throw new IndexOutOfBoundsException("DataLoader: batch " + b + " is outside [0, " + numBatches() + ")");
        }
    }

    @Override
    public String toString() {
        return "DataLoader(size=" + size + ", batchSize=" + batchSize + ", batches=" + numBatches()
                + (shuffle ? ", shuffle seed=" + seed : ", in order") + (dropLast ? ", dropLast" : "") + ")";
    }
}
