package io.principia.ode.models;

/**
 * Which NesterovNODE is integrated (spec rnn_ode.md 4.1 vs 4.2). Results of the two are
 * different models and must be labelled separately.
 *
 * <ul>
 *   <li>{@link #CLEAN}: the paper's mathematics, {@link NesterovField}.</li>
 *   <li>{@link #AS_CODED}: the released code's hybrid, {@link AsCodedNesterovField}.</li>
 * </ul>
 */
public enum Formulation {
    CLEAN,
    AS_CODED
}
