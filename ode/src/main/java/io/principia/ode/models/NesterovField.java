package io.principia.ode.models;

import io.principia.core.ops.Pointwise;
import io.principia.core.tensor.Tensor;

/**
 * NesterovNODE (Nguyen, Nguyen, Vo, Osher and Vo, "Improving Neural Ordinary Differential
 * Equations with Nesterov's Accelerated Gradient Method", NeurIPS 2022), the clean model of spec
 * rnn_ode.md 4.1: the Nesterov ODE {@code h'' + (p/t) h' = f(t, h) - ξ h}, integrated after the
 * change of variables h = k(t) x (see {@link NesterovTransform}) as the constant-damping system
 * on z = [x, m] of shape [B, 2, *feat]:
 *
 * <pre>
 *   x' = σ(m)
 *   m' = -m - q(t) x + r(t) σ_f(f(t, k x)) - ξ x      (r ξ k x = ξ x)
 * </pre>
 *
 * The model's state is (h, h'): {@link #toSolverState} maps it at t0 to x = r h,
 * m = r' h + r h', and {@link #fromSolverState} maps back at t1 with the algebraic relation
 * h = k x, h' = k (x' - r' h), which is exactly dh/dt. With σ = σ_f = identity and ξ = 0 this is
 * the Nesterov ODE, exactly.
 *
 * <p><b>GNesterovNODE (this library's choice for the clean model).</b> σ = tanh on x' and a
 * learnable ξ (corr 2.0, ξ₀ = 2.127), mirroring GHBNODE: the gate bounds the position's velocity
 * and ξ adds a restoring force. Because the output relation uses x' = σ(m), h' stays the true
 * derivative of h. m at t0 is initialised as if ungated (m = x'); σ_f (on f) is available but
 * off by default. The released code's GNesterovNODE is a different model (see
 * {@link AsCodedNesterovField}).
 */
public final class NesterovField extends NeuralField {
    private final Dynamics df;
    private final NesterovTransform transform;
    private final Gate gate;
    private final Gate forceGate;
    private final Tensor corr;
    private final double sign;

    NesterovField(Dynamics df, NesterovTransform transform, Gate gate, Gate forceGate, Tensor corr, boolean corrLearnable,
                  double sign) {
        this.df = registerModule("df", df);
        this.transform = transform;
        this.gate = gate;
        this.forceGate = forceGate;
        this.corr = corrLearnable ? registerParameter("corr", corr.data()) : registerBuffer("corr", corr.data());
        this.sign = sign;
    }

    @Override
    protected Tensor derivative(double t, Tensor z) {
        StackedState.check("NesterovNODE", z);
        Tensor x = StackedState.position(z);
        Tensor m = StackedState.velocity(z);
        Tensor f = df.forward(t, x.mul(transform.k(t)));
        if (sign != 1) {
            f = f.mul(sign);
        }
        f = forceGate.apply(f);
        Tensor xi = Pointwise.softplus(corr); // [1]
        Tensor dx = gate.apply(m);
        Tensor dm = f.mul(transform.r(t)).sub(m).sub(x.mul(transform.q(t))).sub(x.mul(xi));
        return StackedState.of(dx, dm);
    }

    /** (h, h') at t0 -> (x, m) = (r h, r' h + r h'). */
    @Override
    public Tensor toSolverState(double t0, Tensor z) {
        StackedState.check("NesterovNODE", z);
        Tensor h = StackedState.position(z);
        Tensor dh = StackedState.velocity(z);
        double r = transform.r(t0);
        return StackedState.of(h.mul(r), h.mul(transform.rPrime(t0)).add(dh.mul(r)));
    }

    /** (x, m) at t1 -> (h, h') = (k x, k (σ(m) - r' h)). */
    @Override
    public Tensor fromSolverState(double t1, Tensor z) {
        StackedState.check("NesterovNODE", z);
        double k = transform.k(t1);
        Tensor h = StackedState.position(z).mul(k);
        Tensor dh = gate.apply(StackedState.velocity(z)).sub(h.mul(transform.rPrime(t1))).mul(k);
        return StackedState.of(h, dh);
    }

    public NesterovTransform transform() { return transform; }

    public double xi() {
        return Pointwise.softplus(corr).item();
    }

    @Override
    public String toString() {
        return (gate.isIdentity() && forceGate.isIdentity() ? "NesterovNODE" : "GNesterovNODE") + "(clean, p=" + transform.p()
                + ", gate=" + gate + ", forceGate=" + forceGate + ", " + df + ")";
    }
}
