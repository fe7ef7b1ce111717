package io.principia.core.train;

import io.principia.core.io.Json;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Stops training when {@code monitor} has not improved by more than {@code minDelta} for
 * {@code patience} epochs in a row, or when it is not finite. Its counters survive a resume.
 */
public final class EarlyStopping implements Callback {
    private final String monitor;
    private final Mode mode;
    private final int patience;
    private final double minDelta;
    private double best = Double.NaN;
    private int bestEpoch = -1;
    private int wait;
    private int stoppedEpoch = -1;

    public EarlyStopping(String monitor, Mode mode, int patience, double minDelta) {
        if (monitor == null || monitor.isEmpty() || mode == null) {
            throw new IllegalArgumentException("EarlyStopping: monitor and mode are required");
        }
        if (patience < 1 || !(minDelta >= 0)) {
            throw new IllegalArgumentException("EarlyStopping: patience must be >= 1 and minDelta >= 0, got patience "
                    + patience + ", minDelta " + minDelta);
        }
        this.monitor = monitor;
        this.mode = mode;
        this.patience = patience;
        this.minDelta = minDelta;
    }

    @Override
    public void onEpochEnd(TrainerContext ctx, int epoch, Map<String, Double> metrics) {
        Double v = metrics.get(monitor);
        if (v == null) {
            throw new IllegalStateException("EarlyStopping: metric '" + monitor + "' is not among the epoch metrics "
                    + metrics.keySet());
        }
        if (!Double.isFinite(v)) {
            stoppedEpoch = epoch;
            ctx.requestStop("early stopping: " + monitor + " = " + v + " is not finite");
            return;
        }
        if (mode.improves(v, best, minDelta)) {
            best = v;
            bestEpoch = epoch;
            wait = 0;
        } else if (++wait >= patience) {
            stoppedEpoch = epoch;
            ctx.requestStop(String.format(Locale.ROOT, "early stopping: %s did not improve by more than %g for %d epochs"
                    + " (best %.6g at epoch %d)", monitor, minDelta, wait, best, bestEpoch));
        }
    }

    /** Epochs in a row without improvement. */
    public int waitCount() { return wait; }

    public double best() { return best; }

    public int bestEpoch() { return bestEpoch; }

    /** The epoch at which this callback asked to stop, or -1. */
    public int stoppedEpoch() { return stoppedEpoch; }

    @Override
    public String stateKey() {
        return "EarlyStopping[" + monitor + "," + mode + "]";
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("best", best);
        s.put("best_epoch", bestEpoch);
        s.put("wait", wait);
        s.put("stopped_epoch", stoppedEpoch);
        return s;
    }

    @Override
    public void loadState(Map<String, Object> state) {
        best = Json.toDouble(state.get("best"));
        bestEpoch = ((Number) state.get("best_epoch")).intValue();
        wait = ((Number) state.get("wait")).intValue();
        stoppedEpoch = ((Number) state.get("stopped_epoch")).intValue();
    }
}
