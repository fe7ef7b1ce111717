package io.principia.core.data;

import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Supervised examples held as two arrays: features [N, ...] and labels [N] or [N, ...]; example
 * {@code i} is row {@code i} of both. {@link #batch(int[])} gathers any set of rows with one bulk
 * ND4J call per array ({@code pullRows} over an [N, D] view), never a per-example copy.
 *
 * <p>Shapes: features [N, d1, d2, ...], labels [N] or [N, k1, ...]; a batch of B indices gives
 * x [B, d1, d2, ...] and y [B] or [B, k1, ...] in the same dtypes.
 */
public final class TensorDataset implements Dataset<Batch> {
    private final INDArray features;
    private final INDArray labels;
    private final INDArray featureRows; // [N, D] view of features, D = d1*d2*...
    private final INDArray labelRows; // [N, K] view of labels
    private final int n;

    public TensorDataset(INDArray features, INDArray labels) {
        if (features == null || labels == null) {
            throw new IllegalArgumentException("TensorDataset: features and labels must not be null");
        }
        if (features.rank() < 1 || labels.rank() < 1) {
            throw new IllegalArgumentException("TensorDataset: features " + Arrays.toString(features.shape())
                    + " and labels " + Arrays.toString(labels.shape()) + " need a leading example axis");
        }
        if (features.size(0) != labels.size(0)) {
            throw new IllegalArgumentException("TensorDataset: features have " + features.size(0)
                    + " examples but labels have " + labels.size(0) + " (features " + Arrays.toString(features.shape())
                    + ", labels " + Arrays.toString(labels.shape()) + ")");
        }
        if (features.size(0) == 0 || features.length() == 0) {
            throw new IllegalArgumentException("TensorDataset: empty dataset, features " + Arrays.toString(features.shape()));
        }
        if (features.size(0) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("TensorDataset: too many examples, " + features.size(0));
        }
        this.features = contiguous(features);
        this.labels = contiguous(labels);
        this.n = (int) features.size(0);
        this.featureRows = this.features.reshape('c', n, this.features.length() / n); // [N, D]
        this.labelRows = this.labels.reshape('c', n, this.labels.length() / n); // [N, K]
    }

    private static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
    }

    @Override
    public int size() { return n; }

    /** All features [N, ...] (not a copy). */
    public INDArray features() { return features; }

    /** All labels [N] or [N, ...] (not a copy). */
    public INDArray labels() { return labels; }

    /** Example {@code i} as a batch of one: x [1, ...], y [1] or [1, ...]. */
    @Override
    public Batch get(int i) {
        return batch(new int[] {i});
    }

    /** The rows {@code indices} in that order, gathered with one ND4J call per array. */
    public Batch batch(int[] indices) {
        checkIndices(indices);
        int b = indices.length;
        INDArray x = Nd4j.pullRows(featureRows, 1, indices); // [B, D]
        INDArray y = Nd4j.pullRows(labelRows, 1, indices); // [B, K]
        return new Batch(Tensor.of(x.reshape('c', withRows(features.shape(), b))), // [B, d1, ...]
                Tensor.of(y.reshape('c', withRows(labels.shape(), b))), b); // [B] or [B, k1, ...]
    }

    /** A new dataset holding copies of the rows {@code indices}, in that order. */
    public TensorDataset subset(int[] indices) {
        Batch b = batch(indices);
        return new TensorDataset(b.x().data(), b.y().data());
    }

    /**
     * Splits the examples into a first part of exactly {@code firstCount} examples and the rest,
     * stratified by label: each class contributes in proportion to its count (largest-remainder
     * rounding, ties to the smaller label), and which examples of a class go first is a seeded
     * shuffle. Both parts keep file order. Labels must be integer class indices of shape [N].
     */
    public Partition stratifiedSplit(int firstCount, long seed) {
        if (firstCount < 1 || firstCount >= n) {
            throw new IllegalArgumentException("stratifiedSplit: firstCount must be in [1, " + (n - 1) + "], got " + firstCount);
        }
        if (labels.rank() != 1) {
            throw new IllegalArgumentException("stratifiedSplit: labels must be class indices [N], got "
                    + Arrays.toString(labels.shape()));
        }
        int[] y = labels.toIntVector();
        Map<Integer, int[]> byClass = new TreeMap<>();
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int label : y) {
            counts.merge(label, 1, Integer::sum);
        }
        Map<Integer, Integer> fill = new TreeMap<>();
        counts.forEach((c, k) -> { byClass.put(c, new int[k]); fill.put(c, 0); });
        for (int i = 0; i < n; i++) {
            int pos = fill.merge(y[i], 1, Integer::sum) - 1;
            byClass.get(y[i])[pos] = i;
        }
        // largest-remainder allocation of firstCount over classes
        Integer[] classes = counts.keySet().toArray(new Integer[0]);
        int[] quota = new int[classes.length];
        double[] remainder = new double[classes.length];
        int given = 0;
        for (int c = 0; c < classes.length; c++) {
            double exact = (double) firstCount * counts.get(classes[c]) / n;
            quota[c] = (int) Math.floor(exact);
            remainder[c] = exact - quota[c];
            given += quota[c];
        }
        Integer[] byRemainder = new Integer[classes.length];
        for (int c = 0; c < classes.length; c++) {
            byRemainder[c] = c;
        }
        Arrays.sort(byRemainder, (a, b) -> Double.compare(remainder[b], remainder[a])); // stable: ties keep label order
        for (int k = 0; given < firstCount; k++, given++) {
            quota[byRemainder[k]]++;
        }
        boolean[] first = new boolean[n];
        Rng rng = new Rng(seed);
        for (int c = 0; c < classes.length; c++) {
            int[] members = byClass.get(classes[c]);
            int[] perm = rng.permutation(members.length);
            for (int k = 0; k < quota[c]; k++) {
                first[members[perm[k]]] = true;
            }
        }
        int[] a = new int[firstCount];
        int[] b = new int[n - firstCount];
        for (int i = 0, ia = 0, ib = 0; i < n; i++) {
            if (first[i]) {
                a[ia++] = i;
            } else {
                b[ib++] = i;
            }
        }
        return new Partition(subset(a), subset(b));
    }

    private void checkIndices(int[] indices) {
        if (indices == null || indices.length == 0) {
            throw new IllegalArgumentException("TensorDataset.batch: no indices given");
        }
        for (int i : indices) {
            if (i < 0 || i >= n) {
                throw new IndexOutOfBoundsException("TensorDataset: index " + i + " is outside [0, " + n + ")");
            }
        }
    }

    private static long[] withRows(long[] shape, long rows) {
        long[] s = shape.clone();
        s[0] = rows;
        return s;
    }

    @Override
    public String toString() {
        return "TensorDataset(n=" + n + ", features " + Arrays.toString(features.shape()) + " " + features.dataType()
                + ", labels " + Arrays.toString(labels.shape()) + " " + labels.dataType() + ")";
    }
}
