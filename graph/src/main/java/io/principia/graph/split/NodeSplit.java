package io.principia.graph.split;

import java.util.Arrays;

/**
 * Disjoint train, validation and test node sets (indices into the graph's nodes, in the order
 * the split procedure produced them).
 */
public record NodeSplit(int[] train, int[] val, int[] test) {
    public NodeSplit {
        train = train.clone();
        val = val.clone();
        test = test.clone();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int[] part : new int[][] {train, val, test}) {
            for (int i : part) {
                if (!seen.add(i)) {
                    throw new IllegalArgumentException("NodeSplit: node " + i + " appears twice (the sets must be disjoint)");
                }
            }
        }
    }

    @Override
    public int[] train() { return train.clone(); }

    @Override
    public int[] val() { return val.clone(); }

    @Override
    public int[] test() { return test.clone(); }

    /** The labels of {@code nodes}, as class indices. */
    public static int[] labelsOf(int[] labels, int[] nodes) {
        return Arrays.stream(nodes).map(i -> labels[i]).toArray();
    }

    @Override
    public String toString() {
        return "NodeSplit(train=" + train.length + ", val=" + val.length + ", test=" + test.length + ")";
    }
}
