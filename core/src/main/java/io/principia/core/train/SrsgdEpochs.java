package io.principia.core.train;

import io.principia.core.optim.Srsgd;
import io.principia.core.optim.SrsgdSchedule;

/**
 * Runs an {@link SrsgdSchedule} inside {@link Trainer#fit}: at the start of each epoch e where the
 * official scripts rebuild SRSGD, it sets lr(e) and R(e) and drops the momentum buffers
 * ({@link SrsgdSchedule#apply}).
 *
 * <p>Idempotent: when the optimizer already has lr(e) and R(e), the epoch's rebuild has happened
 * and it does nothing. A run resumed from a mid-epoch checkpoint fires {@code onEpochStart} for
 * that epoch a second time; the optimizer state restored from the checkpoint already holds the new
 * settings, so the buffers built since the rebuild are kept and the resumed run matches the
 * uninterrupted one. (A schedule whose consecutive stages have the same lr and R, γ = 1 with equal
 * periods, therefore skips that rebuild.)
 */
public final class SrsgdEpochs implements Callback {
    private final Srsgd optimizer;
    private final SrsgdSchedule schedule;

    public SrsgdEpochs(Srsgd optimizer, SrsgdSchedule schedule) {
        if (optimizer == null || schedule == null) {
            throw new IllegalArgumentException("SrsgdEpochs: optimizer and schedule must not be null");
        }
        this.optimizer = optimizer;
        this.schedule = schedule;
    }

    @Override
    public void onEpochStart(TrainerContext ctx, int epoch) {
        apply(epoch);
    }

    /** Rebuilds at {@code epoch} unless the schedule does not or the optimizer already has that epoch's settings; returns whether it did. */
    public boolean apply(int epoch) {
        if (!schedule.rebuildsAt(epoch)) {
            return false;
        }
        if (optimizer.lr() == schedule.lr(epoch) && optimizer.restartPeriod() == schedule.restartPeriod(epoch)) {
            return false;                                   // already applied (a resumed epoch)
        }
        return schedule.apply(optimizer, epoch);
    }
}
