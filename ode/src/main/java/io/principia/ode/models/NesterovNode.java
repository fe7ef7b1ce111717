package io.principia.ode.models;

import io.principia.core.tensor.Tensor;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Builds NesterovNODE and GNesterovNODE fields in either {@link Formulation}:
 *
 * <pre>{@code
 * NeuralField clean = NesterovNode.builder(df).build();                        // spec 4.1, p = 3
 * NeuralField gated = NesterovNode.gnesterov(df);                              // tanh gate, learnable ξ
 * NeuralField coded = NesterovNode.builder(df).formulation(Formulation.AS_CODED).sign(-1).build();
 * }</pre>
 *
 * Defaults: CLEAN, p = 3, no gates, corr -100 frozen (ξ ≈ 0), sign +1, float32 scalars. For
 * AS_CODED, {@link #gate} is the code's actv_h (on M) and {@link #forceGate} its actv_df.
 */
public final class NesterovNode {
    private final Dynamics df;
    private Formulation formulation = Formulation.CLEAN;
    private double p = 3;
    private Gate gate = Gate.identity();
    private Gate forceGate = Gate.identity();
    private Gate actvM = Gate.identity();
    private Gate actvDm = Gate.identity();
    private Gate actvK = Gate.identity();
    private Gate actvOutput = Gate.identity();
    private double corrInit = -100;
    private boolean corrLearnable;
    private double sign = 1;
    private DataType dtype = DataType.FLOAT;

    private NesterovNode(Dynamics df) {
        if (df == null) {
            throw new IllegalArgumentException("NesterovNODE: df is null");
        }
        this.df = df;
    }

    public static NesterovNode builder(Dynamics df) {
        return new NesterovNode(df);
    }

    /** Clean NesterovNODE, p = 3, ξ ≈ 0. */
    public static NesterovField nesterov(Dynamics df) {
        return (NesterovField) builder(df).build();
    }

    /** Clean GNesterovNODE: tanh on x', corr 2.0 learnable (see {@link NesterovField}). */
    public static NesterovField gnesterov(Dynamics df) {
        return (NesterovField) builder(df).gate(Gate.tanh()).corr(2.0, true).build();
    }

    public NesterovNode formulation(Formulation f) {
        this.formulation = f;
        return this;
    }

    /** The damping factor p in p/t; positive. Default 3. */
    public NesterovNode p(double value) {
        new NesterovTransform(value); // validates
        this.p = value;
        return this;
    }

    /** CLEAN: σ on x'. AS_CODED: actv_h on M. */
    public NesterovNode gate(Gate g) {
        this.gate = orIdentity(g);
        return this;
    }

    /** σ_f on f (the code's actv_df). */
    public NesterovNode forceGate(Gate g) {
        this.forceGate = orIdentity(g);
        return this;
    }

    /** AS_CODED only: the code's actv_m, actv_dm, actv_k and activation on the outputs. */
    public NesterovNode asCodedActivations(Gate m, Gate dm, Gate k, Gate output) {
        this.actvM = orIdentity(m);
        this.actvDm = orIdentity(dm);
        this.actvK = orIdentity(k);
        this.actvOutput = orIdentity(output);
        return this;
    }

    /** ξ = softplus(corr): initial corr and whether it trains. Default -100, frozen. */
    public NesterovNode corr(double init, boolean learnable) {
        if (Double.isNaN(init) || init == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("NesterovNODE: corr must be a number below +infinity, got " + init);
        }
        this.corrInit = init;
        this.corrLearnable = learnable;
        return this;
    }

    public NesterovNode sign(double s) {
        if (s != 1 && s != -1) {
            throw new IllegalArgumentException("NesterovNODE: sign must be +1 or -1, got " + s);
        }
        this.sign = s;
        return this;
    }

    public NesterovNode dtype(DataType d) {
        this.dtype = d;
        return this;
    }

    public NeuralField build() {
        NesterovTransform transform = new NesterovTransform(p);
        Tensor corr = Tensor.of(HeavyBallField.scalar(corrInit, dtype));
        if (formulation == Formulation.CLEAN) {
            if (!actvM.isIdentity() || !actvDm.isIdentity() || !actvK.isIdentity() || !actvOutput.isIdentity()) {
                throw new IllegalArgumentException("NesterovNODE: actv_m, actv_dm, actv_k and the output activation exist only in "
                        + "the AS_CODED formulation, but the formulation is CLEAN");
            }
            return new NesterovField(df, transform, gate, forceGate, corr, corrLearnable, sign);
        }
        return new AsCodedNesterovField(df, transform, gate, actvM, actvDm, forceGate, actvK, actvOutput, corr, corrLearnable, sign);
    }

    private static Gate orIdentity(Gate g) {
        return g == null ? Gate.identity() : g;
    }
}
