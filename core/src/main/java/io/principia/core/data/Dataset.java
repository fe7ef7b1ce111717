package io.principia.core.data;

/**
 * A finite, indexable collection of examples: {@code get(i)} for {@code 0 <= i < size()}.
 * Any order and any batching come from a {@link DataLoader}; a dataset only answers lookups.
 *
 * @param <E> the type of one example
 */
public interface Dataset<E> {
    /** Number of examples. */
    int size();

    /** The example at index {@code i}, {@code 0 <= i < size()}. */
    E get(int i);
}
