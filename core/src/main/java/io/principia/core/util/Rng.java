package io.principia.core.util;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A seeded random generator whose whole state is one {@code long} (SplitMix64, Steele et al. 2014),
 * so a checkpoint can save and restore it exactly. Every random number in Principia (initializers,
 * dropout masks, shuffles) comes from an {@code Rng}: passed explicitly, or {@link #global()}.
 */
public final class Rng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static Rng global = new Rng(0);

    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** The process-wide generator, reseeded by {@link Seed#everything(long)}. */
    public static synchronized Rng global() { return global; }

    static synchronized void setGlobal(Rng rng) { global = rng; }

    public long state() { return state; }

    public void setState(long state) { this.state = state; }

    /** An independent generator derived from this one (advances this one by one draw). */
    public Rng split() { return new Rng(nextLong()); }

    public long nextLong() {
        long z = (state += GOLDEN);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    /** Standard normal by Box-Muller (one draw per call, so the state stays a single long). */
    public double nextGaussian() {
        double u1 = nextDouble();
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
    public int[] permutation(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation: size must be >= 0, got " + n);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** An array of N(mean, std²) entries. */
    public INDArray normal(DataType dtype, double mean, double std, long... shape) {
        if (!(std >= 0) || !Double.isFinite(std) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("normal: needs a finite mean and a finite std >= 0, got mean " + mean + ", std " + std);
        }
        double[] v = new double[checkedLength(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = mean + std * nextGaussian();
        }
        return Nd4j.create(v, shape, 'c').castTo(dtype);
    }

    /** An array of U[lo, hi) entries. */
    public INDArray uniform(DataType dtype, double lo, double hi, long... shape) {
        if (!(lo <= hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("uniform: needs finite bounds lo <= hi, got [" + lo + ", " + hi + ")");
        }
        double[] v = new double[checkedLength(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * nextDouble();
        }
        return Nd4j.create(v, shape, 'c').castTo(dtype);
    }

    /** An array of independent Bernoulli(p) draws as 0/1 in {@code dtype}. */
    public INDArray bernoulli(DataType dtype, double p, long... shape) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("bernoulli: probability p must be in [0, 1], got " + p);
        }
        float[] v = new float[checkedLength(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = nextDouble() < p ? 1f : 0f;
        }
        return Nd4j.create(v, shape, 'c').castTo(dtype);
    }

    private static int checkedLength(long[] shape) {
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative size in shape " + java.util.Arrays.toString(shape));
            }
            n *= s;
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("random array too large: " + n + " elements");
        }
        return (int) n;
    }
}
