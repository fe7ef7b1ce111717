package io.principia.core.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link Trainer#fit} returns: the metrics of the last epoch, the whole history, the best
 * epoch by the checkpoint monitor (or {@code val_loss}, else {@code train_loss}), why it stopped,
 * and the training wall time (including time before a resume).
 */
public record FitResult(Map<String, Double> metrics, List<Map<String, Double>> history, int epochsRun, int bestEpoch,
                        String monitor, double bestScore, long globalStep, String stopReason, double wallSeconds,
                        Path runDir) {
    public FitResult {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        history = List.copyOf(history);
    }

    public boolean stoppedEarly() {
        return stopReason != null;
    }
}
