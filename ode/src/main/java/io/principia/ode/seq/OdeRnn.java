package io.principia.ode.seq;

import io.principia.core.nn.Layer;
import io.principia.core.nn.Module;
import io.principia.core.ops.Slicing;
import io.principia.core.tensor.Tensor;
import io.principia.ode.OdeFunction;
import io.principia.ode.OdeSolution;
import io.principia.ode.SolveStats;
import io.principia.ode.models.NeuralField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.factory.Nd4j;

/**
 * ODE-RNN for irregularly sampled sequences (Rubanova, Chen &amp; Duvenaud, NeurIPS 2019), in the
 * form the Heavy-Ball NODE paper (Xia et al., NeurIPS 2021, spec §3.3,
 * {@code ODE_RNN_with_Grad_Listener}) trains its HBNODE-RNN, NODE-RNN, ANODE-RNN and SONODE-RNN
 * with. For observations i = 0 … T−1 with gaps Δt_i:
 * <pre>
 *   h_rnn[i]   = rnn(h_ode[i], x_i)                                       (discrete jump)
 *   h_ode[i+1] = ODESolve(Δt_i · f, h_rnn[i], s ∈ [s0, s0 + 1])          (= the flow of f over Δt_i)
 * </pre>
 * where the per-sample factor Δt_i (the official {@code elem_t}, {@link TimeScaledField}) lets one
 * unit-interval solve cover a different interval for every sample. s0 is 0 for the HB repo and 1
 * for the Nesterov repo (its field is singular at t = 0). h_ode[0] is zero, or {@code ic} applied
 * to the whole window flattened to [B, T·d].
 *
 * <p>When the cell is a {@link NeuralField} that integrates a transformed state (NesterovNODE, spec
 * §4.1-4.2), every interval maps the model state into the solver's at s0
 * ({@link NeuralField#toSolverState}) and back at s0 + 1 ({@link NeuralField#fromSolverState},
 * e.g. the algebraic output map {@code calc_algebraic_factor}), so the jumps and the read-out see
 * the model state (h, h'). The map is applied to the end state [B, *S] as one batch of samples,
 * all at time s0 + 1. The released code applies it to {@code odeint(...)[-1]} as if its leading
 * axis were time, so batch row 0 stays untransformed and the other rows are transformed with T = 2
 * (spec §4.2, defect 1); that bug is not reproduced here.
 *
 * <p>A forecast continues the last state with unit gaps, one unit-interval solve per step: the
 * states after 0, 1, …, F − 1 further units (the official {@code multiforecast = arange(F)}, so
 * forecast[0] is h_ode[T] itself). For an autonomous field this equals the official single solve
 * over [0, F − 1]; for a Nesterov field it keeps every step inside [s0, s0 + 1], where k(t) is
 * regular.
 *
 * <p>Shapes: x [B, T, d] and Δt [B, T] batch-first; outputs are stacked time-first.
 */
public final class OdeRnn extends Module {
    /** All states of one pass, time-first; {@link #forecast} is null when none was asked for. */
    public record Result(Tensor hRnn, Tensor hOde, Tensor forecast, List<SolveStats> stats) {
        /** Function evaluations of every forward solve of this pass. */
        public int nfeForward() {
            return stats.stream().mapToInt(SolveStats::nfeForward).sum();
        }

        /** Function evaluations of the adjoint solves (zero with backprop; read it after backward). */
        public int nfeBackward() {
            return stats.stream().mapToInt(SolveStats::nfeBackward).sum();
        }
    }

    private final OdeFunction cell;
    private final ObservationJump rnn;
    private final Layer ic;
    private final long[] stateShape;
    private final double s0;
    private final SolverSettings solver;

    /**
     * @param cell       the field f(t, y) for states [B, *stateShape]
     * @param rnn        the jump at each observation
     * @param ic         maps the window [B, T·d] to the initial state [B, prod(stateShape)]; null for zeros
     * @param stateShape the per-sample state shape, e.g. {nhid} or {2, nhid}
     * @param s0         start of the unit solve interval (0 for HB, 1 for Nesterov)
     * @param solver     how each interval is solved
     */
    public OdeRnn(OdeFunction cell, ObservationJump rnn, Layer ic, long[] stateShape, double s0, SolverSettings solver) {
        if (stateShape.length == 0 || Arrays.stream(stateShape).anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("state shape must be non-empty and positive, got " + Arrays.toString(stateShape));
        }
        if (!Double.isFinite(s0)) {
            throw new IllegalArgumentException("s0 must be finite, got " + s0);
        }
        this.cell = registerModule("cell", cell);
        this.rnn = registerModule("rnn", rnn);
        this.ic = ic == null ? null : registerModule("ic", ic);
        this.stateShape = stateShape.clone();
        this.s0 = s0;
        this.solver = solver;
    }

