package io.principia.core.optim;

/**
 * lr(t) = minLr + (baseLr − minLr)·(1 + cos(π·t/T))/2 for t ≤ T = totalSteps, and minLr after T.
 * This is the closed form of {@code torch.optim.lr_scheduler.CosineAnnealingLR} (T_max = T,
 * eta_min = minLr) up to T; PyTorch's closed form would rise again after T, this one stays at minLr.
 */
public record CosineAnnealing(double baseLr, long totalSteps, double minLr) implements LrSchedule {
    public CosineAnnealing {
        Schedules.requireLr("CosineAnnealing", "baseLr", baseLr);
        Schedules.requireLr("CosineAnnealing", "minLr", minLr);
        if (totalSteps <= 0) {
            throw new IllegalArgumentException("CosineAnnealing: totalSteps must be > 0, got " + totalSteps);
        }
    }

    /** Anneals to 0. */
    public CosineAnnealing(double baseLr, long totalSteps) {
        this(baseLr, totalSteps, 0);
    }

    @Override
    public double lr(long step) {
        Schedules.requireStep("CosineAnnealing", step);
        if (step >= totalSteps) {
            return minLr;
        }
        return minLr + (baseLr - minLr) * (1 + Math.cos(Math.PI * step / totalSteps)) / 2;
    }
}
