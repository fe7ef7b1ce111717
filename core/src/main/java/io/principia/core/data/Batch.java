package io.principia.core.data;

import io.principia.core.tensor.Tensor;

/**
 * One supervised mini-batch: inputs {@code x} [B, ...], targets {@code y} [B] or [B, ...], and
 * {@code size} = B (the last batch of an epoch may be smaller than the loader's batch size).
 * Both tensors are constants (no gradient).
 */
public record Batch(Tensor x, Tensor y, int size) {
    public Batch {
        if (x.size(0) != size || y.size(0) != size) {
            throw new IllegalArgumentException("Batch: x has " + x.size(0) + " rows and y has " + y.size(0)
                    + " rows, size says " + size);
        }
    }
}
