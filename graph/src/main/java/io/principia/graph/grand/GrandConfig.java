package io.principia.graph.grand;

import java.util.Locale;

import io.principia.ode.Method;

/**
 * Settings of a {@link Grand} model (spec §1.1-1.5): sizes, dropouts, which diffusion, the
 * attention, the diffusion time T, the solver, and the GRAND++ source. Fluent setters validate
 * their argument; {@link #cora()} and {@link #citeseer()} hold the reference's tuned values.
 */
public final class GrandConfig {
    /** How A is built (spec §1.2). */
    public enum Diffusion {
        /** GRAND-l: attention computed once per forward from the initial state, then held fixed. */
        LINEAR_ATTENTION("l"),
        /** GRAND-nl: attention recomputed from x(t) at every evaluation. */
        NONLINEAR_ATTENTION("nl"),
        /** The fixed column-stochastic 'rw' adjacency (the reference's "laplacian" function, block constant). */
        FIXED_RW("rw");

        public final String suffix;

        Diffusion(String suffix) { this.suffix = suffix; }

        public static Diffusion parse(String s) {
            for (Diffusion d : values()) {
                if (d.suffix.equals(s.trim().toLowerCase(Locale.ROOT))) {
                    return d;
                }
            }
            throw new IllegalArgumentException("unknown diffusion '" + s + "', expected l, nl or rw");
        }
    }

    private int hidden = 80;
    private double inputDropout = 0.5;
    private double dropout = 0.0;
    private Diffusion diffusion = Diffusion.LINEAR_ATTENTION;
    private int heads = 8;
    private int attentionDim = 128;
    private EdgeAttention.Normalize normalize = EdgeAttention.Normalize.BY_SOURCE;
    private double selfLoopWeight = 1.0;
    private double time = 1.0;
    private Method method = Method.RK4;
    private double stepSize = 1.0;
    private double rtol = 1e-7;
    private double atol = 1e-9;
    private boolean adjoint = false;
    private int maxSteps = 10_000;
    private double sourceScale = 1.0;
    private double icxb = 1.0;
    private boolean x0Source = false;

    /** Cora's best_params (spec §1.5), with rk4 at step 1 instead of dopri5 with tol_scale 822. */
    public static GrandConfig cora() {
        return new GrandConfig().hidden(80).inputDropout(0.5).dropout(0.0469).heads(8).attentionDim(128)
                .normalize(EdgeAttention.Normalize.BY_SOURCE).selfLoopWeight(1).time(18.29);
    }

    /** CiteSeer's best_params (spec §1.5), rk4 at step 1. */
    public static GrandConfig citeseer() {
        return new GrandConfig().hidden(80).inputDropout(0.6803).dropout(0.7488).heads(8).attentionDim(32)
                .normalize(EdgeAttention.Normalize.BY_SOURCE).selfLoopWeight(1).time(7.87);
    }

    /** Amazon Photo's best_params (spec §1.5), rk4 at step 1. */
    public static GrandConfig photo() {
        return new GrandConfig().hidden(64).inputDropout(0.4290).dropout(0.4650).heads(4).attentionDim(64)
                .normalize(EdgeAttention.Normalize.BY_TARGET).selfLoopWeight(0.0578).time(3.58);
    }

    public GrandConfig hidden(int d) { this.hidden = positive("hidden", d); return this; }

    public GrandConfig inputDropout(double p) { this.inputDropout = probability("inputDropout", p); return this; }

    public GrandConfig dropout(double p) { this.dropout = probability("dropout", p); return this; }

    public GrandConfig diffusion(Diffusion d) { this.diffusion = d; return this; }

    public GrandConfig heads(int h) { this.heads = positive("heads", h); return this; }

    public GrandConfig attentionDim(int d) { this.attentionDim = positive("attentionDim", d); return this; }

    public GrandConfig normalize(EdgeAttention.Normalize n) { this.normalize = n; return this; }

    /** Weight of the added self-loops in the 'rw' adjacency; 0 adds none (and attention then has none). */
    public GrandConfig selfLoopWeight(double w) {
        if (!(w >= 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException("selfLoopWeight must be finite and >= 0, got " + w);
        }
        this.selfLoopWeight = w;
        return this;
    }

    /** T, the end of the integration interval [0, T]. */
    public GrandConfig time(double t) {
        if (!(t > 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException("diffusion time T must be finite and > 0, got " + t);
        }
        this.time = t;
        return this;
    }

    public GrandConfig method(Method m) { this.method = m; return this; }

    /** Step of fixed-grid methods (rk4, euler, ...). */
    public GrandConfig stepSize(double h) {
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new IllegalArgumentException("stepSize must be finite and > 0, got " + h);
        }
        this.stepSize = h;
        return this;
    }

    /** Tolerances of adaptive methods (dopri5, ...). */
    public GrandConfig tolerances(double rtol, double atol) {
        if (!(rtol > 0) || !(atol > 0)) {
            throw new IllegalArgumentException("rtol and atol must be > 0, got " + rtol + ", " + atol);
        }
        this.rtol = rtol;
        this.atol = atol;
        return this;
    }

    public GrandConfig adjoint(boolean on) { this.adjoint = on; return this; }

    /** The cap on solver steps per solve (the reference's max_nfe, counted in steps). */
    public GrandConfig maxSteps(int n) { this.maxSteps = positive("maxSteps", n); return this; }

    /** s, the GRAND++ source strength (1 in the paper's runs; 0 turns the source off). */
    public GrandConfig sourceScale(double s) {
        if (!Double.isFinite(s)) {
            throw new IllegalArgumentException("sourceScale must be finite, got " + s);
        }
        this.sourceScale = s;
        return this;
    }

    /** GRAND++'s icxb: Z(0) = X0 + icxb · C (1 in the README command). */
    public GrandConfig icxb(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("icxb must be finite, got " + v);
        }
        this.icxb = v;
        return this;
    }

    /** GRAND's own {@code + β·x0} source in the field (reference {@code add_source}); off by default. */
    public GrandConfig x0Source(boolean on) { this.x0Source = on; return this; }

    public boolean x0Source() { return x0Source; }

    public int hidden() { return hidden; }

    public double inputDropout() { return inputDropout; }

    public double dropout() { return dropout; }

    public Diffusion diffusion() { return diffusion; }

    public int heads() { return heads; }

    public int attentionDim() { return attentionDim; }

    public EdgeAttention.Normalize normalize() { return normalize; }

    public double selfLoopWeight() { return selfLoopWeight; }

    public double time() { return time; }

    public Method method() { return method; }

    public double stepSize() { return stepSize; }

    public double rtol() { return rtol; }

    public double atol() { return atol; }

    public boolean adjoint() { return adjoint; }

    public int maxSteps() { return maxSteps; }

    public double sourceScale() { return sourceScale; }

    public double icxb() { return icxb; }

    /** A one-line description for tables. */
    public String describe() {
        String solver = method.adaptive() ? String.format(Locale.ROOT, "%s rtol %.0e atol %.0e", method.id(), rtol, atol)
                : String.format(Locale.ROOT, "%s h=%s", method.id(), stepSize);
        return String.format(Locale.ROOT, "GRAND-%s d=%d heads=%d att=%d T=%s %s%s%s", diffusion.suffix, hidden, heads, attentionDim,
                time, solver, adjoint ? " adjoint" : "", x0Source ? " +beta*x0" : "");
    }

    private static int positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
        return v;
    }

    private static double probability(String name, double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + p);
        }
        return p;
    }
}
