package io.principia.ode.models;

import io.principia.core.nn.Module;
import io.principia.core.tensor.Tensor;
import io.principia.ode.OdeSolution;
import io.principia.ode.Odeint;
import io.principia.ode.SolveStats;

/**
 * A layer that integrates a model's field from t0 to t1 and returns the state at t1 (the
 * papers' {@code NODElayer}): z(t1) = fromSolverState(solve(toSolverState(z0))). The HBNODE
 * repository integrates over [0, 1], the NesterovNODE repository over [1, 2] for every model.
 *
 * <p>It remembers the last call's {@link SolveStats}: {@link #lastNfeForward()} right after the
 * call, {@link #lastNfeBackward()} once backward has run (the adjoint's backward solve; 0 when
 * gradients are backpropagated through the solver, which evaluates no f backward).
 */
public final class OdeBlock extends Module {
    private final NeuralField field;
    private final double t0;
    private final double t1;
    private final Odeint odeint;
    private SolveStats lastStats;

    public OdeBlock(NeuralField field, double t0, double t1, SolverConfig config) {
        if (!Double.isFinite(t0) || !Double.isFinite(t1) || t0 == t1) {
            throw new IllegalArgumentException("OdeBlock: need finite, distinct t0 and t1, got " + t0 + ", " + t1);
        }
        this.field = registerModule("field", field);
        this.t0 = t0;
        this.t1 = t1;
        this.odeint = config.odeint(field);
    }

    /** z(t1) for z(t0) = z0. */
    public Tensor forward(Tensor z0) {
        Tensor start = field.toSolverState(t0, z0);
        OdeSolution sol = odeint.solve(start, t0, t1);
        lastStats = sol.stats();
        return field.fromSolverState(t1, sol.last());
    }

    /** The solver settings, for options beyond {@link SolverConfig} (e.g. a seminorm adjoint). */
    public Odeint odeint() { return odeint; }

    public NeuralField field() { return field; }

    public double t0() { return t0; }

    public double t1() { return t1; }

    public int lastNfeForward() {
        return lastStats == null ? 0 : lastStats.nfeForward();
    }

    public int lastNfeBackward() {
        return lastStats == null ? 0 : lastStats.nfeBackward();
    }

    public SolveStats lastStats() { return lastStats; }

    @Override
    public String toString() {
        return "OdeBlock([" + t0 + ", " + t1 + "], " + odeint.method().id() + ", rtol=" + odeint.rtol() + ", atol=" + odeint.atol()
                + ", " + odeint.gradientMode() + ", " + field + ")";
    }
}