    public OdeFunction cell() { return cell; }

    public long[] stateShape() { return stateShape.clone(); }

    /**
     * Runs the sequence.
     *
     * @param dt       gaps Δt [B, T], finite and &gt; 0
     * @param x        observations [B, T, d]
     * @param forecast number of forecast states F (0 for none)
     */
    public Result forward(Tensor dt, Tensor x, int forecast) {
        check(dt, x, forecast);
        int b = (int) x.size(0), steps = (int) x.size(1);
        long[] batchState = batchShape(b);
        Tensor h;
        if (ic != null) {
            Tensor flat = x.reshape(b, steps * x.size(2)); // [B, T·d]
            h = ic.forward(flat).reshape(batchState); // [B, *S]
        } else {
            h = Tensor.of(Nd4j.zeros(x.dtype(), batchState));
        }
        List<SolveStats> stats = new ArrayList<>();
        Tensor[] hRnn = new Tensor[steps];
        Tensor[] hOde = new Tensor[steps + 1];
        hOde[0] = h;
        for (int i = 0; i < steps; i++) {
            Tensor xi = x.slice(1, i, i + 1).squeeze(1); // [B, d]
            Tensor dti = dt.slice(1, i, i + 1).squeeze(1); // [B]
            hRnn[i] = rnn.forward(hOde[i], xi);
            hOde[i + 1] = unitSolve(hRnn[i], dti, stats);
        }
        Tensor fc = null;
        if (forecast > 0) {
            Tensor[] states = new Tensor[forecast];
            states[0] = hOde[steps];
            Tensor ones = Tensor.of(Nd4j.ones(dt.dtype(), b));
            for (int k = 1; k < forecast; k++) {
                states[k] = unitSolve(states[k - 1], ones, stats);
            }
            fc = Slicing.stack(0, states); // [F, B, *S]
        }
        return new Result(Slicing.stack(0, hRnn), Slicing.stack(0, hOde), fc, stats);
    }

    /** The state after one gap Δt per sample: a solve of Δt·f over [s0, s0 + 1], with the field's state maps. */
    private Tensor unitSolve(Tensor state, Tensor dt, List<SolveStats> stats) {
        NeuralField nf = cell instanceof NeuralField f ? f : null;
        if (nf != null && nf.timeScale() != null) {
            throw new IllegalStateException("the cell already has its own time scale (elem_t); OdeRnn rescales by Δt itself, "
                    + "so clear it with timeScale(null)");
        }
        Tensor start = nf == null ? state : nf.toSolverState(s0, state);
        OdeSolution sol = solver.odeint(new TimeScaledField(cell, dt, state.rank())).solve(start, s0, s0 + 1);
        stats.add(sol.stats());
        return nf == null ? sol.last() : nf.fromSolverState(s0 + 1, sol.last());
    }

    private long[] batchShape(int b) {
        long[] s = new long[stateShape.length + 1];
        s[0] = b;
        System.arraycopy(stateShape, 0, s, 1, stateShape.length);
        return s;
    }

    private static void check(Tensor dt, Tensor x, int forecast) {
        if (x.rank() != 3) {
            throw new IllegalArgumentException("x must be [B, T, d], got shape " + Arrays.toString(x.shape()));
        }
        if (dt.rank() != 2 || dt.size(0) != x.size(0) || dt.size(1) != x.size(1)) {
            throw new IllegalArgumentException("Δt must be [B, T] = " + Arrays.toString(new long[] {x.size(0), x.size(1)})
                    + " to match x, got " + Arrays.toString(dt.shape()));
        }
        if (x.size(1) < 1) {
            throw new IllegalArgumentException("need at least one observation, got T = 0");
        }
        if (forecast < 0) {
            throw new IllegalArgumentException("forecast length must be >= 0, got " + forecast);
        }
        double[] v = dt.data().dup().reshape(dt.length()).toDoubleVector();
        for (int k = 0; k < v.length; k++) {
            if (!(v[k] > 0) || Double.isInfinite(v[k])) {
                throw new IllegalArgumentException("Δt must be finite and > 0, got " + v[k] + " at sample " + k / x.size(1)
                        + ", step " + k % x.size(1));
            }
        }
    }
}
