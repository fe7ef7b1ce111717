package io.principia.ode.models;

import io.principia.core.ops.Pointwise;
import io.principia.core.tensor.Tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * HBNODE and GHBNODE (Xia, Suliafu, Ji, Nguyen, Bertozzi, Osher and Wang, "Heavy Ball Neural
 * Ordinary Differential Equations", NeurIPS 2021): {@code h'' + γ h' = f(t, h)} as a first-order
 * system on z = [h, m] of shape [B, 2, *feat]. In the paper's convention (default)
 *
 * <pre>
 *   h' = σ(m)
 *   m' = -γ m + f(t, h) - ξ h,      γ = sigmoid(γ_raw) ∈ (0, 1),  ξ = softplus(corr)
 * </pre>
 *
 * HBNODE has σ = identity and ξ ≈ 0 (corr = -100 frozen); GHBNODE gates h' with tanh (or a
 * hardtanh) and learns ξ. {@link Convention#CODE} integrates the released code's form instead,
 * dh = σ(-m), dm = sign·f - γ m + ξ h, whose m is the negative of the paper's.
 *
 * <p>γ_raw is a learnable scalar (initially -3, γ₀ = 0.0474). A frozen corr is a buffer, so it is
 * neither trained nor counted in {@link #parameterCount()} nor differentiated by the adjoint
 * (the released code keeps a frozen {@code nn.Parameter}, which only ever gets zero gradient).
 */
public final class HeavyBallField extends NeuralField {
    private final Dynamics df;
    private final Tensor gammaRaw;
    private final Tensor corr;
    private final Gate gate;
    private final Convention convention;
    private final double sign;

    private HeavyBallField(Builder b) {
        this.df = registerModule("df", b.df);
        this.gammaRaw = registerParameter("gammaRaw", scalar(b.gammaInit, b.dtype));
        this.corr = b.corrLearnable ? registerParameter("corr", scalar(b.corrInit, b.dtype)) : registerBuffer("corr", scalar(b.corrInit, b.dtype));
        this.gate = b.gate;
        this.convention = b.convention;
        this.sign = b.sign;
    }

    /** A learnable or frozen scalar of shape [1] (PyTorch's {@code Tensor([v])}). */
    static INDArray scalar(double v, DataType dtype) {
        return Nd4j.createFromArray(v).castTo(dtype).reshape(1);
    }

    /** HBNODE: no gate, corr -100 frozen (ξ ≈ 3.7e-44), paper convention. */
    public static HeavyBallField hbnode(Dynamics df) {
        return builder(df).build();
    }

    /** GHBNODE with the MNIST settings: tanh gate, corr 2.0 learnable (ξ₀ = 2.127), paper convention. */
    public static HeavyBallField ghbnode(Dynamics df) {
        return builder(df).gate(Gate.tanh()).corr(2.0, true).build();
    }

    public static Builder builder(Dynamics df) {
        return new Builder(df);
    }

    @Override
    protected Tensor derivative(double t, Tensor z) {
        StackedState.check(convention == Convention.PAPER ? "HBNODE" : "HBNODE (code convention)", z);
        Tensor h = StackedState.position(z);
        Tensor m = StackedState.velocity(z);
        Tensor f = df.forward(t, h);
        if (sign != 1) {
            f = f.mul(sign);
        }
        Tensor gamma = gammaRaw.sigmoid(); // [1]
        Tensor xi = Pointwise.softplus(corr); // [1]
        if (convention == Convention.PAPER) {
            Tensor dh = gate.apply(m);
            Tensor dm = f.sub(m.mul(gamma)).sub(h.mul(xi));
            return StackedState.of(dh, dm);
        }
        Tensor dh = gate.apply(m.neg());
        Tensor dm = f.sub(m.mul(gamma)).add(h.mul(xi));
        return StackedState.of(dh, dm);
    }

    /** γ = sigmoid(γ_raw). */
    public double gamma() {
        return gammaRaw.sigmoid().item();
    }

    /** ξ = softplus(corr). */
    public double xi() {
        return Pointwise.softplus(corr).item();
    }

    public Tensor gammaRaw() { return gammaRaw; }

    public Tensor corr() { return corr; }

    public Convention convention() { return convention; }

    public Gate gate() { return gate; }

    @Override
    public String toString() {
        return (gate.isIdentity() ? "HBNODE" : "GHBNODE") + "(gate=" + gate + ", convention=" + convention + ", " + df + ")";
    }

    /** Settings of a heavy-ball field; defaults are HBNODE's. */
    public static final class Builder {
        private final Dynamics df;
        private double gammaInit = -3.0;
        private double corrInit = -100.0;
        private boolean corrLearnable;
        private Gate gate = Gate.identity();
        private Convention convention = Convention.PAPER;
        private double sign = 1.0;
        private DataType dtype = DataType.FLOAT;

        private Builder(Dynamics df) {
            if (df == null) {
                throw new IllegalArgumentException("HBNODE: df is null");
            }
            this.df = df;
        }

        /** Initial γ_raw (γ = sigmoid(γ_raw)); default -3. */
        public Builder gammaInit(double raw) {
            if (!Double.isFinite(raw)) {
                throw new IllegalArgumentException("HBNODE: gammaInit must be finite, got " + raw);
            }
            this.gammaInit = raw;
            return this;
        }

        /** Initial corr (ξ = softplus(corr)) and whether it trains; default -100, frozen. */
        public Builder corr(double init, boolean learnable) {
            if (Double.isNaN(init) || init == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("HBNODE: corr must be a number below +infinity, got " + init);
            }
            this.corrInit = init;
            this.corrLearnable = learnable;
            return this;
        }

        public Builder gate(Gate g) {
            this.gate = g == null ? Gate.identity() : g;
            return this;
        }

        public Builder convention(Convention c) {
            this.convention = c;
            return this;
        }

        /** The released code's {@code sign} on f (±1); the paper convention uses it too. */
        public Builder sign(double s) {
            if (s != 1 && s != -1) {
                throw new IllegalArgumentException("HBNODE: sign must be +1 or -1, got " + s);
            }
            this.sign = s;
            return this;
        }

        /** Data type of γ_raw and corr (that of the state); default float32. */
        public Builder dtype(DataType d) {
            this.dtype = d;
            return this;
        }

        public HeavyBallField build() {
            return new HeavyBallField(this);
        }
    }
}
