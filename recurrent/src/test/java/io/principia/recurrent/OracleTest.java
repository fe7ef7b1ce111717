package io.principia.recurrent;

import static io.principia.core.testing.GradCheck.randomInput;
import static io.principia.core.testing.TestArrays.assertClose;
import static io.principia.core.testing.TestArrays.values;

import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Whole sequences through the runner against plain Java loops over double[] (tanh RNN family and GRU). */
class OracleTest {
    static final DataType D = DataType.DOUBLE;
    static final int B = 2, T = 5, F = 3, H = 4;

    static double sig(double x) { return 1 / (1 + Math.exp(-x)); }

    /** Σ_k w[row, k] x[k] + b[row] for a [rows, cols] row-major w. */
    static double affine(double[] w, double[] b, int row, int cols, double[] x, int off) {
        double s = b[row];
        for (int k = 0; k < cols; k++) {
            s += w[row * cols + k] * x[off + k];
        }
        return s;
    }

    /** The Adam/momentum/plain tanh RNN by loops: mu, s, beta, eps; adam false = momentum (or plain with mu 0, s 1). */
    static double[] rnnLoop(AbstractCell c, double[] x, double mu, double s, double beta, double eps, boolean adam) {
        double[] wx = values(c.x2h.weight.data()), bx = values(c.x2h.bias.data()), wh = values(c.h2h.weight.data()), bh = values(c.h2h.bias.data());
        double[] out = new double[B * T * H];
        for (int b = 0; b < B; b++) {
            double[] h = new double[H], v = new double[H], r = new double[H];
            for (int t = 0; t < T; t++) {
                double[] hn = new double[H];
                for (int j = 0; j < H; j++) {
                    double g = affine(wx, bx, j, F, x, (b * T + t) * F);
                    v[j] = mu * v[j] + s * g;
                    r[j] = beta * r[j] + (1 - beta) * g * g;
                    double in = adam ? v[j] / Math.sqrt(r[j] + eps) : v[j];
                    hn[j] = Math.tanh(in + affine(wh, bh, j, H, h, 0));
                }
                h = hn;
                System.arraycopy(h, 0, out, (b * T + t) * H, H);
            }
        }
        return out;
    }

    @Test
    void rnnFamily() {
        Tensor x = randomInput(31, B, T, F);
        double[] xv = values(x.data());
        RnnCell rnn = new RnnCell(F, H, new Rng(1), D);
        assertClose(rnnLoop(rnn, xv, 0, 1, 0, 0, false), new long[] {B, T, H}, new Recurrent(rnn).forward(x).all().data(), 1e-13);
        MomentumRnnCell m = new MomentumRnnCell(F, H, Coefficient.fixed(0.6), Coefficient.fixed(0.4), new Rng(2), D);
        assertClose(rnnLoop(m, xv, 0.6, 0.4, 0, 0, false), new long[] {B, T, H}, new Recurrent(m).forward(x).all().data(), 1e-13);
        AdamRnnCell a = new AdamRnnCell(F, H, Coefficient.fixed(0.6), Coefficient.fixed(0.4), 0.3, 1e-6, new Rng(3), D);
        assertClose(rnnLoop(a, xv, 0.6, 0.4, 0.3, 1e-6, true), new long[] {B, T, H}, new Recurrent(a).forward(x).all().data(), 1e-12);
    }

    @Test
    void gru() {
        Tensor x = randomInput(32, B, T, F);
        double[] xv = values(x.data());
        GruCell c = new GruCell(F, H, new Rng(4), D);
        double[] wx = values(c.x2h.weight.data()), bx = values(c.x2h.bias.data()), wh = values(c.h2h.weight.data()), bh = values(c.h2h.bias.data());
        double[] out = new double[B * T * H];
        for (int b = 0; b < B; b++) {
            double[] h = new double[H];
            for (int t = 0; t < T; t++) {
                double[] hn = new double[H];
                for (int j = 0; j < H; j++) {
                    int o = (b * T + t) * F;
                    double r = sig(affine(wx, bx, j, F, xv, o) + affine(wh, bh, j, H, h, 0));
                    double z = sig(affine(wx, bx, H + j, F, xv, o) + affine(wh, bh, H + j, H, h, 0));
                    double n = Math.tanh(affine(wx, bx, 2 * H + j, F, xv, o) + r * affine(wh, bh, 2 * H + j, H, h, 0));
                    hn[j] = (1 - z) * n + z * h[j];
                }
                h = hn;
                System.arraycopy(h, 0, out, (b * T + t) * H, H);
            }
        }
        assertClose(out, new long[] {B, T, H}, new Recurrent(c).forward(x).all().data(), 1e-13);
    }
}
