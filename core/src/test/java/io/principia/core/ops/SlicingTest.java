package io.principia.core.ops;

import static io.principia.core.ops.Loops.assertShape;
import static io.principia.core.ops.Loops.assertValues;
import static io.principia.core.ops.Loops.ravel;
import static io.principia.core.ops.Loops.unravel;
import static io.principia.core.ops.Loops.values;
import static io.principia.core.ops.ShapeOpsTest.assertError;
import static io.principia.core.testing.GradCheck.randomInput;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class SlicingTest {

    /** x[..., lo:hi:step, ...] on one axis, by loops (lo, hi already clipped). */
    static double[] sliceLoop(double[] v, long[] shape, int axis, long lo, long hi, long step) {
        long count = (hi - lo + step - 1) / step;
        long[] ys = shape.clone();
        ys[axis] = count;
        double[] out = new double[(int) Loops.length(ys)];
        for (int i = 0; i < out.length; i++) {
            long[] idx = unravel(i, ys);
            idx[axis] = lo + idx[axis] * step;
            out[i] = v[(int) ravel(idx, shape)];
        }
        return out;
    }

    @Test
    void sliceMatchesLoops() {
        Tensor x = randomInput(1, 4, 5, 3);
        double[] v = values(x);
        Tensor y = Slicing.slice(x, 1, 1, 4);
        assertShape(new long[] {4, 3, 3}, y);
        assertValues(sliceLoop(v, x.shape(), 1, 1, 4, 1), y, 0);
        Tensor stepped = Slicing.slice(x, 1, 0, 5, 2);
        assertShape(new long[] {4, 3, 3}, stepped);
        assertValues(sliceLoop(v, x.shape(), 1, 0, 5, 2), stepped, 0);
        assertValues(sliceLoop(v, x.shape(), 0, 1, 4, 1), Slicing.slice(x, 0, -3, 100), 0); // negative start, clipped end
        assertValues(sliceLoop(v, x.shape(), 2, 2, 3, 1), Slicing.slice(x, -1, 2, 3), 0); // one element, negative axis
        assertValues(sliceLoop(v, x.shape(), 0, 0, 3, 2), Slicing.slice(x, 0, 0, -1, 2), 0);
        GradCheck.check(t -> Slicing.slice(t[0], 1, 1, 4), x);
        GradCheck.check(t -> Slicing.slice(t[0], 1, 0, 5, 2), x);
        GradCheck.check(t -> Slicing.slice(t[0], 2, 1, 2), x);
    }

    @Test
    void sliceErrors() {
        Tensor x = randomInput(2, 4, 5);
        assertError(() -> Slicing.slice(x, 1, 3, 3), "slice", "[3, 3)", "size 5", "[4, 5]", "empty");
        assertError(() -> Slicing.slice(x, 1, 0, 5, 0), "slice", "step", "0");
        assertError(() -> Slicing.slice(x, 2, 0, 1), "slice", "axis 2", "[4, 5]");
    }

    @Test
    void concatMatchesLoops() {
        Tensor a = randomInput(3, 2, 1, 3), b = randomInput(4, 2, 2, 3), c = randomInput(5, 2, 3, 3);
        Tensor y = Slicing.concat(1, a, b, c);
        assertShape(new long[] {2, 6, 3}, y);
        double[] out = values(y);
        Tensor[] parts = {a, b, c};
        long[] offsets = {0, 1, 3, 6};
        for (int i = 0; i < out.length; i++) {
            long[] idx = unravel(i, new long[] {2, 6, 3});
            int k = idx[1] < 1 ? 0 : idx[1] < 3 ? 1 : 2;
            idx[1] -= offsets[k];
            double expected = values(parts[k])[(int) ravel(idx, parts[k].shape())];
            org.junit.jupiter.api.Assertions.assertEquals(expected, out[i], 0);
        }
        assertValues(out, Slicing.concat(-2, a, b, c), 0);
        GradCheck.check(t -> Slicing.concat(1, t[0], t[1], t[2]), a, b, c);
        GradCheck.check(t -> Slicing.concat(0, t[0], t[0]), a); // a tensor used twice gets both blocks
        GradCheck.check(t -> Slicing.concat(2, t[0]), a);
        Tensor constant = Tensor.of(randomInput(6, 2, 2, 3).data());
        GradCheck.check(t -> Slicing.concat(1, t[0], constant), a);
    }

    @Test
    void concatErrors() {
        Tensor a = randomInput(7, 2, 3), b = randomInput(8, 3, 3);
        assertError(() -> Slicing.concat(1, a, b), "concat", "tensor 1", "[3, 3]", "[2, 3]", "axis 1");
        assertError(() -> Slicing.concat(0, a, randomInput(9, 2, 3, 1)), "concat", "tensor 1", "[2, 3, 1]");
        assertError(() -> Slicing.concat(0, a, Tensor.zeros(DataType.FLOAT, 2, 3)), "concat", "FLOAT", "DOUBLE");
        assertError(() -> Slicing.concat(2, a, a), "concat", "axis 2", "[2, 3]");
        assertError(() -> Slicing.concat(0), "concat", "no tensors");
    }

    @Test
    void stackMatchesLoops() {
        Tensor a = randomInput(10, 2, 3), b = randomInput(11, 2, 3);
        double[] va = values(a), vb = values(b);
        long[][] shapes = {{2, 2, 3}, {2, 2, 3}, {2, 3, 2}, {2, 3, 2}};
        int[] axes = {0, 1, 2, -1};
        for (int s = 0; s < axes.length; s++) {
            Tensor y = Slicing.stack(axes[s], a, b);
            assertShape(shapes[s], y);
            int ax = axes[s] < 0 ? axes[s] + 3 : axes[s];
            double[] out = values(y);
            for (int i = 0; i < out.length; i++) {
                long[] idx = unravel(i, shapes[s]);
                long k = idx[ax];
                long[] xi = new long[2];
                for (int d = 0, j = 0; d < 3; d++) {
                    if (d != ax) {
                        xi[j++] = idx[d];
                    }
                }
                double expected = (k == 0 ? va : vb)[(int) ravel(xi, new long[] {2, 3})];
                org.junit.jupiter.api.Assertions.assertEquals(expected, out[i], 0);
            }
            int axis = axes[s];
            GradCheck.check(t -> Slicing.stack(axis, t[0], t[1], t[0]), a, b);
        }
        assertShape(new long[] {1, 2, 3}, Slicing.stack(0, a));
        assertError(() -> Slicing.stack(0, a, randomInput(12, 3, 2)), "stack", "tensor 1", "[3, 2]", "[2, 3]");
        assertError(() -> Slicing.stack(3, a, b), "stack", "axis 3", "[2, 3]");
    }
}
