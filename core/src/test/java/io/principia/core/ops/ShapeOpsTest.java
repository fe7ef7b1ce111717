package io.principia.core.ops;

import static io.principia.core.ops.Loops.assertShape;
import static io.principia.core.ops.Loops.assertValues;
import static io.principia.core.ops.Loops.ravel;
import static io.principia.core.ops.Loops.unravel;
import static io.principia.core.ops.Loops.values;
import static io.principia.core.testing.GradCheck.randomInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ShapeOpsTest {

    static void assertError(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' missing from: " + e.getMessage());
        }
    }

    /** y = x with axes permuted (output axis d is input axis perm[d]), by loops. */
    static double[] permuteLoop(double[] v, long[] shape, int[] perm) {
        long[] ys = new long[shape.length];
        for (int d = 0; d < perm.length; d++) {
            ys[d] = shape[perm[d]];
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            long[] yi = unravel(i, ys);
            long[] xi = new long[shape.length];
            for (int d = 0; d < perm.length; d++) {
                xi[perm[d]] = yi[d];
            }
            out[i] = v[(int) ravel(xi, shape)];
        }
        return out;
    }

    @Test
    void reshapeKeepsRowMajorOrderAndInfersMinusOne() {
        Tensor x = randomInput(1, 2, 3, 4);
        Tensor y = ShapeOps.reshape(x, -1, 4);
        assertShape(new long[] {6, 4}, y);
        assertValues(values(x), y, 0);
        assertShape(new long[] {4, 6}, ShapeOps.reshape(x, 4, -1));
        assertShape(new long[] {24}, ShapeOps.reshape(x, -1));
        GradCheck.check(t -> ShapeOps.reshape(t[0], 3, -1, 2), x);
        assertError(() -> ShapeOps.reshape(x, -1, -1), "reshape", "more than one -1");
        assertError(() -> ShapeOps.reshape(x, 5, -1), "reshape", "[2, 3, 4]");
        assertError(() -> ShapeOps.reshape(x, 5, 5), "reshape", "[2, 3, 4]", "[5, 5]");
    }

    @Test
    void transposeAndPermuteMatchLoops() {
        Tensor x = randomInput(2, 2, 3, 4);
        double[] v = values(x);
        Tensor t = ShapeOps.transpose(x, 1, -1);
        assertShape(new long[] {2, 4, 3}, t);
        assertValues(permuteLoop(v, x.shape(), new int[] {0, 2, 1}), t, 0);
        Tensor p = ShapeOps.permute(x, 2, 0, 1);
        assertShape(new long[] {4, 2, 3}, p);
        assertValues(permuteLoop(v, x.shape(), new int[] {2, 0, 1}), p, 0);
        assertValues(permuteLoop(v, x.shape(), new int[] {2, 0, 1}), ShapeOps.permute(x, -1, 0, -2), 0);
        GradCheck.check(a -> ShapeOps.transpose(a[0], 0, 2), x);
        GradCheck.check(a -> ShapeOps.permute(a[0], 1, 2, 0), x);
        assertError(() -> ShapeOps.permute(x, 0, 0, 1), "permute", "[2, 3, 4]");
        assertError(() -> ShapeOps.permute(x, 0, 1), "permute", "[2, 3, 4]");
        assertError(() -> ShapeOps.transpose(x, 0, 3), "transpose", "[2, 3, 4]");
    }

    @Test
    void squeezeAndUnsqueeze() {
        Tensor x = randomInput(3, 2, 1, 3, 1);
        assertShape(new long[] {2, 3, 1}, ShapeOps.squeeze(x, 1));
        assertShape(new long[] {2, 1, 3}, ShapeOps.squeeze(x, -1));
        assertShape(new long[] {2, 3}, ShapeOps.squeeze(x));
        assertValues(values(x), ShapeOps.squeeze(x), 0);
        GradCheck.check(t -> ShapeOps.squeeze(t[0], 1), x);
        assertError(() -> ShapeOps.squeeze(x, 0), "squeeze", "axis 0", "[2, 1, 3, 1]", "size 2");
        assertError(() -> ShapeOps.squeeze(x, 4), "squeeze", "axis 4");

        Tensor z = randomInput(4, 2, 3);
        assertShape(new long[] {1, 2, 3}, ShapeOps.unsqueeze(z, 0));
        assertShape(new long[] {2, 1, 3}, ShapeOps.unsqueeze(z, 1));
        assertShape(new long[] {2, 3, 1}, ShapeOps.unsqueeze(z, 2));
        assertShape(new long[] {2, 3, 1}, ShapeOps.unsqueeze(z, -1));
        assertShape(new long[] {1, 2, 3}, ShapeOps.unsqueeze(z, -3));
        assertValues(values(z), ShapeOps.unsqueeze(z, 1), 0);
        GradCheck.check(t -> ShapeOps.unsqueeze(t[0], -1), z);
        assertError(() -> ShapeOps.unsqueeze(z, 3), "unsqueeze", "axis 3", "[2, 3]");
        assertError(() -> ShapeOps.unsqueeze(z, -4), "unsqueeze", "axis -4");
    }

    @Test
    void broadcastToMatchesLoopsAndSumsGradientBack() {
        Tensor x = randomInput(5, 3, 1);
        Tensor y = ShapeOps.broadcastTo(x, 2, 3, 4);
        assertShape(new long[] {2, 3, 4}, y);
        double[] v = values(x), out = values(y);
        for (int i = 0; i < out.length; i++) {
            long[] idx = unravel(i, new long[] {2, 3, 4});
            assertEquals(v[(int) idx[1]], out[i], 0);
        }
        GradCheck.check(t -> ShapeOps.broadcastTo(t[0], 2, 3, 4), x);
        GradCheck.check(t -> ShapeOps.expand(t[0], 2, -1, 4), x);
        assertShape(new long[] {5, 3, 7}, ShapeOps.expand(x, 5, -1, 7));

        // same shape: a fresh copy, not an alias
        Tensor same = ShapeOps.broadcastTo(x, 3, 1);
        same.data().addi(1.0);
        assertValues(v, x, 0);

        assertError(() -> ShapeOps.broadcastTo(x, 2, 2), "broadcastTo", "[3, 1]", "[2, 2]");
        assertError(() -> ShapeOps.broadcastTo(x, 3), "broadcastTo", "[3, 1]", "[3]"); // would need [3, 3]
        assertShape(new long[] {3, 2}, ShapeOps.broadcastTo(x, 3, 2));
        assertError(() -> ShapeOps.broadcastTo(x, 4), "broadcastTo", "[3, 1]", "[4]");
        assertError(() -> ShapeOps.broadcastTo(x, 4, 1), "broadcastTo", "[3, 1]");
        assertError(() -> ShapeOps.expand(x, -1, 3, 1), "expand", "-1");
    }
}
