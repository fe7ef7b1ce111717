package io.principia.core.optim;

/**
 * A learning rate as a pure function of the number of optimizer steps taken, so a schedule's
 * checkpoint state is just that count. Epoch-based schedules take steps-per-epoch up front.
 */
@FunctionalInterface
public interface LrSchedule {
    double lr(long step);
}
