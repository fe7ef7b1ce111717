package io.principia.core.train;

/** Whether a monitored metric improves downwards (a loss) or upwards (an accuracy). */
public enum Mode {
    MIN, MAX;

    /** True when {@code candidate} beats {@code best} by more than {@code minDelta}; any finite value beats NaN. */
    public boolean improves(double candidate, double best, double minDelta) {
        if (Double.isNaN(candidate)) {
            return false;
        }
        if (Double.isNaN(best)) {
            return true;
        }
        return this == MIN ? candidate < best - minDelta : candidate > best + minDelta;
    }
}
