package io.principia.core.optim;

/**
 * A linear warmup in front of another schedule. With W = warmupSteps and start factor s:
 * <pre>
 *   lr(t) = inner.lr(0) · (s + (1 − s)·t/W)    for t &lt; W
 *   lr(t) = inner.lr(t − W)                     for t ≥ W
 * </pre>
 * The inner schedule's clock starts when the warmup ends (as in the Hugging Face warmup
 * schedules), so a {@code CosineAnnealing} over the remaining steps runs its full curve. With the
 * default s = 0 the very first step has lr 0.
 */
public record LinearWarmup(LrSchedule inner, long warmupSteps, double startFactor) implements LrSchedule {
    public LinearWarmup {
        if (inner == null) {
            throw new IllegalArgumentException("LinearWarmup: inner schedule is null");
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("LinearWarmup: warmupSteps must be >= 0, got " + warmupSteps);
        }
        if (!(startFactor >= 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("LinearWarmup: startFactor must be in [0, 1], got " + startFactor);
        }
    }

    /** Ramps from 0. */
    public LinearWarmup(LrSchedule inner, long warmupSteps) {
        this(inner, warmupSteps, 0);
    }

    @Override
    public double lr(long step) {
        Schedules.requireStep("LinearWarmup", step);
        if (step >= warmupSteps) {
            return inner.lr(step - warmupSteps);
        }
        return inner.lr(0) * (startFactor + (1 - startFactor) * step / warmupSteps);
    }
}
