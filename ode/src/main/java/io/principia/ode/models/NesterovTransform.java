package io.principia.ode.models;

/**
 * The change of variables that turns the Nesterov ODE {@code h'' + (p/t) h' = f(h, t)} into a
 * constant-damping system (spec rnn_ode.md 4.1): with
 *
 * <pre>
 *   r(t) = t^{p/2} e^{-t/2},   k(t) = 1/r(t),   h = k x,
 *   x' = m,   m' = -m - q(t) x + r(t) f(k x, t),   q(t) = 1/4 - p(p-2)/(4t²),
 * </pre>
 *
 * and back, h = k x and h' = k (x' - r' h) with r'(t) = (p/(2t) - 1/2) r(t). Valid for t > 0.
 */
public record NesterovTransform(double p) {

    public NesterovTransform {
        if (!(p > 0) || Double.isInfinite(p)) {
            throw new IllegalArgumentException("Nesterov factor p must be positive and finite (damping p/t), got " + p);
        }
    }

    /** r(t) = t^{p/2} e^{-t/2}. */
    public double r(double t) {
        checkTime(t);
        return Math.pow(t, p / 2) * Math.exp(-t / 2);
    }

    /** k(t) = t^{-p/2} e^{t/2} = 1/r(t). */
    public double k(double t) {
        checkTime(t);
        return Math.pow(t, -p / 2) * Math.exp(t / 2);
    }

    /** r'(t) = (p/(2t) - 1/2) r(t). */
    public double rPrime(double t) {
        return (p / (2 * t) - 0.5) * r(t);
    }

    /** q(t) = 1/4 - p(p-2)/(4t²). */
    public double q(double t) {
        checkTime(t);
        return 0.25 - p * (p - 2) / (4 * t * t);
    }

    private void checkTime(double t) {
        if (!(t > 0)) {
            throw new IllegalArgumentException("NesterovNODE: k(t) = t^(-p/2) e^(t/2) is singular for t <= 0; integrate over "
                    + "positive times (the papers use [1, 2]), got t = " + t);
        }
    }
}
