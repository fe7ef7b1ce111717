package io.principia.core.optim;

/**
 * lr(t) = baseLr · γ^⌊t / stepSize⌋: the rate drops by γ every {@code stepSize} optimizer steps,
 * as {@code torch.optim.lr_scheduler.StepLR} stepped once per optimizer step. For epochs, pass
 * stepSize = epochs × steps per epoch.
 */
public record StepLr(double baseLr, long stepSize, double gamma) implements LrSchedule {
    public StepLr {
        Schedules.requireLr("StepLr", "baseLr", baseLr);
        if (stepSize <= 0) {
            throw new IllegalArgumentException("StepLr: stepSize must be > 0, got " + stepSize);
        }
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("StepLr: gamma must be a finite number >= 0, got " + gamma);
        }
    }

    @Override
    public double lr(long step) {
        Schedules.requireStep("StepLr", step);
        return baseLr * Math.pow(gamma, step / stepSize);
    }
}
