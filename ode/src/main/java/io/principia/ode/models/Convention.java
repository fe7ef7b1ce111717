package io.principia.ode.models;

/**
 * Which sign convention a heavy-ball field's momentum uses (spec rnn_ode.md 3.1).
 *
 * <ul>
 *   <li>{@link #PAPER}: h' = σ(m), m' = -γ m + f(t, h) - ξ h (Xia et al. 2021).</li>
 *   <li>{@link #CODE}: the released {@code HeavyBallNODE}: dh = σ(-m), dm = sign·f(t, h) - γ m + ξ h.</li>
 * </ul>
 *
 * The two are the same model under m_paper = -m_code and f_paper = -sign·f_code (σ odd): a CODE
 * state [h, m] corresponds to the PAPER state [h, -m].
 */
public enum Convention {
    PAPER,
    CODE
}
