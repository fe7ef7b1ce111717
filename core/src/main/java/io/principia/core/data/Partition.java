package io.principia.core.data;

/** A dataset split in two disjoint parts, e.g. by {@link TensorDataset#stratifiedSplit(int, long)}. */
public record Partition(TensorDataset train, TensorDataset test) {}
