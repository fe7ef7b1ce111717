package io.principia.core.train;

import java.util.Iterator;
import java.util.List;

/**
 * Where a {@link Trainer} gets its batches. The batches of an epoch (their content and order) must
 * be a pure function of the epoch index, e.g. a shuffle seeded by {@code seed + epoch}, so that a
 * resumed run sees exactly the batches the uninterrupted run would have seen, with no loader
 * state in the checkpoint.
 *
 * @param <B> the batch type the {@link TrainingTask} consumes
 */
public interface BatchSource<B> {
    /** Batches per epoch (for progress and ETA; the iterator decides when an epoch ends). */
    int numBatches();

    /** The batches of epoch {@code epoch} (0-based). */
    Iterator<B> batches(int epoch);

    /** The same fixed list of batches every epoch (validation and test sets, tiny problems). */
    static <B> BatchSource<B> of(List<B> batches) {
        List<B> copy = List.copyOf(batches);
        return new BatchSource<>() {
            @Override
            public int numBatches() { return copy.size(); }

            @Override
            public Iterator<B> batches(int epoch) { return copy.iterator(); }
        };
    }
}
