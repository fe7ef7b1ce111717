package io.principia.examples.ode;

import io.principia.core.data.DataException;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The plane-vibration series of the Heavy-Ball NODE paper (Xia et al., NeurIPS 2021, spec §3.3;
 * {@code pvdat.py}; the file is {@code heavyball-node/pv.csv}, likely the F-16 ground-vibration
 * benchmark: force, voltage, three accelerations). Made irregular and cut into windows as the
 * official loader does:
 * <ol>
 *   <li>read the 5 signal columns (a header line, then rows of at least 5 numbers; extra columns
 *       such as {@code Fs} and the trailing comma are ignored);</li>
 *   <li>keep a seeded random 90% of the time indices 0 … n − F (the last F − 1 rows are reserved so
 *       every forecast target exists; the official code reserves 100), sorted, so the gaps
 *       Δt ∈ {1, 2, …} (in samples) are irregular;</li>
 *   <li>split the kept indices 2:1:1 in time order into train, validation and test;</li>
 *   <li>z-score each channel with the mean and (population) standard deviation of the train
 *       split's kept rows. The official code uses the whole series' statistics; using train
 *       statistics keeps test information out of training;</li>
 *   <li>cut each split into non-overlapping groups of W + 1 kept indices l_0 … l_W: inputs
 *       x = data[l_0 … l_{W−1}], next-step targets y = data[l_1 … l_W], gaps Δt_i = l_{i+1} − l_i,
 *       and F forecast targets data[l_W + k], k = 0 … F − 1 (consecutive raw rows, unit gaps).</li>
 * </ol>
 */
public final class PlaneVibrationData {
    public static final String FILE = "heavyball-node/pv.csv";
    public static final int CHANNELS = 5;

    /** Windows of one split: x, y [N, W, 5]; dt [N, W]; forecast [N, F, 5]. */
    public record Windows(Tensor x, Tensor y, Tensor dt, Tensor forecast) {
        public int size() { return (int) x.size(0); }

        /** Windows {@code idx} only. */
        public Windows select(int[] idx) {
            return new Windows(rows(x, idx), rows(y, idx), rows(dt, idx), rows(forecast, idx));
        }

        private static Tensor rows(Tensor t, int[] idx) {
            long rest = t.length() / t.size(0);
            return Tensor.of(t.data().reshape('c', t.size(0), rest).getRows(idx).reshape('c', withFirst(t.shape(), idx.length)));
        }

        private static long[] withFirst(long[] shape, int n) {
            long[] s = shape.clone();
            s[0] = n;
            return s;
        }
    }

    /** The three splits, the train statistics used to standardize, and counts for the report. */
    public record Data(Windows train, Windows valid, Windows test, double[] mean, double[] std, int rows, int kept) {
        public String describe() {
            return String.format(Locale.ROOT, "%d rows, %d kept after dropping; windows train %d / valid %d / test %d",
                    rows, kept, train.size(), valid.size(), test.size());
        }
    }

    private PlaneVibrationData() {}

