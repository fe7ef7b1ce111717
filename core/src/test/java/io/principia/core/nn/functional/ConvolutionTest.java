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
import org.nd4j.linalg.api.buffer.DataType;

class ConvolutionTest {



    private static void checkConv(int n, int c, int h, int wd, int o, int k, int[] s, int[] p, int[] d, boolean bias) {
        Tensor x = randomInput(1, n, c, h, wd);
        Tensor w = randomInput(2, o, c, k, k);
        Tensor b = bias ? randomInput(3, o) : null;
        int oh = (h + 2 * p[0] - d[0] * (k - 1) - 1) / s[0] + 1, ow = (wd + 2 * p[1] - d[1] * (k - 1) - 1) / s[1] + 1;
        Tensor y = Convolution.conv2d(x, w, b, s, p, d);
        double[] expected = Oracles.conv2d(values(x.data()), values(w.data()), bias ? values(b.data()) : null, n, c, h, wd, o, k, k,
                s, p, d, oh, ow);
        assertClose(expected, new long[] {n, o, oh, ow}, y.data(), 1e-10);
    }

    @Test
    void conv2dMatchesLoops() {
        checkConv(2, 3, 5, 5, 4, 3, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, true);
        checkConv(2, 3, 7, 6, 4, 3, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, true);
        checkConv(1, 2, 7, 7, 3, 3, new int[] {1, 1}, new int[] {2, 2}, new int[] {2, 2}, false);
        checkConv(2, 3, 6, 7, 2, 2, new int[] {2, 1}, new int[] {1, 0}, new int[] {1, 1}, true);
    }

    @Test
    void conv2dFloat32MatchesFloat64() {
        Tensor x = randomInput(4, 2, 3, 6, 6), w = randomInput(5, 4, 3, 3, 3), b = randomInput(6, 4);
        Tensor y64 = Convolution.conv2d(x, w, b, 2, 1, 1);
        Tensor y32 = Convolution.conv2d(x.castTo(DataType.FLOAT), w.castTo(DataType.FLOAT), b.castTo(DataType.FLOAT), 2, 1, 1);
        assertClose(values(y64.data()), y64.shape(), y32.data(), 1e-4);
    }

    @Test
    void conv2dGradients() {
        Tensor x = randomInput(7, 2, 2, 5, 5), w = randomInput(8, 3, 2, 3, 3), b = randomInput(9, 3);
        GradCheck.check(t -> Convolution.conv2d(t[0], t[1], t[2], 2, 1, 1), x, w, b);
        GradCheck.check(t -> Convolution.conv2d(t[0], t[1], null, new int[] {1, 2}, new int[] {2, 0}, new int[] {2, 1}), x, w);
    }

    private static void checkTranspose(int n, int c, int h, int wd, int o, int k, int s, int p, int op, int d, boolean bias) {
        Tensor x = randomInput(11, n, c, h, wd);
        Tensor w = randomInput(12, c, o, k, k);
        Tensor b = bias ? randomInput(13, o) : null;
        int oh = (h - 1) * s - 2 * p + d * (k - 1) + op + 1, ow = (wd - 1) * s - 2 * p + d * (k - 1) + op + 1;
        int[] ss = {s, s}, pp = {p, p}, dd = {d, d};
        Tensor y = Convolution.convTranspose2d(x, w, b, ss, pp, new int[] {op, op}, dd);
        double[] expected = Oracles.convTranspose2d(values(x.data()), values(w.data()), bias ? values(b.data()) : null, n, c, h, wd,
                o, k, k, ss, pp, dd, oh, ow);
        assertClose(expected, new long[] {n, o, oh, ow}, y.data(), 1e-10);
    }

    @Test
    void convTranspose2dMatchesLoops() {
        checkTranspose(2, 3, 5, 5, 4, 3, 2, 1, 0, 1, true);
        checkTranspose(2, 3, 4, 6, 2, 3, 2, 1, 1, 1, true); // output padding taken from the cropped border
        checkTranspose(1, 2, 3, 3, 3, 3, 2, 0, 1, 1, true); // output padding past the full output: bias only
        checkTranspose(1, 2, 4, 4, 3, 3, 1, 1, 0, 2, false); // dilation
    }

    @Test
    void convTranspose2dIsTheAdjointOfConv2d() {
        // <conv2d(x, w), y> = <x, convTranspose2d(y, w)> for the same weight and hyper-parameters
        Tensor x = randomInput(14, 2, 3, 7, 7), w = randomInput(15, 4, 3, 3, 3);
        Tensor cx = Convolution.conv2d(x, w, null, 2, 1, 1);
        Tensor y = randomInput(16, cx.shape());
        Tensor ty = Convolution.convTranspose2d(y, w, null, 2, 1, 0);
        double lhs = cx.data().mul(y.data()).sumNumber().doubleValue();
        double rhs = x.data().mul(ty.data()).sumNumber().doubleValue();
        assertTrue(Math.abs(lhs - rhs) < 1e-9, lhs + " vs " + rhs);
    }

    @Test
    void convTranspose2dGradients() {
        Tensor x = randomInput(17, 2, 2, 3, 4), w = randomInput(18, 2, 3, 3, 3), b = randomInput(19, 3);
        GradCheck.check(t -> Convolution.convTranspose2d(t[0], t[1], t[2], 2, 1, 0), x, w, b);
        GradCheck.check(t -> Convolution.convTranspose2d(t[0], t[1], t[2], 2, 1, 1), x, w, b);
        GradCheck.check(t -> Convolution.convTranspose2d(t[0], t[1], t[2], 2, 0, 1), x, w, b);
    }

    @Test
    void shapeErrorsNameOpAndShapes() {
        Tensor x = randomInput(20, 2, 3, 5, 5), w = randomInput(21, 4, 2, 3, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Convolution.conv2d(x, w, null));
        assertTrue(e.getMessage().contains("conv2d") && e.getMessage().contains("[2, 3, 5, 5]")
                && e.getMessage().contains("[4, 2, 3, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Convolution.conv2d(x, randomInput(22, 4, 3, 3, 3), randomInput(23, 5)));
        assertTrue(e.getMessage().contains("bias") && e.getMessage().contains("[5]") && e.getMessage().contains("[4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Convolution.conv2d(randomInput(24, 3, 5, 5), w, null));
        assertTrue(e.getMessage().contains("conv2d") && e.getMessage().contains("[3, 5, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Convolution.convTranspose2d(x, randomInput(25, 2, 4, 3, 3), null));
        assertTrue(e.getMessage().contains("convTranspose2d") && e.getMessage().contains("[2, 4, 3, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Convolution.convTranspose2d(x, randomInput(26, 3, 4, 3, 3), null, 2, 1, 2));
        assertTrue(e.getMessage().contains("outputPadding"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Convolution.conv2d(x, randomInput(27, 4, 3, 7, 7), null));
        assertTrue(e.getMessage().contains("smaller than the dilated kernel"), e.getMessage());
    }
}
