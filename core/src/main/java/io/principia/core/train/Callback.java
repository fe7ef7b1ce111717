package io.principia.core.train;

import java.util.Map;

/**
 * Hooks into a {@link Trainer#fit} run, Lightning style. Each hook gets the live
 * {@link TrainerContext}; a callback can {@link TrainerContext#requestStop stop} the run (the stop
 * takes effect at the end of the current epoch, after validation and checkpoints).
 *
 * <p>Order per epoch: {@code onEpochStart}, {@code onBatchEnd} after every optimizer step,
 * {@code onValidationEnd} (when there is a validation source), {@code onEpochEnd}. Hooks run in
 * registration order, except that {@link ModelCheckpoint}s run their {@code onEpochEnd} after
 * every other callback, so a checkpoint holds every callback's state for that epoch.
 *
 * <p>A callback with state that must survive a resume (best score, patience counter) returns it
 * from {@link #state()} and takes it back in {@link #loadState}; it is stored in every checkpoint
 * under {@link #stateKey()}. Values are Strings, numbers or booleans (non-finite doubles are fine).
 */
public interface Callback {
    default void onFitStart(TrainerContext ctx) {}

    default void onEpochStart(TrainerContext ctx, int epoch) {}

    /** After optimizer step number {@code step} (1-based count of steps taken), with that batch's loss. */
    default void onBatchEnd(TrainerContext ctx, long step, double loss) {}

    /** After the validation pass, with its metrics ({@code val_loss}, {@code val_accuracy}, ...). */
    default void onValidationEnd(TrainerContext ctx, Map<String, Double> metrics) {}

    /** After each epoch, with everything recorded for it (the row that goes into metrics.csv). */
    default void onEpochEnd(TrainerContext ctx, int epoch, Map<String, Double> metrics) {}

    default void onFitEnd(TrainerContext ctx, FitResult result) {}

    /** When the run fails (a diverged loss, an exception from the task); the error is rethrown after. */
    default void onException(TrainerContext ctx, Throwable error) {}

    /** Key of this callback's state in a checkpoint; must be unique among a run's callbacks. */
    default String stateKey() {
        return getClass().getSimpleName();
    }

    /** State to checkpoint (empty when the callback has none). */
    default Map<String, Object> state() {
        return Map.of();
    }

    /** Restores what {@link #state()} returned, on resume. */
    default void loadState(Map<String, Object> state) {}
}
