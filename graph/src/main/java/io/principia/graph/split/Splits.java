package io.principia.graph.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Node splits for semi-supervised node classification. Random draws use
 * {@link NumpyRandomState}, so a split can be reproduced in Python with
 * {@code np.random.RandomState(seed)}. Unlabelled nodes (label -1) are never drawn, except
 * that {@link #lowLabel} puts every node outside the development set into test, as the GRAND++
 * code does.
 */
public final class Splits {
    /** The seed GRAND++'s {@code get_dataset} always splits with (the source of its trusted mask). */
    public static final long GRAND_PP_FIXED_SEED = 12345;

    private Splits() {}

    /**
     * The Planetoid protocol (Yang et al. 2016; Kipf and Welling 2017): {@code perClass} labelled
     * nodes per class for training, then {@code numVal} validation and {@code numTest} test nodes
     * from the rest, all drawn at random (PyG's {@code RandomNodeSplit(num_train_per_class=20,
     * num_val=500, num_test=1000)}). With RandomState(seed): per class c in order,
     * {@code perm = permutation(|class c|)}, the first perClass of the class's nodes in that order;
     * then one permutation of the remaining labelled nodes gives val and test.
     *
     * @throws IllegalArgumentException if a class has fewer than perClass nodes or too few remain
     */
    public static NodeSplit planetoid(int[] labels, int numClasses, int perClass, int numVal, int numTest, long seed) {
        checkCounts(perClass, numVal, numTest);
        NumpyRandomState rs = new NumpyRandomState(seed);
        boolean[] used = new boolean[labels.length];
        List<Integer> train = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            int[] members = nodesOfClass(labels, c, null);
            if (members.length < perClass) {
                throw new IllegalArgumentException("planetoid split: class " + c + " has " + members.length + " labelled nodes, "
                        + "fewer than the " + perClass + " per class requested");
            }
            for (int i : rs.choice(members, perClass)) {
                train.add(i);
                used[i] = true;
            }
        }
        int[] rest = java.util.stream.IntStream.range(0, labels.length).filter(i -> !used[i] && labels[i] >= 0).toArray();
        if (rest.length < numVal + numTest) {
            throw new IllegalArgumentException("planetoid split: " + rest.length + " labelled nodes remain after training, fewer "
                    + "than numVal + numTest = " + (numVal + numTest));
        }
        int[] drawn = rs.choice(rest, numVal + numTest);
        return new NodeSplit(toArray(train), Arrays.copyOfRange(drawn, 0, numVal), Arrays.copyOfRange(drawn, numVal, numVal + numTest));
    }

    /**
     * GRAND++'s low-label split ({@code set_train_val_test_split} in its {@code data.py}, spec
     * 1.6): {@code dev = RandomState(seed).choice(N, numDevelopment, replace=False)}; test = every
     * node outside dev, ascending; then a fresh RandomState(seed) draws, for each class c in order,
     * {@code choice(dev[y[dev] == c], perClass, replace=False)} for training; val = dev \ train in
     * dev order.
     *
     * @throws IllegalArgumentException if a class has fewer than perClass nodes in the development set
     */
    public static NodeSplit lowLabel(int[] labels, int numClasses, int numDevelopment, int perClass, long seed) {
        if (numDevelopment < 1 || numDevelopment > labels.length) {
            throw new IllegalArgumentException("lowLabel split: numDevelopment must be in [1, " + labels.length + "], got " + numDevelopment);
        }
        checkCounts(perClass, 0, 0);
        int[] dev = new NumpyRandomState(seed).choice(range(labels.length), numDevelopment);
        boolean[] inDev = new boolean[labels.length];
        for (int i : dev) {
            inDev[i] = true;
        }
        NumpyRandomState rs = new NumpyRandomState(seed);
        boolean[] inTrain = new boolean[labels.length];
        List<Integer> train = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            int[] members = nodesOfClass(labels, c, dev);
            if (members.length < perClass) {
                throw new IllegalArgumentException("lowLabel split (seed " + seed + "): class " + c + " has " + members.length
                        + " nodes in the development set of " + numDevelopment + ", fewer than the " + perClass + " per class requested");
            }
            for (int i : rs.choice(members, perClass)) {
                train.add(i);
                inTrain[i] = true;
            }
        }
        int[] val = Arrays.stream(dev).filter(i -> !inTrain[i]).toArray();
        int[] test = java.util.stream.IntStream.range(0, labels.length).filter(i -> !inDev[i]).toArray();
        return new NodeSplit(toArray(train), val, test);
    }

    /**
     * A GRAND++ run's split and source nodes for run seed {@code seed}. Intended behaviour (the
     * paper, the default): the source nodes are this split's training nodes. With
     * {@code releasedCodeQuirk}, the source nodes come from the seed-12345 split instead, as the
     * released code does for Planetoid datasets (spec 1.6), so they differ from the training nodes.
     */
    public static GrandSplit grandPlusPlus(int[] labels, int numClasses, int numDevelopment, int perClass, long seed,
                                           boolean releasedCodeQuirk) {
        NodeSplit split = lowLabel(labels, numClasses, numDevelopment, perClass, seed);
        int[] source = releasedCodeQuirk
                ? lowLabel(labels, numClasses, numDevelopment, perClass, GRAND_PP_FIXED_SEED).train()
                : split.train();
        return new GrandSplit(split, source);
    }

    /** Nodes of class c in index order, or, when {@code within} is given, in its order. */
    private static int[] nodesOfClass(int[] labels, int c, int[] within) {
        int[] pool = within == null ? range(labels.length) : within;
        return Arrays.stream(pool).filter(i -> labels[i] == c).toArray();
    }

    private static int[] range(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void checkCounts(int perClass, int numVal, int numTest) {
        if (perClass < 1 || numVal < 0 || numTest < 0) {
            throw new IllegalArgumentException("split sizes: perClass must be >= 1 and numVal, numTest >= 0, got perClass="
                    + perClass + ", numVal=" + numVal + ", numTest=" + numTest);
        }
    }
}
