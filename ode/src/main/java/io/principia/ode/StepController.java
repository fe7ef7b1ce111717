package io.principia.ode;

/**
 * Chooses the next step size from the error ratio of the step just tried (accepted when the
 * ratio is at most 1). Controllers may remember earlier ratios, so each solve takes a fresh one
 * from {@link #fresh()}.
 */
public interface StepController {

    /** The next step size after trying {@code dt} with the given error ratio. */
    double next(double dt, double errorRatio, boolean accepted, int order);

    /** A controller with the same settings and no memory of earlier steps. */
    StepController fresh();

    /**
     * torchdiffeq's integral controller (the default): factor = min(ifactor, max(safety · r^(-1/q),
     * dfactor)), where dfactor is replaced by 1 for an accepted step, so an accepted step never
     * shrinks the next one; r = 0 multiplies by ifactor.
     */
    static StepController integral(double safety, double ifactor, double dfactor) {
        return new IntegralController(safety, ifactor, dfactor);
    }

    /** {@link #integral} with torchdiffeq's defaults: safety 0.9, ifactor 10, dfactor 0.2. */
    static StepController integral() {
        return integral(0.9, 10.0, 0.2);
    }

    /**
     * A proportional-integral controller in diffrax's form: factor = safety · r_n^(-(β_I + β_P)/q) ·
     * r_(n-1)^(β_P/q), clipped to [1, factorMax] after an accepted step and [factorMin, safety]
     * after a rejected one. Söderlind's (β_P, β_I) = (0.4, 0.3) is a common choice.
     */
    static StepController pi(double pcoeff, double icoeff) {
        return new PiController(pcoeff, icoeff, 0.9, 0.2, 10.0);
    }

    /** See {@link #integral(double, double, double)}. */
    record IntegralController(double safety, double ifactor, double dfactor) implements StepController {
        public IntegralController {
            if (!(safety > 0 && safety <= 1) || !(ifactor >= 1) || !(dfactor > 0 && dfactor <= 1)) {
                throw new IllegalArgumentException("step controller needs 0 < safety <= 1, ifactor >= 1 and 0 < dfactor <= 1, got safety "
                        + safety + ", ifactor " + ifactor + ", dfactor " + dfactor);
            }
        }

        @Override
        public double next(double dt, double r, boolean accepted, int order) {
            if (r == 0) {
                return dt * ifactor;
            }
            double lower = r < 1 ? 1.0 : dfactor;
            double factor = Math.min(ifactor, Math.max(safety / Math.pow(r, 1.0 / order), lower));
            return dt * factor;
        }

        @Override
        public StepController fresh() { return this; }
    }

    /** See {@link #pi(double, double)}. */
    final class PiController implements StepController {
        private final double pcoeff;
        private final double icoeff;
        private final double safety;
        private final double factorMin;
        private final double factorMax;
        private double previous = 1.0;

        PiController(double pcoeff, double icoeff, double safety, double factorMin, double factorMax) {
            if (pcoeff < 0 || icoeff <= 0) {
                throw new IllegalArgumentException("PI controller needs pcoeff >= 0 and icoeff > 0, got " + pcoeff + ", " + icoeff);
            }
            this.pcoeff = pcoeff;
            this.icoeff = icoeff;
            this.safety = safety;
            this.factorMin = factorMin;
            this.factorMax = factorMax;
        }

        @Override
        public double next(double dt, double r, boolean accepted, int order) {
            double rn = Math.max(r, 1e-10);
            double factor = safety * Math.pow(rn, -(icoeff + pcoeff) / order) * Math.pow(previous, pcoeff / order);
            if (accepted) {
                factor = Math.min(factorMax, Math.max(1.0, factor));
                previous = rn;
            } else {
                factor = Math.min(safety, Math.max(factorMin, factor));
            }
            return dt * factor;
        }

        @Override
        public StepController fresh() { return new PiController(pcoeff, icoeff, safety, factorMin, factorMax); }
    }
}