    /**
     * @param file     the CSV
     * @param window   W, observations per window (64 in the paper)
     * @param forecast F, forecast targets per window (8 in the official training script)
     * @param dropRate fraction of time indices thrown out (0.1)
     * @param seed     seed of the dropped indices
     */
    public static Data load(Path file, int window, int forecast, double dropRate, long seed) {
        if (window < 1 || forecast < 1) {
            throw new IllegalArgumentException("window and forecast must be >= 1, got " + window + ", " + forecast);
        }
        if (!(dropRate >= 0 && dropRate < 1)) {
            throw new IllegalArgumentException("drop rate must be in [0, 1), got " + dropRate);
        }
        double[][] raw = read(file);
        int n = raw.length;
        int full = n - forecast + 1; // candidate indices 0 … n − F
        int kept = (int) (full * (1 - dropRate));
        int need = 4 * (window + 1);
        if (full < 1 || kept < need) {
            throw new DataException(String.format(Locale.ROOT, "%s: %d rows keep %d time indices after dropping %.0f%%, but a "
                    + "window of %d (+1) and a %d-step forecast in each of the 2:1:1 splits need at least %d", file, n, Math.max(kept, 0),
                    100 * dropRate, window, forecast, need));
        }
        int[] labels = keptIndices(full, kept, new Rng(seed));
        int trLen = kept * 2 / 4, vaLen = kept / 4, tsLen = kept - trLen - vaLen;
        int[] tr = Arrays.copyOfRange(labels, 0, trLen);
        int[] va = Arrays.copyOfRange(labels, trLen, trLen + vaLen);
        int[] ts = Arrays.copyOfRange(labels, trLen + vaLen, kept);
        double[] mean = new double[CHANNELS], std = new double[CHANNELS];
        for (int c = 0; c < CHANNELS; c++) {
            double s = 0, s2 = 0;
            for (int l : tr) {
                s += raw[l][c];
            }
            mean[c] = s / tr.length;
            for (int l : tr) {
                s2 += (raw[l][c] - mean[c]) * (raw[l][c] - mean[c]);
            }
            std[c] = Math.sqrt(s2 / tr.length);
            if (!(std[c] > 0)) {
                throw new DataException(file + ": channel " + c + " is constant on the train split (std 0); cannot standardize");
            }
        }
        double[][] z = new double[n][CHANNELS];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < CHANNELS; c++) {
                z[r][c] = (raw[r][c] - mean[c]) / std[c];
            }
        }
        return new Data(windows(z, tr, window, forecast, "train", file), windows(z, va, window, forecast, "valid", file),
                windows(z, ts, window, forecast, "test", file), mean, std, n, kept);
    }

    /** {@code count} distinct indices of 0 … full − 1 (a seeded partial Fisher-Yates), sorted. */
    static int[] keptIndices(int full, int count, Rng rng) {
        int[] all = new int[full];
        for (int i = 0; i < full; i++) {
            all[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int j = i + rng.nextInt(full - i);
            int tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        int[] out = Arrays.copyOf(all, count);
        Arrays.sort(out);
        return out;
    }

    private static Windows windows(double[][] z, int[] labels, int window, int forecast, String split, Path file) {
        int groups = labels.length / (window + 1);
        if (groups < 1) {
            throw new DataException(String.format(Locale.ROOT, "%s: the %s split has %d time indices, fewer than one window of "
                    + "%d + 1", file, split, labels.length, window));
        }
        double[] x = new double[groups * window * CHANNELS], y = new double[x.length];
        double[] dt = new double[groups * window], fc = new double[groups * forecast * CHANNELS];
        for (int g = 0; g < groups; g++) {
            int base = g * (window + 1);
            for (int i = 0; i < window; i++) {
                int l0 = labels[base + i], l1 = labels[base + i + 1];
                dt[g * window + i] = l1 - l0;
                for (int c = 0; c < CHANNELS; c++) {
                    x[(g * window + i) * CHANNELS + c] = z[l0][c];
                    y[(g * window + i) * CHANNELS + c] = z[l1][c];
                }
            }
            int last = labels[base + window];
            for (int k = 0; k < forecast; k++) {
                for (int c = 0; c < CHANNELS; c++) {
                    fc[(g * forecast + k) * CHANNELS + c] = z[last + k][c];
                }
            }
        }
        return new Windows(t(x, groups, window, CHANNELS), t(y, groups, window, CHANNELS), t(dt, groups, window),
                t(fc, groups, forecast, CHANNELS));
    }

    private static Tensor t(double[] v, long... shape) {
        return Tensor.of(Nd4j.create(v, shape, 'c').castTo(DataType.DOUBLE));
    }

    /** The signal columns as [rows][5]; every failure names the file, line and column. */
    static double[][] read(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new DataException("plane-vibration data: no file at " + (file == null ? "null" : file.toAbsolutePath())
                    + " (expected " + FILE + " under the shared data folder, or pass --data)");
        }
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String header = in.readLine();
            if (header == null) {
                throw new DataException(file + ": empty file (expected a header line and rows of " + CHANNELS + " numbers)");
            }
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length < CHANNELS) {
                    throw new DataException(String.format(Locale.ROOT, "%s line %d: %d fields, expected at least %d signal "
                            + "columns: '%s'", file, lineNo, f.length, CHANNELS, line));
                }
                double[] r = new double[CHANNELS];
                for (int c = 0; c < CHANNELS; c++) {
                    String cell = f[c].trim();
                    try {
                        r[c] = Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        throw new DataException(String.format(Locale.ROOT, "%s line %d column %d: '%s' is not a number", file,
                                lineNo, c + 1, cell));
                    }
                    if (!Double.isFinite(r[c])) {
                        throw new DataException(String.format(Locale.ROOT, "%s line %d column %d: value %s is not finite", file,
                                lineNo, c + 1, cell));
                    }
                }
                rows.add(r);
            }
        } catch (IOException e) {
            throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new DataException(file + ": no data rows after the header");
        }
        return rows.toArray(new double[0][]);
    }
}
