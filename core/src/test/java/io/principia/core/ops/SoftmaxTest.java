package io.principia.core.ops;

import static io.principia.core.ops.Loops.assertShape;
import static io.principia.core.ops.Loops.assertValues;
import static io.principia.core.ops.Loops.ravel;
import static io.principia.core.ops.Loops.unravel;
import static io.principia.core.ops.Loops.values;
import static io.principia.core.ops.ShapeOpsTest.assertError;
import static io.principia.core.testing.GradCheck.randomInput;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;

import org.junit.jupiter.api.Test;

class SoftmaxTest {
    private static final long[] SHAPE = {2, 3, 4};

    /** log softmax along one axis by loops (shifted by the max, in double). */
    static double[] logSoftmaxLoop(double[] v, long[] shape, int axis) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            long[] at = unravel(i, shape);
            double m = Double.NEGATIVE_INFINITY;
            for (long k = 0; k < shape[axis]; k++) {
                at[axis] = k;
                m = Math.max(m, v[(int) ravel(at, shape)]);
            }
            double s = 0;
            for (long k = 0; k < shape[axis]; k++) {
                at[axis] = k;
                s += Math.exp(v[(int) ravel(at, shape)] - m);
            }
            out[i] = v[i] - m - Math.log(s);
        }
        return out;
    }

    static double[] exp(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.exp(v[i]);
        }
        return out;
    }

    @Test
    void valuesMatchLoopsOnEveryAxis() {
        Tensor x = randomInput(1, SHAPE);
        double[] v = values(x);
        for (int axis : new int[] {0, 1, 2, -1}) {
            int ax = axis < 0 ? axis + 3 : axis;
            double[] logp = logSoftmaxLoop(v, SHAPE, ax);
            Tensor ls = Softmax.logSoftmax(x, axis), s = Softmax.softmax(x, axis);
            assertShape(SHAPE, ls);
            assertShape(SHAPE, s);
            assertValues(logp, ls, 1e-12);
            assertValues(exp(logp), s, 1e-12);
        }
    }

    @Test
    void gradients() {
        Tensor x = randomInput(2, SHAPE);
        for (int axis : new int[] {0, 1, -1}) {
            GradCheck.check(t -> Softmax.softmax(t[0], axis), x);
            GradCheck.check(t -> Softmax.logSoftmax(t[0], axis), x);
        }
        Tensor m = randomInput(3, 5, 7);
        GradCheck.check(t -> Softmax.softmax(t[0], 1), m);
        GradCheck.check(t -> Softmax.logSoftmax(t[0], 0), m);
    }

    @Test
    void stableForLargeLogits() {
        Tensor x = Tensor.of(new double[] {1000, 1001, 999, -1000, -1001, -999}, 2, 3);
        double[] logp = logSoftmaxLoop(values(x), x.shape(), 1);
        assertValues(logp, Softmax.logSoftmax(x, 1), 1e-9);
        assertValues(exp(logp), Softmax.softmax(x, 1), 1e-12);
        for (double d : values(Softmax.logSoftmax(Tensor.of(new double[] {0, 2000}, 2), 0))) {
            assertTrue(Double.isFinite(d), "log softmax overflowed: " + d);
        }
        // large magnitudes on every axis of a 3-D tensor
        Tensor big = Tensor.of(randomInput(5, SHAPE).data().mul(1000));
        double[] vb = values(big);
        for (int axis = 0; axis < 3; axis++) {
            double[] lp = logSoftmaxLoop(vb, SHAPE, axis);
            assertValues(lp, Softmax.logSoftmax(big, axis), 1e-9);
            assertValues(exp(lp), Softmax.softmax(big, axis), 1e-12);
        }
        Tensor f = Tensor.of(new float[] {100, 0, -100}, 3); // float32 too
        assertValues(new double[] {0, -100, -200}, Softmax.logSoftmax(f, 0), 1e-4);
    }

    @Test
    void badAxis() {
        Tensor x = randomInput(4, SHAPE);
        assertError(() -> Softmax.softmax(x, 3), "softmax", "axis 3", "[2, 3, 4]");
        assertError(() -> Softmax.logSoftmax(x, -4), "logSoftmax", "axis -4", "[2, 3, 4]");
    }
}
