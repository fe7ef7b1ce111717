package io.principia.graph.split;

/**
 * NumPy's legacy {@code np.random.RandomState(seed)} (MT19937, Matsumoto and Nishimura 1998)
 * for the calls GRAND++'s split code makes, bit for bit: {@code permutation(n)} and
 * {@code choice(a, size, replace=False)}, which is {@code a[permutation(len(a))[:size]]}.
 * The shuffle is Fisher-Yates from the end, drawing j in [0, i] by masked rejection sampling
 * on 32-bit outputs ({@code random_interval} in numpy's legacy distributions).
 */
public final class NumpyRandomState {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int mti;

    /** {@code RandomState(seed)} for a seed in [0, 2^32). */
    public NumpyRandomState(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("RandomState seed must be in [0, 2^32), got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        mti = N;
    }

    /** The next 32-bit output (genrand_int32), as an unsigned value. */
    public long nextUint32() {
        if (mti >= N) {
            for (int k = 0; k < N; k++) {
                int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
                mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            }
            mti = 0;
        }
        int y = mt[mti++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    /** Uniform in [0, max] (max < 2^32), as numpy's legacy {@code random_interval}. */
    long interval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long v;
        do {
            v = nextUint32() & mask;
        } while (v > max);
        return v;
    }

    /** {@code permutation(n)}: a shuffled 0..n-1. */
    public int[] permutation(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i >= 1; i--) {
            int j = (int) interval(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /**
     * {@code choice(population, size, replace=False)}.
     *
     * @throws IllegalArgumentException if size exceeds the population
     */
    public int[] choice(int[] population, int size) {
        if (size < 0 || size > population.length) {
            throw new IllegalArgumentException("choice without replacement: cannot take " + size + " of " + population.length
                    + " elements");
        }
        int[] p = permutation(population.length);
        int[] out = new int[size];
        for (int k = 0; k < size; k++) {
            out[k] = population[p[k]];
        }
        return out;
    }
}
