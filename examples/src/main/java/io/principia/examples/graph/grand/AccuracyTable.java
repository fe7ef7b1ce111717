package io.principia.examples.graph.grand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.principia.core.io.AtomicFiles;

/**
 * Test accuracies of many runs, grouped into one table per dataset: a row per model, a column
 * per setting (labels per class, or diffusion time T), cells "mean ± std (n)" with the sample
 * standard deviation. Written as markdown (with a note on the protocol), a summary csv and a
 * csv of every run.
 */
final class AccuracyTable {
    /** One training run. */
    record Run(String dataset, String column, String model, long split, FullBatchFit.Result result) {}

    private final String title;
    private final String columnName;
    private final List<String> notes;
    private final List<Run> runs = new ArrayList<>();

    AccuracyTable(String title, String columnName, List<String> notes) {
        this.title = title;
        this.columnName = columnName;
        this.notes = List.copyOf(notes);
    }

    void add(Run r) {
        runs.add(r);
    }

    List<Run> runs() { return List.copyOf(runs); }

    /** Whether a run of (dataset, column, model, split) is already in the table (--append skips it). */
    boolean has(String dataset, String column, String model, long split) {
        return runs.stream().anyMatch(r -> r.dataset.equals(dataset) && r.column.equals(column) && r.model.equals(model) && r.split == split);
    }

    /** Mean and sample std of the test accuracies of (dataset, column, model); NaN std for one run. */
    double[] stats(String dataset, String column, String model) {
        List<Double> v = new ArrayList<>();
        for (Run r : runs) {
            if (r.dataset.equals(dataset) && r.column.equals(column) && r.model.equals(model)) {
                v.add(r.result.test());
            }
        }
        double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double ss = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
        return new double[] {mean, v.size() > 1 ? Math.sqrt(ss / (v.size() - 1)) : Double.NaN, v.size()};
    }

    Set<String> datasets() { return keys(0); }

    /** The settings in increasing numeric order when all are numbers (runs merged from parts come in any order). */
    Set<String> columns() {
        Set<String> c = keys(1);
        try {
            List<String> sorted = new ArrayList<>(c);
            sorted.sort(java.util.Comparator.comparingDouble(Double::parseDouble));
            return new LinkedHashSet<>(sorted);
        } catch (NumberFormatException e) {
            return c;
        }
    }

    Set<String> models() { return keys(2); }

    String markdown() {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        for (String n : notes) {
            sb.append(n).append("\n\n");
        }
        for (String d : datasets()) {
            sb.append("## ").append(d).append("\n\n| model |");
            for (String c : columns()) {
                sb.append(' ').append(columnName).append(' ').append(c).append(" |");
            }
            sb.append("\n|---|").append("---|".repeat(columns().size())).append('\n');
            for (String m : models()) {
                sb.append("| ").append(m).append(" |");
                for (String c : columns()) {
                    double[] s = stats(d, c, m);
                    sb.append(s[2] == 0 ? " |" : String.format(Locale.ROOT, " %.1f ± %s (%d) |", 100 * s[0],
                            Double.isNaN(s[1]) ? "–" : String.format(Locale.ROOT, "%.1f", 100 * s[1]), (int) s[2]));
                }
                sb.append('\n');
            }
            sb.append('\n');
        }
        double total = runs.stream().mapToDouble(r -> r.result.seconds()).sum();
        sb.append(String.format(Locale.ROOT, "%d runs, %.0f s of training in all.%n", runs.size(), total));
        return sb.toString();
    }

    /** dataset,column,model,mean_test,std_test,runs,mean_seconds. */
    String summaryCsv() {
        StringBuilder sb = new StringBuilder("dataset," + columnName.replace(' ', '_') + ",model,mean_test,std_test,runs,mean_seconds\n");
        for (String d : datasets()) {
            for (String c : columns()) {
                for (String m : models()) {
                    double[] s = stats(d, c, m);
                    if (s[2] > 0) {
                        double secs = runs.stream().filter(r -> r.dataset.equals(d) && r.column.equals(c) && r.model.equals(m))
                                .mapToDouble(r -> r.result.seconds()).average().orElse(Double.NaN);
                        sb.append(String.format(Locale.ROOT, "%s,%s,%s,%.4f,%.4f,%d,%.2f%n", d, c, m, s[0], s[1], (int) s[2], secs));
                    }
                }
            }
        }
        return sb.toString();
    }

    /** One row per run. */
    String runsCsv() {
        StringBuilder sb = new StringBuilder("dataset," + columnName.replace(' ', '_')
                + ",model,split,val_accuracy,test_accuracy,train_accuracy,epoch,time,seconds\n");
        for (Run r : runs) {
            FullBatchFit.Result x = r.result;
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%.4f,%.4f,%.4f,%d,%s,%.2f%n", r.dataset, r.column, r.model, r.split, x.val(),
                    x.test(), x.train(), x.epoch(), Double.isNaN(x.time()) ? "" : String.format(Locale.ROOT, "%.3f", x.time()), x.seconds()));
        }
        return sb.toString();
    }

    /**
     * Adds the runs of an earlier {@link #runsCsv()} (to continue a table in parts).
     *
     * @throws IllegalArgumentException if a line does not have the columns runsCsv writes
     */
    void addCsv(List<String> lines) {
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            if (f.length != 10) {
                throw new IllegalArgumentException("runs.csv line " + (i + 1) + ": expected 10 fields, got " + f.length + ": " + lines.get(i));
            }
            FullBatchFit.Result r = new FullBatchFit.Result(Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                    Integer.parseInt(f[7]), f[8].isEmpty() ? Double.NaN : Double.parseDouble(f[8]), Double.parseDouble(f[9]));
            add(new Run(f[0], f[1], f[2], Long.parseLong(f[3]), r));
        }
    }

    /** With {@code append}, the runs already in {@code dir/runs.csv} (if any) come first; the commands skip those runs. */
    void appendFrom(Path dir, boolean append) {
        Path file = dir.resolve("runs.csv");
        if (append && java.nio.file.Files.isRegularFile(file)) {
            try {
                addCsv(java.nio.file.Files.readAllLines(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    /** Writes {@code <stem>.md}, {@code <stem>.csv} and {@code runs.csv} into dir. */
    void write(Path dir, String stem) {
        try {
            AtomicFiles.write(dir.resolve(stem + ".md"), markdown().getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(dir.resolve(stem + ".csv"), summaryCsv().getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(dir.resolve("runs.csv"), runsCsv().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tables into " + dir, e);
        }
    }

    private Set<String> keys(int which) {
        Set<String> s = new LinkedHashSet<>();
        for (Run r : runs) {
            s.add(which == 0 ? r.dataset : which == 1 ? r.column : r.model);
        }
        return s;
    }
}
