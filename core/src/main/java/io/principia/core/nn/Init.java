package io.principia.core.nn;

import io.principia.core.util.Rng;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Parameter initializers with PyTorch's formulas ({@code torch.nn.init}). Each returns a fresh
 * array; random ones draw from an explicit {@link Rng}, so the same seed gives the same weights.
 * To re-initialize a parameter in place: {@code p.data().assign(Init.xavierUniform(rng, p.dtype(), 1, p.shape()))}.
 *
 * <p>Fans follow PyTorch: for a shape [d0, d1, k...], fan_in = d1 · Πk and fan_out = d0 · Πk
 * (so a Linear weight [out, in] has fan_in = in, a Conv2d weight [O, C, kH, kW] fan_in = C·kH·kW).
 */
public final class Init {
    /** Which fan scales the variance in the Kaiming initializers. */
    public enum Fan { IN, OUT }

    private Init() {}

    // ---------------------------------------------------------------- fans and gains

    /** {fan_in, fan_out} of a weight shape of rank ≥ 2. */
    public static long[] fans(long... shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("Init: fan in and fan out need a shape of rank >= 2, got " + Arrays.toString(shape));
        }
        long receptive = 1;
        for (int i = 2; i < shape.length; i++) {
            receptive *= shape[i];
        }
        return new long[] {shape[1] * receptive, shape[0] * receptive};
    }

    /** PyTorch's {@code calculate_gain}: linear/sigmoid 1, tanh 5/3, relu √2, selu 3/4. */
    public static double gain(String nonlinearity) {
        return switch (nonlinearity) {
            case "linear", "identity", "conv2d", "sigmoid" -> 1.0;
            case "tanh" -> 5.0 / 3;
            case "relu" -> Math.sqrt(2.0);
            case "selu" -> 0.75;
            default -> throw new IllegalArgumentException("Init.gain: unknown nonlinearity '" + nonlinearity + "'");
        };
    }

    /** Gain of a leaky ReLU with negative slope a: √(2 / (1 + a²)). */
    public static double leakyReluGain(double a) {
        return Math.sqrt(2.0 / (1 + a * a));
    }

    // ---------------------------------------------------------------- random

    /** U[lo, hi). */
    public static INDArray uniform(Rng rng, DataType dtype, double lo, double hi, long... shape) {
        return rng.uniform(dtype, lo, hi, shape);
    }

    /** N(mean, std²). */
    public static INDArray normal(Rng rng, DataType dtype, double mean, double std, long... shape) {
        return rng.normal(dtype, mean, std, shape);
    }

    /** Glorot: U(−a, a), a = gain · √(6 / (fan_in + fan_out)). */
    public static INDArray xavierUniform(Rng rng, DataType dtype, double gain, long... shape) {
        long[] f = fans(shape);
        double a = gain * Math.sqrt(6.0 / (f[0] + f[1]));
        return rng.uniform(dtype, -a, a, shape);
    }

    /** Glorot: N(0, std²), std = gain · √(2 / (fan_in + fan_out)). */
    public static INDArray xavierNormal(Rng rng, DataType dtype, double gain, long... shape) {
        long[] f = fans(shape);
        return rng.normal(dtype, 0, gain * Math.sqrt(2.0 / (f[0] + f[1])), shape);
    }

    /** He: U(−b, b), b = gain · √(3 / fan). */
    public static INDArray kaimingUniform(Rng rng, DataType dtype, double gain, Fan mode, long... shape) {
        double b = gain * Math.sqrt(3.0 / fan(mode, shape));
        return rng.uniform(dtype, -b, b, shape);
    }

    /** He for ReLU layers: gain √2, fan_in (PyTorch's {@code kaiming_uniform_(w, nonlinearity='relu')}). */
    public static INDArray kaimingUniform(Rng rng, DataType dtype, long... shape) {
        return kaimingUniform(rng, dtype, gain("relu"), Fan.IN, shape);
    }

    /** He: N(0, std²), std = gain / √fan. */
    public static INDArray kaimingNormal(Rng rng, DataType dtype, double gain, Fan mode, long... shape) {
        return rng.normal(dtype, 0, gain / Math.sqrt(fan(mode, shape)), shape);
    }

    /** He for ReLU layers: gain √2, fan_in. */
    public static INDArray kaimingNormal(Rng rng, DataType dtype, long... shape) {
        return kaimingNormal(rng, dtype, gain("relu"), Fan.IN, shape);
    }

    /**
     * PyTorch's default for Linear and Conv weights and biases, {@code kaiming_uniform_(a=√5)}:
     * U(−1/√fanIn, 1/√fanIn). The bias uses the weight's fan_in.
     */
    public static INDArray defaultUniform(Rng rng, DataType dtype, long fanIn, long... shape) {
        double b = fanIn > 0 ? 1.0 / Math.sqrt(fanIn) : 0.0;
        return rng.uniform(dtype, -b, b, shape);
    }

    private static long fan(Fan mode, long[] shape) {
        long[] f = fans(shape);
        long v = mode == Fan.IN ? f[0] : f[1];
        if (v == 0) {
            throw new IllegalArgumentException("Init: zero fan for shape " + Arrays.toString(shape));
        }
        return v;
    }

    /**
     * A (semi-)orthogonal matrix times {@code gain}, as {@code torch.nn.init.orthogonal_}: the
     * shape is viewed as [d0, Π rest]; a normal matrix is orthonormalized by modified Gram-Schmidt
     * (run twice for accuracy) along its longer side, so WᵀW = I when d0 ≥ Π rest and WWᵀ = I otherwise.
     */
    public static INDArray orthogonal(Rng rng, DataType dtype, double gain, long... shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("Init.orthogonal: needs a shape of rank >= 2, got " + Arrays.toString(shape));
        }
        int rows = (int) shape[0], cols = (int) (Arrays.stream(shape).reduce(1, (u, v) -> u * v) / Math.max(rows, 1));
        boolean wide = rows < cols;
        int m = wide ? cols : rows, n = wide ? rows : cols; // orthonormalize n vectors of length m, m >= n
        double[][] q = new double[n][m];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                q[j][i] = rng.nextGaussian();
            }
        }
        for (int j = 0; j < n; j++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < m; i++) {
                        dot += q[k][i] * q[j][i];
                    }
                    for (int i = 0; i < m; i++) {
                        q[j][i] -= dot * q[k][i];
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < m; i++) {
                norm += q[j][i] * q[j][i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < m; i++) {
                q[j][i] /= norm;
            }
        }
        double[] out = new double[rows * cols]; // row-major [rows, cols]
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = gain * (wide ? q[r][c] : q[c][r]);
            }
        }
        return Nd4j.create(out, shape, 'c').castTo(dtype);
    }

    // ---------------------------------------------------------------- constant

    public static INDArray zeros(DataType dtype, long... shape) {
        return Nd4j.zeros(dtype, shape);
    }

    public static INDArray ones(DataType dtype, long... shape) {
        return Nd4j.ones(dtype, shape);
    }

    public static INDArray constant(DataType dtype, double value, long... shape) {
        return Nd4j.valueArrayOf(shape, value, dtype);
    }

    /** The [rows, cols] matrix with ones on the main diagonal (identity when square). */
    public static INDArray eye(DataType dtype, long rows, long cols) {
        INDArray e = Nd4j.zeros(dtype, rows, cols);
        for (long i = 0; i < Math.min(rows, cols); i++) {
            e.putScalar(i, i, 1.0);
        }
        return e;
    }
}
