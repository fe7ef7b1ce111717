package io.principia.core.optim;

/** lr(t) = lr for every step t. */
public record Constant(double lr) implements LrSchedule {
    public Constant {
        Schedules.requireLr("Constant", "lr", lr);
    }

    @Override
    public double lr(long step) {
        Schedules.requireStep("Constant", step);
        return lr;
    }
}
