package io.principia.core.nn;

import static io.principia.core.testing.GradCheck.randomInput;
import static io.principia.core.testing.TestArrays.assertClose;
import static io.principia.core.testing.TestArrays.values;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;
import io.principia.core.testing.Oracles;

import org.junit.jupiter.api.Test;

/** MaxPool2d and AvgPool2d (parameter-free layers over {@code Pooling}). */
class PoolingLayersTest {
    private static final int[] K = {3, 3}, S = {2, 2}, P = {1, 1};

    @Test
    void maxPoolForwardAndGradient() {
        MaxPool2d pool = new MaxPool2d(3, 2, 1);
        Tensor x = randomInput(1, 2, 3, 7, 6);
        assertClose(Oracles.pool2d("max", values(x.data()), 6, 7, 6, K, S, P, 4, 3), new long[] {2, 3, 4, 3}, pool.forward(x).data(), 0);
        GradCheck.check(t -> pool.forward(t[0]), x);
        Tensor y = new MaxPool2d(2).forward(x); // stride = kernel, floor mode
        assertClose(Oracles.pool2d("max", values(x.data()), 6, 7, 6, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, 3, 3),
                new long[] {2, 3, 3, 3}, y.data(), 0);
    }

    @Test
    void avgPoolForwardAndGradient() {
        Tensor x = randomInput(2, 2, 3, 7, 6);
        AvgPool2d incl = new AvgPool2d(3, 2, 1); // count_include_pad = true, PyTorch's default
        AvgPool2d excl = new AvgPool2d(3, 2, 1, false);
        assertClose(Oracles.pool2d("avgIncl", values(x.data()), 6, 7, 6, K, S, P, 4, 3), new long[] {2, 3, 4, 3}, incl.forward(x).data(), 1e-12);
        assertClose(Oracles.pool2d("avgExcl", values(x.data()), 6, 7, 6, K, S, P, 4, 3), new long[] {2, 3, 4, 3}, excl.forward(x).data(), 1e-12);
        GradCheck.check(t -> incl.forward(t[0]), x);
        GradCheck.check(t -> excl.forward(t[0]), x);
    }
}
