package io.principia.core.train;

import io.principia.core.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code <runDir>/metrics.csv}: one row per finished epoch with the columns {@link #FIXED} first,
 * then any other metric in order of first appearance; an absent value is an empty cell. The file
 * is rewritten atomically from the run's history after every epoch, so after a resume it holds
 * exactly the epochs the checkpoint knew plus the new ones.
 */
public final class MetricsCsv implements Callback {
    /** The columns every metrics.csv starts with. */
    public static final List<String> FIXED = List.of("epoch", "step", "train_loss", "val_loss", "val_accuracy", "lr", "elapsed_s");
    private final Path file;

    /** Writes {@code metrics.csv} in the run directory. */
    public MetricsCsv() {
        this(null);
    }

    /** Writes to {@code file} (null: {@code metrics.csv} in the run directory). */
    public MetricsCsv(Path file) {
        this.file = file;
    }

    @Override
    public void onFitStart(TrainerContext ctx) {
        if (!ctx.history().isEmpty()) {
            write(ctx); // a resumed run: drop rows written after the checkpoint
        }
    }

    @Override
    public void onEpochEnd(TrainerContext ctx, int epoch, Map<String, Double> metrics) {
        write(ctx);
    }

    private void write(TrainerContext ctx) {
        Path target = file != null ? file : ctx.runDir().map(d -> d.resolve("metrics.csv")).orElseThrow(() ->
                new IllegalStateException("MetricsCsv needs a run directory (Trainer.builder().runDir(...)) or a file"));
        try {
            AtomicFiles.write(target, render(ctx.history()).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** The CSV text for a history. */
    public static String render(List<Map<String, Double>> history) {
        Set<String> columns = new LinkedHashSet<>(FIXED);
        for (Map<String, Double> row : history) {
            columns.addAll(row.keySet());
        }
        List<String> cols = new ArrayList<>(columns);
        StringBuilder sb = new StringBuilder(String.join(",", cols)).append('\n');
        for (Map<String, Double> row : history) {
            for (int i = 0; i < cols.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                Double v = row.get(cols.get(i));
                if (v != null) {
                    boolean integral = cols.get(i).equals("epoch") || cols.get(i).equals("step");
                    sb.append(integral ? Long.toString(v.longValue()) : Double.toString(v));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
