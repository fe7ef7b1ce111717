package io.principia.examples.graph.grand;

import java.util.Locale;

/**
 * How a run's test accuracy is read off (spec §1.4). Both keep the test accuracy at the best
 * validation accuracy; they differ in what is searched.
 */
public enum Protocol {
    /** The test accuracy at time T of the epoch with the best validation accuracy. */
    FINAL_TIME("final-time", "test accuracy at time T of the epoch with the best validation accuracy"),
    /**
     * The reference code's test-time early stopping: after each epoch, integrate to
     * factor·T, decode at every grid point, and keep the test accuracy at the best validation
     * accuracy over (epoch, time). Models without a time axis fall back to {@link #FINAL_TIME}.
     */
    EARLY_STOP_TIME("early-stop", "test accuracy at the validation-selected (epoch, time), integrating to %s·T at eval (reference test-time early stopping)");

    public final String id;
    private final String description;

    Protocol(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** A sentence for the tables. */
    public String describe(double factor) {
        return String.format(Locale.ROOT, description, factor);
    }

    public static Protocol parse(String s) {
        for (Protocol p : values()) {
            if (p.id.equals(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown protocol '" + s + "', expected final-time or early-stop");
    }
}
