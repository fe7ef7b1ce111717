package io.principia.core.ops;

import static io.principia.core.ops.Loops.assertShape;
import static io.principia.core.ops.Loops.assertValues;
import static io.principia.core.ops.Loops.ravel;
import static io.principia.core.ops.Loops.unravel;
import static io.principia.core.ops.Loops.values;
import static io.principia.core.ops.ShapeOpsTest.assertError;
import static io.principia.core.testing.GradCheck.randomInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class IndexingTest {
    private static final long[] SHAPE = {4, 3, 5};

    /** x[.., idx[k], ..] along axis, by loops. */
    static double[] indexSelectLoop(double[] v, long[] shape, int axis, int[] idx) {
        long[] ys = shape.clone();
        ys[axis] = idx.length;
        double[] out = new double[(int) Loops.length(ys)];
        for (int i = 0; i < out.length; i++) {
            long[] at = unravel(i, ys);
            at[axis] = idx[(int) at[axis]];
            out[i] = v[(int) ravel(at, shape)];
        }
        return out;
    }

    @Test
    void indexSelectMatchesLoopsWithRepeatedIndices() {
        Tensor x = randomInput(1, SHAPE);
        double[] v = values(x);
        int[][] cases = {{2, 0, 2, 3}, {1, 1}, {4, 0, 4, 4, 1}};
        int[] axes = {0, 1, -1};
        for (int c = 0; c < axes.length; c++) {
            int axis = axes[c], ax = axis < 0 ? axis + 3 : axis;
            int[] idx = cases[c];
            Tensor y = Indexing.indexSelect(x, axis, idx);
            long[] ys = SHAPE.clone();
            ys[ax] = idx.length;
            assertShape(ys, y);
            assertValues(indexSelectLoop(v, SHAPE, ax, idx), y, 0);
            GradCheck.check(t -> Indexing.indexSelect(t[0], axis, idx), x);
            // the tensor-index form, in several index data types
            for (DataType dt : new DataType[] {DataType.INT, DataType.LONG, DataType.DOUBLE}) {
                Tensor it = Tensor.of(Nd4j.createFromArray(idx).castTo(dt));
                assertValues(indexSelectLoop(v, SHAPE, ax, idx), Indexing.indexSelect(x, axis, it), 0);
            }
            GradCheck.check(t -> Indexing.indexSelect(t[0], axis, Tensor.of(Nd4j.createFromArray(idx))), x);
        }
        // repeated rows accumulate: d/dx Σ x[[0, 0, 2]] counts each row's uses
        Tensor r = Tensor.param(Nd4j.zeros(DataType.DOUBLE, 3, 2));
        Indexing.indexSelect(r, 0, 0, 0, 2).sum().backward();
        assertValues(new double[] {2, 2, 0, 0, 1, 1}, Tensor.of(r.grad()), 0);
    }

    @Test
    void indexSelectErrorsNameIndexAndSize() {
        Tensor x = randomInput(2, SHAPE);
        assertError(() -> Indexing.indexSelect(x, 0, 1, 7), "indexSelect", "index 7", "size 4");
        assertError(() -> Indexing.indexSelect(x, 1, -1), "indexSelect", "index -1", "size 3");
        assertError(() -> Indexing.indexSelect(x, 2, Tensor.of(Nd4j.createFromArray(0, 5, 9))), "indexSelect", "index 5", "size 5");
        assertError(() -> Indexing.indexSelect(x, 0, Tensor.of(Nd4j.createFromArray(new int[][] {{0}}))), "indexSelect", "vector", "[1, 1]");
        assertError(() -> Indexing.indexSelect(x, 0, Tensor.of(new double[] {0.5}, 1)), "indexSelect", "integers");
        assertError(() -> Indexing.indexSelect(x, 3, 0), "indexSelect", "axis 3");
        assertError(() -> Indexing.indexSelect(x, 0), "indexSelect", "no indices");
    }

    @Test
    void gatherMatchesTorchSemantics() {
        Tensor x = randomInput(3, SHAPE);
        double[] v = values(x);
        Random rnd = new Random(3);
        long[][] indexShapes = {{6, 3, 5}, {2, 4, 3}, {4, 2, 7}};
        for (int axis = 0; axis < 3; axis++) {
            long[] is = indexShapes[axis];
            int n = (int) Loops.length(is);
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = rnd.nextInt((int) SHAPE[axis]); // with repeats
            }
            Tensor index = Tensor.of(Nd4j.createFromArray(idx).reshape(is));
            Tensor y = Indexing.gather(x, axis, index);
            assertShape(is, y);
            double[] out = values(y);
            for (int i = 0; i < n; i++) {
                long[] at = unravel(i, is);
                at[axis] = idx[i];
                assertEquals(v[(int) ravel(at, SHAPE)], out[i], 0);
            }
            int a = axis;
            GradCheck.check(t -> Indexing.gather(t[0], a, index), x);
        }
        // negative axis, long indices
        Tensor index = Tensor.of(Nd4j.createFromArray(new long[][][] {{{4, 4}}, {{0, 1}}}));
        Tensor y = Indexing.gather(x, -1, index);
        assertShape(new long[] {2, 1, 2}, y);
        assertValues(new double[] {v[4], v[4], v[15], v[16]}, y, 0);
        assertValues(new double[] {4, 4, 0, 1}, index, 0); // the caller's index array is left alone
    }

    @Test
    void gatherErrors() {
        Tensor x = randomInput(4, SHAPE);
        Tensor bad = Tensor.of(Nd4j.createFromArray(new int[][][] {{{0, 1}}, {{2, 4}}}));
        assertError(() -> Indexing.gather(x, 1, bad), "gather", "index 4", "[1, 0, 1]", "size 3");
        assertError(() -> Indexing.gather(x, 0, Tensor.of(Nd4j.createFromArray(new int[][] {{0}}))), "gather", "[1, 1]", "[4, 3, 5]");
        assertError(() -> Indexing.gather(x, 0, Tensor.of(Nd4j.zeros(DataType.INT, 1, 4, 1))), "gather", "[1, 4, 1]", "[4, 3, 5]");
    }

    @Test
    void scatterAddIsASegmentSum() {
        Tensor src = randomInput(5, 6, 3);
        int[] seg = {2, 0, 2, 3, 2, 0}; // segment 1 stays empty
        Tensor index = Tensor.of(Nd4j.createFromArray(seg));
        Tensor y = Indexing.scatterAdd(src, index, 4);
        assertShape(new long[] {4, 3}, y);
        double[] v = values(src), expected = new double[12];
        for (int e = 0; e < 6; e++) {
            for (int j = 0; j < 3; j++) {
                expected[seg[e] * 3 + j] += v[e * 3 + j];
            }
        }
        assertValues(expected, y, 1e-12);
        GradCheck.check(t -> Indexing.scatterAdd(t[0], index, 4), src);

        Tensor src3 = randomInput(6, 6, 2, 2);
        assertShape(new long[] {5, 2, 2}, Indexing.scatterAdd(src3, index, 5));
        GradCheck.check(t -> Indexing.scatterAdd(t[0], index, 5), src3);
        Tensor vec = randomInput(7, 6);
        GradCheck.check(t -> Indexing.scatterAdd(t[0], Tensor.of(Nd4j.createFromArray(seg).castTo(DataType.LONG)), 4), vec);

        assertError(() -> Indexing.scatterAdd(src, index, 3), "scatterAdd", "index 3", "[3]", "size 3");
        assertError(() -> Indexing.scatterAdd(src, Tensor.of(Nd4j.createFromArray(0, -2, 0, 0, 0, 0)), 3), "scatterAdd", "index -2");
        assertError(() -> Indexing.scatterAdd(src, Tensor.of(Nd4j.createFromArray(0, 1)), 3), "scatterAdd", "[2]", "[6, 3]");
        assertError(() -> Indexing.scatterAdd(src, index, 0), "scatterAdd", "numSegments", "0");
    }

    @Test
    void maskedFillMatchesLoops() {
        Tensor x = randomInput(8, 2, 3, 4);
        double[] v = values(x);
        boolean[] rows = {true, false, true};
        Tensor boolMask = Tensor.of(Nd4j.createFromArray(rows).reshape(3, 1));
        Tensor numMask = Tensor.of(new double[] {1, 0, 1}, 3, 1);
        for (Tensor mask : new Tensor[] {boolMask, numMask}) {
            Tensor y = Indexing.maskedFill(x, mask, -1e9);
            assertShape(new long[] {2, 3, 4}, y);
            double[] out = values(y);
            for (int i = 0; i < out.length; i++) {
                assertEquals(rows[(int) unravel(i, x.shape())[1]] ? -1e9 : v[i], out[i], 0);
            }
            GradCheck.check(t -> Indexing.maskedFill(t[0], mask, 0.5), x);
        }
        // masked infinities are replaced, not turned into NaN
        Tensor inf = Tensor.of(new double[] {Double.POSITIVE_INFINITY, 1, Double.NEGATIVE_INFINITY}, 3);
        assertValues(new double[] {0, 1, 0}, Indexing.maskedFill(inf, Tensor.of(new double[] {1, 0, 1}, 3), 0), 0);

        assertError(() -> Indexing.maskedFill(x, Tensor.of(new double[] {1, 0}, 2), 0), "maskedFill", "[2]", "[2, 3, 4]");
        assertError(() -> Indexing.maskedFill(x, Tensor.zeros(DataType.DOUBLE, 5, 2, 3, 4), 0), "maskedFill", "[5, 2, 3, 4]", "[2, 3, 4]");
    }

    @Test
    void whereBroadcastsAllThree() {
        Tensor a = randomInput(9, 1, 4), b = randomInput(10, 3, 4);
        double[] va = values(a), vb = values(b);
        boolean[] rows = {false, true, true};
        for (Tensor cond : new Tensor[] {Tensor.of(Nd4j.createFromArray(rows).reshape(3, 1)), Tensor.of(new double[] {0, 2, -1}, 3, 1)}) {
            Tensor y = Indexing.where(cond, a, b);
            assertShape(new long[] {3, 4}, y);
            double[] out = values(y);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals(rows[i] ? va[j] : vb[i * 4 + j], out[i * 4 + j], 0);
                }
            }
            GradCheck.check(t -> Indexing.where(cond, t[0], t[1]), a, b);
        }
        Tensor s = Tensor.param(Nd4j.scalar(2.0));
        Tensor cond = Tensor.of(Nd4j.createFromArray(true, false, true));
        GradCheck.check(t -> Indexing.where(cond, t[0], t[1]), s, randomInput(11, 3));
        assertError(() -> Indexing.where(cond, a, b), "where", "[3]", "[1, 4]");
        assertError(() -> Indexing.where(cond, b, Tensor.zeros(DataType.FLOAT, 3, 4)), "where", "DOUBLE", "FLOAT");
        assertFalse(Indexing.where(cond, Tensor.of(new double[] {1, 2, 3}, 3), Tensor.scalar(0, DataType.DOUBLE)).requiresGrad());
    }
}
