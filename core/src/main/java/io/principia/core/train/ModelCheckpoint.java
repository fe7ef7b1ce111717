package io.principia.core.train;

import io.principia.core.io.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves {@code last.ckpt} after every epoch and {@code best.ckpt} whenever the monitored metric
 * improves, in {@code <runDir>/checkpoints/} (or a given folder). Writes are atomic: a crash
 * mid-write leaves the previous file intact. Its best score survives a resume.
 */
public final class ModelCheckpoint implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(ModelCheckpoint.class);
    private final Path dir;
    private final String monitor;
    private final Mode mode;
    private final boolean saveLast;
    private double best = Double.NaN;
    private int bestEpoch = -1;
    private boolean warned;

    /** Monitors {@code monitor} with {@code mode}, saving into the run directory's {@code checkpoints/}. */
    public ModelCheckpoint(String monitor, Mode mode) {
        this(null, monitor, mode, true);
    }

    /**
     * @param dir      folder for the checkpoints; null for {@code checkpoints/} in the run directory
     * @param monitor  metric that selects {@code best.ckpt}, e.g. {@code val_loss}
     * @param saveLast also write {@code last.ckpt} every epoch
     */
    public ModelCheckpoint(Path dir, String monitor, Mode mode, boolean saveLast) {
        if (monitor == null || monitor.isEmpty() || mode == null) {
            throw new IllegalArgumentException("ModelCheckpoint: monitor and mode are required");
        }
        this.dir = dir;
        this.monitor = monitor;
        this.mode = mode;
        this.saveLast = saveLast;
    }

    public String monitor() { return monitor; }

    public Mode mode() { return mode; }

    /** The best monitored value so far (NaN before the first). */
    public double best() { return best; }

    /** The epoch of {@link #best()} (0-based), or -1. */
    public int bestEpoch() { return bestEpoch; }

    private Path folder(TrainerContext ctx) {
        return dir != null ? dir : ctx.runDir().map(d -> d.resolve("checkpoints")).orElseThrow(() ->
                new IllegalStateException("ModelCheckpoint needs a run directory (Trainer.builder().runDir(...)) or a folder"));
    }

    @Override
    public void onFitStart(TrainerContext ctx) {
        folder(ctx);
    }

    @Override
    public void onEpochEnd(TrainerContext ctx, int epoch, Map<String, Double> metrics) {
        Path folder = folder(ctx);
        try {
            Double v = metrics.get(monitor);
            if (v == null) {
                if (!warned) {
                    LOG.warn("ModelCheckpoint: metric '{}' is not among the epoch metrics {}; best.ckpt is not written",
                            monitor, metrics.keySet());
                    warned = true;
                }
            } else if (mode.improves(v, best, 0.0)) {
                best = v;
                bestEpoch = epoch;
                ctx.saveCheckpoint(folder.resolve("best.ckpt"));
            }
            if (saveLast) {
                ctx.saveCheckpoint(folder.resolve("last.ckpt"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint into " + folder, e);
        }
    }

    @Override
    public String stateKey() {
        return "ModelCheckpoint[" + monitor + "," + mode + "]";
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("best", best);
        s.put("best_epoch", bestEpoch);
        return s;
    }

    @Override
    public void loadState(Map<String, Object> state) {
        best = Json.toDouble(state.get("best"));
        bestEpoch = ((Number) state.get("best_epoch")).intValue();
    }
}
