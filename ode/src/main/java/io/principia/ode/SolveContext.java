package io.principia.ode;

import io.principia.core.tensor.Tensor;
import io.principia.core.util.NativeMemory;

import java.util.Arrays;

/**
 * Everything a solver needs besides the state: the vector field (wrapped so that every call is
 * counted and its output checked), tolerances, step control and where to record statistics.
 * Solvers always integrate forwards in their own time s; {@link #realTime} maps s back to the
 * caller's time for messages when the solve runs backwards (s = -t).
 */
public final class SolveContext {
    private final VectorField field;
    private final double rtol;
    private final double atol;
    private final double stepSize;
    private final double firstStep;
    private final double maxStep;
    private final int maxSteps;
    private final StepController controller;
    private final ErrorNorm norm;
    private final SolveStats stats;
    private final boolean backward;
    private final double timeSign;
    private final NativeMemory.Watermark memory;

    public SolveContext(VectorField field, double rtol, double atol, double stepSize, double firstStep, double maxStep,
                        int maxSteps, StepController controller, ErrorNorm norm, SolveStats stats, boolean backward,
                        double timeSign, long gcThresholdBytes) {
        this.field = field;
        this.rtol = rtol;
        this.atol = atol;
        this.stepSize = stepSize;
        this.firstStep = firstStep;
        this.maxStep = maxStep;
        this.maxSteps = maxSteps;
        this.controller = controller.fresh();
        this.norm = norm;
        this.stats = stats;
        this.backward = backward;
        this.timeSign = timeSign;
        this.memory = NativeMemory.watermark(gcThresholdBytes);
    }

    /** f(s, y), counted as one function evaluation; its shape and type must match y's. */
    public Tensor eval(double s, Tensor y) {
        stats.addNfe(1, backward);
        memory.check();
        Tensor out;
        try {
            out = field.apply(s, y);
        } catch (SolverException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("vector field failed at t = " + realTime(s) + " on a state of " + y.dtype() + " "
                    + Arrays.toString(y.shape()) + ": " + e.getMessage(), e);
        }
        if (out == null) {
            throw new IllegalStateException("vector field returned null at t = " + realTime(s));
        }
        if (!Arrays.equals(out.shape(), y.shape()) || out.dtype() != y.dtype()) {
            throw new IllegalArgumentException("vector field at t = " + realTime(s) + " returned " + out.dtype() + " "
                    + Arrays.toString(out.shape()) + " for a state of " + y.dtype() + " " + Arrays.toString(y.shape())
                    + "; dy/dt must have the state's shape and data type");
        }
        return out;
    }

    public double rtol() { return rtol; }

    public double atol() { return atol; }

    /** Fixed-grid step size, or NaN to step exactly between the requested times. */
    public double stepSize() { return stepSize; }

    /** The first adaptive step, or NaN to choose it (Hairer, Nørsett and Wanner's algorithm). */
    public double firstStep() { return firstStep; }

    public double maxStep() { return maxStep; }

    public int maxSteps() { return maxSteps; }

    public StepController controller() { return controller; }

    public ErrorNorm norm() { return norm; }

    public SolveStats stats() { return stats; }

    public boolean backward() { return backward; }

    /** The caller's time for solver time s. */
    public double realTime(double s) { return timeSign * s; }

    /** The caller's step for a solver step. */
    public double realStep(double ds) { return timeSign * ds; }
}
