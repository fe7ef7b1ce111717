package io.principia.graph.split;

/**
 * A GRAND++ split plus the nodes that carry the source term (the "trusted mask"). In the paper
 * these are the training nodes; the released code takes them from a separate seed-12345 split
 * (see {@link Splits#grandPlusPlus}).
 */
public record GrandSplit(NodeSplit split, int[] sourceNodes) {
    public GrandSplit {
        sourceNodes = sourceNodes.clone();
    }

    @Override
    public int[] sourceNodes() { return sourceNodes.clone(); }
}
