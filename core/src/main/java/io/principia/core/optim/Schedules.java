package io.principia.core.optim;

/** Argument checks shared by the schedules. */
final class Schedules {
    private Schedules() {}

    static void requireStep(String schedule, long step) {
        if (step < 0) {
            throw new IllegalArgumentException(schedule + ": step must be >= 0, got " + step);
        }
    }

    static void requireLr(String schedule, String setting, double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(schedule + ": " + setting + " must be a finite number >= 0, got " + lr);
        }
    }
}
