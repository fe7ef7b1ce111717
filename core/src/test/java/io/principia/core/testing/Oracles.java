package io.principia.core.testing;

/**
 * Plain-loop reference implementations over row-major double[] arrays, the independent oracles
 * that op and layer tests compare against.
 */
public final class Oracles {
    private Oracles() {}

    /** Direct convolution over double[] (NCHW, weight [O, C, kH, kW]). */
    public static double[] conv2d(double[] x, double[] w, double[] b, int n, int c, int h, int wd, int o, int kh, int kw,
            int[] s, int[] p, int[] d, int oh, int ow) {
        double[] y = new double[n * o * oh * ow];
        for (int ni = 0; ni < n; ni++) {
            for (int oi = 0; oi < o; oi++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double acc = b == null ? 0 : b[oi];
                        for (int ci = 0; ci < c; ci++) {
                            for (int a = 0; a < kh; a++) {
                                for (int e = 0; e < kw; e++) {
                                    int hi = i * s[0] - p[0] + a * d[0], wi = j * s[1] - p[1] + e * d[1];
                                    if (hi >= 0 && hi < h && wi >= 0 && wi < wd) {
                                        acc += x[((ni * c + ci) * h + hi) * wd + wi] * w[((oi * c + ci) * kh + a) * kw + e];
                                    }
                                }
                            }
                        }
                        y[((ni * o + oi) * oh + i) * ow + j] = acc;
                    }
                }
            }
        }
        return y;
    }

    /** Transposed convolution as a scatter (weight [C, O, kH, kW]), cropped to [0, oh) x [0, ow). */
    public static double[] convTranspose2d(double[] x, double[] w, double[] b, int n, int c, int h, int wd, int o, int kh, int kw,
            int[] s, int[] p, int[] d, int oh, int ow) {
        double[] y = new double[n * o * oh * ow];
        for (int ni = 0; ni < n; ni++) {
            for (int oi = 0; oi < o; oi++) {
                for (int q = 0; q < oh * ow; q++) {
                    y[(ni * o + oi) * oh * ow + q] = b == null ? 0 : b[oi];
                }
            }
            for (int ci = 0; ci < c; ci++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < wd; j++) {
                        double xv = x[((ni * c + ci) * h + i) * wd + j];
                        for (int oi = 0; oi < o; oi++) {
                            for (int a = 0; a < kh; a++) {
                                for (int e = 0; e < kw; e++) {
                                    int yi = i * s[0] - p[0] + a * d[0], yj = j * s[1] - p[1] + e * d[1];
                                    if (yi >= 0 && yi < oh && yj >= 0 && yj < ow) {
                                        y[((ni * o + oi) * oh + yi) * ow + yj] += xv * w[((ci * o + oi) * kh + a) * kw + e];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    /** mode: "max", "avgIncl" (divisor kH·kW) or "avgExcl" (divisor = covered input elements). */
    public static double[] pool2d(String mode, double[] x, int nc, int h, int w, int[] k, int[] s, int[] p, int oh, int ow) {
        double[] y = new double[nc * oh * ow];
        for (int q = 0; q < nc; q++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double max = Double.NEGATIVE_INFINITY, sum = 0;
                    int count = 0;
                    for (int a = 0; a < k[0]; a++) {
                        for (int e = 0; e < k[1]; e++) {
                            int hi = i * s[0] - p[0] + a, wi = j * s[1] - p[1] + e;
                            if (hi >= 0 && hi < h && wi >= 0 && wi < w) {
                                double v = x[(q * h + hi) * w + wi];
                                max = Math.max(max, v);
                                sum += v;
                                count++;
                            }
                        }
                    }
                    y[(q * oh + i) * ow + j] = switch (mode) {
                        case "max" -> max;
                        case "avgIncl" -> sum / (k[0] * k[1]);
                        default -> sum / count;
                    };
                }
            }
        }
        return y;
    }

    /** Layer norm of rows of length d, by loops. */
    public static double[] layerNorm(double[] x, int d, double[] w, double[] b, double eps) {
        double[] y = new double[x.length];
        for (int r = 0; r < x.length / d; r++) {
            double mean = 0, var = 0;
            for (int i = 0; i < d; i++) {
                mean += x[r * d + i] / d;
            }
            for (int i = 0; i < d; i++) {
                var += (x[r * d + i] - mean) * (x[r * d + i] - mean) / d;
            }
            for (int i = 0; i < d; i++) {
                y[r * d + i] = (x[r * d + i] - mean) / Math.sqrt(var + eps) * (w == null ? 1 : w[i]) + (b == null ? 0 : b[i]);
            }
        }
        return y;
    }

    /** Per-channel mean and biased variance of x [N, C, S] (S = product of trailing sizes). */
    public static double[][] channelStats(double[] x, int n, int c, int s) {
        double[] mean = new double[c], var = new double[c];
        int m = n * s;
        for (int k = 0; k < c; k++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < s; j++) {
                    mean[k] += x[(i * c + k) * s + j] / m;
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < s; j++) {
                    double dv = x[(i * c + k) * s + j] - mean[k];
                    var[k] += dv * dv / m;
                }
            }
        }
        return new double[][] {mean, var};
    }

    public static double[] batchNorm(double[] x, int n, int c, int s, double[] mean, double[] var, double[] w, double[] b, double eps) {
        double[] y = new double[x.length];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                for (int j = 0; j < s; j++) {
                    int q = (i * c + k) * s + j;
                    y[q] = (x[q] - mean[k]) / Math.sqrt(var[k] + eps) * w[k] + b[k];
                }
            }
        }
        return y;
    }

    /** y[r, o] = b[o] + Σ_i x[r, i] w[o, i] (w [out, in]). */
    public static double[] linear(double[] x, double[] w, double[] b, int rows, int in, int out) {
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double acc = b == null ? 0 : b[o];
                for (int i = 0; i < in; i++) {
                    acc += x[r * in + i] * w[o * in + i];
                }
                y[r * out + o] = acc;
            }
        }
        return y;
    }
}
