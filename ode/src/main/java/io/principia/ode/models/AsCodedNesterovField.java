package io.principia.ode.models;

import io.principia.core.ops.Pointwise;
import io.principia.core.tensor.Tensor;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The NesterovNODE that the released code integrates (spec rnn_ode.md 4.2, {@code base.py:
 * NesterovNODE} and {@code calc_algebraic_factor}); a different model from {@link NesterovField},
 * whose results must be labelled "as coded". On z = [z0, z1] of shape [B, 2, *feat]:
 *
 * <pre>
 *   M   = r'(t) z0 + r(t) z1                    (x' computed as if z were (h, h'))
 *   dz0 = σ_h(M)
 *   dz1 = σ_dm(σ_m(sign·σ_f(f(t, z0)) - M) - ξ z0)
 * </pre>
 *
 * with r, r' of {@link NesterovTransform}. The field reads z as (h, h') but returns (x', m'), the
 * initial state is never converted ({@link #toSolverState} is the identity) and f sees z0, not
 * k·z0. After the solve, {@link #fromSolverState} applies {@code calc_algebraic_factor} at T:
 *
 * <pre>
 *   k  = σ_k(T^{-p/2} e^{T/2})
 *   h  = σ_out(k z0)
 *   dh = σ_out(k (z1 - (p/(2T) T^{p/2} e^{-T/2} - 1/(2k)) h))
 * </pre>
 *
 * which is base.py's p = 3 form for any p; the CIFAR copy writes the bracket as (p/(2T) - 1/2)/k,
 * which differs only when σ_k changes k.
 */
public final class AsCodedNesterovField extends NeuralField {
    private final Dynamics df;
    private final NesterovTransform transform;
    private final Gate actvH;
    private final Gate actvM;
    private final Gate actvDm;
    private final Gate actvDf;
    private final Gate actvK;
    private final Gate actvOutput;
    private final Tensor corr;
    private final double sign;

    AsCodedNesterovField(Dynamics df, NesterovTransform transform, Gate actvH, Gate actvM, Gate actvDm, Gate actvDf, Gate actvK,
                         Gate actvOutput, Tensor corr, boolean corrLearnable, double sign) {
        this.df = registerModule("df", df);
        this.transform = transform;
        this.actvH = actvH;
        this.actvM = actvM;
        this.actvDm = actvDm;
        this.actvDf = actvDf;
        this.actvK = actvK;
        this.actvOutput = actvOutput;
        this.corr = corrLearnable ? registerParameter("corr", corr.data()) : registerBuffer("corr", corr.data());
        this.sign = sign;
    }

    @Override
    protected Tensor derivative(double t, Tensor z) {
        StackedState.check("NesterovNODE (as coded)", z);
        Tensor z0 = StackedState.position(z);
        Tensor z1 = StackedState.velocity(z);
        Tensor bigM = z0.mul(transform.rPrime(t)).add(z1.mul(transform.r(t)));
        Tensor f = actvDf.apply(df.forward(t, z0));
        if (sign != 1) {
            f = f.mul(sign);
        }
        Tensor dz0 = actvH.apply(bigM);
        Tensor dz1 = actvDm.apply(actvM.apply(f.sub(bigM)).sub(z0.mul(Pointwise.softplus(corr))));
        return StackedState.of(dz0, dz1);
    }

    /** calc_algebraic_factor at T: (z0, z1) -> (h, dh). */
    @Override
    public Tensor fromSolverState(double t1, Tensor z) {
        StackedState.check("NesterovNODE (as coded)", z);
        double k = actvK.apply(Tensor.scalar(transform.k(t1), DataType.DOUBLE)).item(); // float64, whatever the state
        double p = transform.p();
        double bracket = p / (2 * t1) * Math.pow(t1, p / 2) * Math.exp(-t1 / 2) - 1 / (2 * k);
        Tensor h = actvOutput.apply(StackedState.position(z).mul(k));
        Tensor dh = actvOutput.apply(StackedState.velocity(z).sub(h.mul(bracket)).mul(k));
        return StackedState.of(h, dh);
    }

    public NesterovTransform transform() { return transform; }

    @Override
    public String toString() {
        return "NesterovNODE(as coded, p=" + transform.p() + ", actv_h=" + actvH + ", actv_df=" + actvDf + ", actv_k=" + actvK
                + ", " + df + ")";
    }
}
