package io.principia.ode;

import io.principia.core.autograd.Grad;
import io.principia.core.nn.Module;
import io.principia.core.ops.Slicing;
import io.principia.core.tensor.Tensor;
import io.principia.ode.solvers.OdeSolver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Solves {@code dy/dt = f(t, y)} for a tensor state y from the first requested time to each of
 * the others, forwards or backwards in time, with gradients by backprop through the solver or by
 * the adjoint method. The one entry point of the ode module, after torchdiffeq's {@code odeint}
 * and {@code odeint_adjoint}:
 *
 * <pre>{@code
 * OdeSolution sol = Odeint.of(field).method(Method.DOPRI5).tolerances(1e-5, 1e-5)
 *         .gradient(GradientMode.ADJOINT).solve(y0, 0.0, 1.0);
 * Tensor y1 = sol.last();              // shape of y0
 * sol.stats().nfeForward();
 * }</pre>
 *
 * Defaults are torchdiffeq's: dopri5, rtol 1e-7, atol 1e-9, integral step control with safety
 * 0.9, growth at most 10x and shrink at most 5x per step, RMS error norm over the whole state.
 * The adjoint's method and tolerances default to the forward ones; its error norm covers the
 * state, the adjoint state and the parameter adjoints (torchdiffeq's default) or, with
 * {@link #adjointSeminorm(boolean)}, only the first two (Kidger et al. 2021).
 *
 * <p>An instance holds settings only; it may be kept in a model and reused for every solve.
 */
public final class Odeint {
    private final VectorField field;
    private Method method = Method.DOPRI5;
    private double rtol = 1e-7;
    private double atol = 1e-9;
    private double stepSize = Double.NaN;
    private double firstStep = Double.NaN;
    private double maxStep = Double.POSITIVE_INFINITY;
    private int maxSteps = Integer.MAX_VALUE;
    private StepController controller = StepController.integral();
    private ErrorNorm norm = ErrorNorm.RMS;
    private GradientMode gradient = GradientMode.BACKPROP;
    private Method adjointMethod;
    private double adjointRtol = Double.NaN;
    private double adjointAtol = Double.NaN;
    private boolean adjointSeminorm;
    private List<Tensor> adjointParams;
    private long gcThresholdBytes = Long.getLong("principia.ode.gcThresholdMb", 64L) << 20;

    private Odeint(VectorField field) {
        if (field == null) {
            throw new IllegalArgumentException("vector field is null");
        }
        this.field = field;
    }

    public static Odeint of(VectorField field) {
        return new Odeint(field);
    }

    public Odeint method(Method m) {
        this.method = m;
        return this;
    }

    public Odeint method(String name) {
        return method(Method.parse(name));
    }

    public Odeint rtol(double v) {
        this.rtol = positive("rtol", v);
        return this;
    }

    public Odeint atol(double v) {
        this.atol = positive("atol", v);
        return this;
    }

    public Odeint tolerances(double rtol, double atol) {
        return rtol(rtol).atol(atol);
    }

    /** Step size for fixed-grid methods (without one they step exactly between the requested times). */
    public Odeint stepSize(double h) {
        this.stepSize = positive("stepSize", h);
        return this;
    }

    public Odeint firstStep(double h) {
        this.firstStep = positive("firstStep", h);
        return this;
    }

    public Odeint maxStep(double h) {
        this.maxStep = positive("maxStep", h);
        return this;
    }

    public Odeint maxSteps(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxSteps must be at least 1, got " + n);
        }
        this.maxSteps = n;
        return this;
    }

    public Odeint controller(StepController c) {
        this.controller = c;
        return this;
    }

    public Odeint norm(ErrorNorm n) {
        this.norm = n;
        return this;
    }

    public Odeint gradient(GradientMode mode) {
        this.gradient = mode;
        return this;
    }

    public Odeint adjoint() {
        return gradient(GradientMode.ADJOINT);
    }

    public Odeint adjointMethod(Method m) {
        this.adjointMethod = m;
        return this;
    }

    public Odeint adjointTolerances(double rtol, double atol) {
        this.adjointRtol = positive("adjoint rtol", rtol);
        this.adjointAtol = positive("adjoint atol", atol);
        return this;
    }

    /** Leave the parameter adjoints out of the backward solve's error norm. */
    public Odeint adjointSeminorm(boolean on) {
        this.adjointSeminorm = on;
        return this;
    }

    /**
     * The tensors the adjoint method differentiates. Defaults to the field's parameters when it is
     * a {@link Module}; a field written as a lambda must list what it closes over here, or those
     * tensors get no gradient.
     */
    public Odeint adjointParams(List<Tensor> params) {
        this.adjointParams = List.copyOf(params);
        return this;
    }

    /**
     * Native memory growth (bytes) after which a solve asks for a garbage collection; ND4J frees
     * array memory only when the collector runs, so without this an adjoint solve of many steps
     * holds every intermediate until the next collection. Default 64 MB (system property
     * {@code principia.ode.gcThresholdMb}); 0 turns it off.
     */
    public Odeint collectGarbageAbove(long bytes) {
        this.gcThresholdBytes = bytes;
        return this;
    }

    public Method method() { return method; }

    public GradientMode gradientMode() { return gradient; }

    public double rtol() { return rtol; }

    public double atol() { return atol; }

    /** y at each of {@code times} (at least two, strictly increasing or strictly decreasing). */
    public OdeSolution solve(Tensor y0, double... times) {
        return solve(y0, times, null);
    }

    /**
     * As {@link #solve(Tensor, double...)} with the times as a 1-D tensor; when it requires a
     * gradient, dL/dt_i = g_i · f(t_i, y_i) for the later times and dL/dt_0 = -a(t_0) · f(t_0, y_0),
     * the exact flow's derivatives.
     */
    public OdeSolution solve(Tensor y0, Tensor times) {
        if (times.rank() != 1) {
            throw new IllegalArgumentException("times must be a 1-D tensor, got shape " + Arrays.toString(times.shape()));
        }
        return solve(y0, times.data().toDoubleVector(), times.requiresGrad() ? times : null);
    }

    private OdeSolution solve(Tensor y0, double[] times, Tensor timeTensor) {
        checkTimes(times);
        if (y0 == null || !y0.dtype().isFPType()) {
            throw new IllegalArgumentException("y0 must be a floating-point tensor, got " + (y0 == null ? "null" : y0.dtype()));
        }
        if (method.adaptive() && (!(rtol > 0) || !(atol > 0))) {
            throw new IllegalArgumentException("rtol and atol must be positive, got " + rtol + ", " + atol);
        }
        SolveStats stats = new SolveStats();
        if (gradient == GradientMode.ADJOINT) {
            return new AdjointSolve(this, stats).run(y0, times, timeTensor, resolvedAdjointParams());
        }
        Tensor start = timeTensor == null ? y0 : TimeGradients.anchorStart(this, y0, times, timeTensor, stats);
        List<Tensor> ys = integrate(start, times, stats, false, method, rtol, atol, norm);
        ys.set(0, y0);
        Tensor stacked = Slicing.stack(0, ys.toArray(new Tensor[0]));
        if (timeTensor != null) {
            stacked = TimeGradients.tapOutputs(this, stacked, times, timeTensor, stats);
        }
        return new OdeSolution(stacked, stats);
    }

    /** The solver run shared by forward solves and the adjoint's backward solves. */
    List<Tensor> integrate(Tensor y0, double[] times, SolveStats stats, boolean backwardPass, Method m,
                           double rt, double at, ErrorNorm errorNorm) {
        return integrate(field, y0, times, stats, backwardPass, m, rt, at, errorNorm);
    }

    List<Tensor> integrate(VectorField f, Tensor y0, double[] times, SolveStats stats, boolean backwardPass, Method m,
                           double rt, double at, ErrorNorm errorNorm) {
        boolean reverse = times[1] < times[0];
        double[] s = reverse ? Arrays.stream(times).map(t -> -t).toArray() : times;
        VectorField g = reverse ? (t, y) -> f.apply(-t, y).neg() : f;
        SolveContext ctx = new SolveContext(g, rt, at, stepSize, firstStep, maxStep, maxSteps, controller, errorNorm, stats,
                backwardPass, reverse ? -1 : 1, gcThresholdBytes);
        OdeSolver solver = m.solver();
        return new ArrayList<>(solver.integrate(y0, s, ctx));
    }

    VectorField field() { return field; }

    Method adjointMethodOrDefault() { return adjointMethod != null ? adjointMethod : method; }

    double adjointRtolOrDefault() { return Double.isNaN(adjointRtol) ? rtol : adjointRtol; }

    double adjointAtolOrDefault() { return Double.isNaN(adjointAtol) ? atol : adjointAtol; }

    boolean adjointSeminorm() { return adjointSeminorm; }

    private List<Tensor> resolvedAdjointParams() {
        List<Tensor> source = adjointParams != null ? adjointParams
                : field instanceof Module mod ? mod.parameters() : List.of();
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : source) {
            if (p.requiresGrad()) {
                out.add(p);
            }
        }
        return out;
    }

    /** f(t, y) on plain data, without recording (for the time gradients). */
    INDArray evalData(double t, INDArray y) {
        try (var off = Grad.off()) {
            return field.apply(t, Tensor.of(y)).data();
        }
    }

    static void checkTimes(double[] times) {
        if (times == null || times.length < 2) {
            throw new IllegalArgumentException("need at least two times (start and end), got "
                    + (times == null ? "none" : Arrays.toString(times)));
        }
        for (double t : times) {
            if (!Double.isFinite(t)) {
                throw new IllegalArgumentException("times must be finite, got " + Arrays.toString(times));
            }
        }
        double dir = Math.signum(times[1] - times[0]);
        for (int i = 1; i < times.length; i++) {
            double d = times[i] - times[i - 1];
            if (d == 0) {
                throw new IllegalArgumentException("duplicate time " + times[i] + " at positions " + (i - 1) + " and " + i
                        + " in " + Arrays.toString(times) + "; times must be strictly increasing or strictly decreasing");
            }
            if (Math.signum(d) != dir) {
                throw new IllegalArgumentException("times are not monotone at position " + i + " (" + times[i - 1] + " then "
                        + times[i] + ") in " + Arrays.toString(times) + "; they must be strictly increasing or strictly decreasing");
            }
        }
    }

    private static double positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v) && !name.equals("maxStep")) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
        }
        return v;
    }

    static INDArray zerosLike(Tensor t) {
        return Nd4j.zeros(t.dtype(), t.shape());
    }
}
