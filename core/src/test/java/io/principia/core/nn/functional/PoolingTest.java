package io.principia.core.nn.functional;

import static io.principia.core.testing.GradCheck.randomInput;
import static io.principia.core.testing.TestArrays.assertClose;
import static io.principia.core.testing.TestArrays.values;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;
import io.principia.core.testing.Oracles;

import org.junit.jupiter.api.Test;

class PoolingTest {


    private static void check(String mode, int n, int c, int h, int w, int[] k, int[] s, int[] p) {
        Tensor x = randomInput(h * 31L + w, n, c, h, w);
        int oh = (h + 2 * p[0] - k[0]) / s[0] + 1, ow = (w + 2 * p[1] - k[1]) / s[1] + 1;
        Tensor y = switch (mode) {
            case "max" -> Pooling.maxPool2d(x, k, s, p);
            case "avgIncl" -> Pooling.avgPool2d(x, k, s, p, true);
            default -> Pooling.avgPool2d(x, k, s, p, false);
        };
        assertClose(Oracles.pool2d(mode, values(x.data()), n * c, h, w, k, s, p, oh, ow), new long[] {n, c, oh, ow}, y.data(), 1e-12);
    }

    @Test
    void poolingMatchesLoops() {
        for (String mode : new String[] {"max", "avgIncl", "avgExcl"}) {
            check(mode, 2, 3, 5, 5, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1});
            check(mode, 2, 3, 7, 6, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1});
            check(mode, 1, 2, 6, 7, new int[] {2, 3}, new int[] {2, 1}, new int[] {1, 0});
            check(mode, 2, 2, 4, 4, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0});
        }
    }

    @Test
    void maxPoolTreatsPaddingAsMinusInfinity() {
        Tensor x = Tensor.of(randomInput(1, 1, 1, 4, 4).data().sub(10.0)); // all entries negative
        Tensor y = Pooling.maxPool2d(x, 3, 2, 1);
        assertTrue(y.data().maxNumber().doubleValue() < 0, "padding leaked a zero into the max: " + y.data());
    }

    @Test
    void defaultsAndCountIncludePad() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2);
        // stride defaults to the kernel; padding 1 with a 2x2 kernel: the corner window holds only x[0,0]
        double incl = Pooling.avgPool2d(x, 2, 2, 1).data().getDouble(0, 0, 0, 0);
        double excl = Pooling.avgPool2d(x, new int[] {2, 2}, new int[] {2, 2}, new int[] {1, 1}, false).data().getDouble(0, 0, 0, 0);
        assertTrue(incl == 0.25 && excl == 1.0, incl + " " + excl);
        assertClose(new double[] {4}, new long[] {1, 1, 1, 1}, Pooling.maxPool2d(x, 2).data(), 0);
        assertClose(new double[] {2.5}, new long[] {1, 1, 1, 1}, Pooling.avgPool2d(x, 2).data(), 0);
    }

    @Test
    void poolingGradients() {
        Tensor x = randomInput(3, 2, 2, 5, 6);
        GradCheck.check(t -> Pooling.maxPool2d(t[0], 3, 2, 1), x);
        GradCheck.check(t -> Pooling.maxPool2d(t[0], 2), x);
        GradCheck.check(t -> Pooling.avgPool2d(t[0], 3, 2, 1), x);
        GradCheck.check(t -> Pooling.avgPool2d(t[0], new int[] {3, 2}, new int[] {1, 2}, new int[] {1, 1}, false), x);
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pooling.maxPool2d(randomInput(4, 2, 5, 5), 2));
        assertTrue(e.getMessage().contains("maxPool2d") && e.getMessage().contains("[2, 5, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pooling.avgPool2d(randomInput(5, 1, 1, 5, 5), 3, 1, 2));
        assertTrue(e.getMessage().contains("avgPool2d") && e.getMessage().contains("padding"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pooling.maxPool2d(randomInput(6, 1, 1, 2, 2), 3));
        assertTrue(e.getMessage().contains("smaller than the kernel"), e.getMessage());
    }
}
