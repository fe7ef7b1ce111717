package io.principia.core.optim;

/**
 * The one-cycle policy (Smith and Topin), as {@code torch.optim.lr_scheduler.OneCycleLR} with
 * {@code three_phase=False, anneal_strategy='cos'}. With T = totalSteps, lr₀ = maxLr/divFactor,
 * lr_min = lr₀/finalDivFactor and the peak step P = pctStart·T − 1:
 * <pre>
 *   lr(t) = cos(lr₀ → maxLr,   t/P)              for t ≤ P
 *   lr(t) = cos(maxLr → lr_min, (t − P)/(T − 1 − P))  for t &gt; P
 *   cos(a → b, x) = b + (a − b)·(1 + cos(π·x))/2
 * </pre>
 * so lr(0) = lr₀, lr(P) = maxLr (P need not be an integer) and lr(T − 1) = lr_min. Like PyTorch,
 * a step beyond T is an error.
 */
public record OneCycle(double maxLr, long totalSteps, double pctStart, double divFactor, double finalDivFactor)
        implements LrSchedule {
    public OneCycle {
        Schedules.requireLr("OneCycle", "maxLr", maxLr);
        if (totalSteps <= 1) {
            throw new IllegalArgumentException("OneCycle: totalSteps must be > 1, got " + totalSteps);
        }
        if (!(pctStart > 0 && pctStart < 1) || !(pctStart * totalSteps > 1)) {
            throw new IllegalArgumentException("OneCycle: pctStart must be in (0, 1) with pctStart·totalSteps > 1 (a warmup"
                    + " phase at least one step long), got pctStart " + pctStart + " for totalSteps " + totalSteps);
        }
        if (!(divFactor > 0) || Double.isInfinite(divFactor)) {
            throw new IllegalArgumentException("OneCycle: divFactor must be a finite number > 0, got " + divFactor);
        }
        if (!(finalDivFactor > 0) || Double.isInfinite(finalDivFactor)) {
            throw new IllegalArgumentException("OneCycle: finalDivFactor must be a finite number > 0, got " + finalDivFactor);
        }
    }

    /** PyTorch defaults: pctStart 0.3, divFactor 25, finalDivFactor 1e4. */
    public OneCycle(double maxLr, long totalSteps) {
        this(maxLr, totalSteps, 0.3, 25, 1e4);
    }

    public double initialLr() { return maxLr / divFactor; }

    public double minLr() { return initialLr() / finalDivFactor; }

    /** The (possibly fractional) step at which lr = maxLr. */
    public double peakStep() { return pctStart * totalSteps - 1; }

    @Override
    public double lr(long step) {
        Schedules.requireStep("OneCycle", step);
        if (step > totalSteps) {
            throw new IllegalArgumentException("OneCycle: step " + step + " is beyond totalSteps " + totalSteps);
        }
        double peak = peakStep();
        if (step <= peak) {
            return anneal(initialLr(), maxLr, step / peak);
        }
        return anneal(maxLr, minLr(), (step - peak) / (totalSteps - 1 - peak));
    }

    private static double anneal(double start, double end, double pct) {
        return end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
    }
}
