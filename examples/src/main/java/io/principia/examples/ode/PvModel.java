package io.principia.examples.ode;

import io.principia.core.nn.Activation;
import io.principia.core.nn.Layer;
import io.principia.core.nn.Linear;
import io.principia.core.nn.MLP;
import io.principia.core.nn.Module;
import io.principia.core.ops.Losses;
import io.principia.core.ops.Slicing;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;
import io.principia.ode.OdeFunction;
import io.principia.ode.models.Convention;
import io.principia.ode.models.Dynamics;
import io.principia.ode.models.Gate;
import io.principia.ode.models.HeavyBallField;
import io.principia.ode.models.NesterovNode;
import io.principia.ode.models.NodeField;
import io.principia.ode.models.SonodeField;
import io.principia.ode.seq.ObservationJump;
import io.principia.ode.seq.OdeRnn;
import io.principia.ode.seq.SolverSettings;

import java.util.Arrays;
import java.util.Locale;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The plane-vibration forecasters of the Heavy-Ball NODE paper (Xia et al., NeurIPS 2021, spec
 * §3.3, {@code plane_vibration/*_rnn_pv.py}): an {@link OdeRnn} whose jump adds a linear map of
 * the state and of the observation to the state (a residual), an {@code ic} that maps the whole
 * window [B, 64·5] to the initial state, and {@code outlayer = Linear(nhid → 5)} on the h channel.
 * Sizes are matched at about 16 k parameters:
 * <pre>
 *   NODE    nhid 21, state [21],    df = 21→63→84→21 (ReLU), jump h + W_h h + W_x x
 *   ANODE   nhid 27, state [27],    as NODE, but ic = Linear(320 → 5) padded with 22 zeros
 *   SONODE  nhid 19, state [2, 19], df = [y, v] 38→38→19→19, HB jump (below)
 *   HBNODE  nhid 20, state [2, 20], df = h 20→20→20→20, ξ = softplus(corr), corr₀ = 0 learnable
 *   GHBNODE as HBNODE with h' = tanh(−m)
 *   NesterovNODE / GNesterovNODE: the clean field of spec §4.1 (p = 3, ξ ≈ 0; the G variant with a
 *           tanh gate and learnable ξ, corr₀ = 2) on h with HBNODE's df and jump, solved over [1, 2].
 *           The HB repo has no Nesterov plane-vibration model; this pairing is ours.
 *   HB jump: [h, m] + reshape(W_p h + W_q m + W_x x, [2, nhid])
 * </pre>
 * The outputs: reconstruction outlayer(h_rnn[i]) of x_i, next-step prediction outlayer(h_ode[i+1])
 * of y_i, and the forecast outlayer(state at s0 + k), k = 0 … F − 1.
 */
final class PvModel extends Module {

    /** The model families and their matched sizes. */
    enum Kind {
        NODE("node", "NODE-RNN", 21),
        ANODE("anode", "ANODE-RNN", 27),
        SONODE("sonode", "SONODE-RNN", 19),
        HBNODE("hbnode", "HBNODE-RNN", 20),
        GHBNODE("ghbnode", "GHBNODE-RNN", 20),
        NESTEROV("nesterovnode", "NesterovNODE-RNN", 20),
        GNESTEROV("gnesterovnode", "GNesterovNODE-RNN", 20);

        final String cliName;
        final String displayName;
        final int nhid;

        Kind(String cliName, String displayName, int nhid) {
            this.cliName = cliName;
            this.displayName = displayName;
            this.nhid = nhid;
        }

        boolean secondOrder() { return this != NODE && this != ANODE; }

        /** Start of the unit solve interval: 1 for the Nesterov fields (k(t) is singular at 0), else 0. */
        double s0() { return this == NESTEROV || this == GNESTEROV ? 1.0 : 0.0; }

        static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.cliName.equalsIgnoreCase(s.trim())) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown model '" + s + "'; known: "
                    + Arrays.stream(values()).map(k -> k.cliName).toList());
        }
    }

    /** Reconstructions and predictions [B, T, 5], forecast [B, F, 5], and the pass's solver record. */
    record Outputs(Tensor reconstruction, Tensor prediction, Tensor forecast, OdeRnn.Result states) {
        /** 0.1·(next-step MSE + reconstruction MSE) + forecast MSE (the official training loss). */
        Tensor loss(PlaneVibrationData.Windows w) {
            Tensor seq = Losses.mse(prediction, w.y()).add(Losses.mse(reconstruction, w.x()));
            return seq.mul(0.1).add(Losses.mse(forecast, w.forecast()));
        }
    }

    final Kind kind;
    private final OdeRnn odeRnn;
    private final Linear out;

    PvModel(Kind kind, int window, SolverSettings solver, Rng rng) {
        this.kind = kind;
        int n = kind.nhid, d = PlaneVibrationData.CHANNELS;
        DataType f64 = DataType.DOUBLE;
        OdeFunction cell;
        ObservationJump jump;
        Layer ic;
        long[] state;
        switch (kind) {
            case NODE, ANODE -> {
                cell = new NodeField(Dynamics.of(new MLP(new int[] {n, 3 * n, 4 * n, n}, Activation::relu, 0, rng, f64)));
                jump = new ResidualJump(n, d, rng);
                ic = kind == Kind.NODE ? new Linear(window * d, n, true, rng, f64) : new PaddedIc(window * d, d, n, rng);
                state = new long[] {n};
            }
            case SONODE -> {
                cell = new SonodeField(Dynamics.of(new MLP(new int[] {2 * n, 2 * n, n, n}, Activation::relu, 0, rng, f64)));
                jump = new HeavyBallJump(n, d, rng);
                ic = new Linear(window * d, 2 * n, true, rng, f64);
                state = new long[] {2, n};
            }
            default -> {
                Dynamics df = Dynamics.of(new MLP(new int[] {n, n, n, n}, Activation::relu, 0, rng, f64));
                cell = switch (kind) {
                    case HBNODE -> HeavyBallField.builder(df).convention(Convention.CODE).corr(0.0, true).dtype(f64).build();
                    case GHBNODE -> HeavyBallField.builder(df).convention(Convention.CODE).corr(0.0, true).gate(Gate.tanh())
                            .dtype(f64).build();
                    case NESTEROV -> NesterovNode.builder(df).dtype(f64).build();
                    default -> NesterovNode.builder(df).gate(Gate.tanh()).corr(2.0, true).dtype(f64).build();
                };
                jump = new HeavyBallJump(n, d, rng);
                ic = new Linear(window * d, 2 * n, true, rng, f64);
                state = new long[] {2, n};
            }
        }
        this.odeRnn = registerModule("odeRnn", new OdeRnn(cell, jump, ic, state, kind.s0(), solver));
        this.out = registerModule("out", new Linear(n, d, true, rng, f64));
    }

    /** Multiplies every parameter by {@code factor} (the official {@code pre_shrink}, 0.01). */
    PvModel shrink(double factor) {
        for (Tensor p : parameters()) {
            p.data().muli(factor);
        }
        return this;
    }

    Outputs forward(Tensor dt, Tensor x, int forecast) {
        OdeRnn.Result r = odeRnn.forward(dt, x, forecast);
        long steps = x.size(1);
        Tensor recon = readOut(r.hRnn()); // [B, T, 5]
        Tensor pred = readOut(r.hOde().slice(0, 1, steps + 1)); // [B, T, 5]
        Tensor fc = readOut(r.forecast()); // [B, F, 5]
        return new Outputs(recon, pred, fc, r);
    }

    /** outlayer on the h channel: [T, B, *S] -> [B, T, 5]. */
    private Tensor readOut(Tensor states) {
        Tensor h = kind.secondOrder() ? states.slice(2, 0, 1).squeeze(2) : states; // [T, B, n]
        return out.forward(h).permute(1, 0, 2); // [T, B, 5] -> [B, T, 5]
    }

    String describe() {
        return String.format(Locale.ROOT, "nhid %d, %d params", kind.nhid, parameterCount());
    }

    /** h + W_h h + W_x x for a state [B, n]. */
    static final class ResidualJump extends ObservationJump {
        private final Linear wx;
        private final Linear wh;

        ResidualJump(int n, int d, Rng rng) {
            wx = registerModule("wx", new Linear(d, n, true, rng, DataType.DOUBLE));
            wh = registerModule("wh", new Linear(n, n, true, rng, DataType.DOUBLE));
        }

        @Override
        public Tensor forward(Tensor h, Tensor x) {
            return wh.forward(h).add(wx.forward(x)).add(h);
        }
    }

    /** [h, m] + reshape(W_p h + W_q m + W_x x, [2, n]) for a state [B, 2, n]. */
    static final class HeavyBallJump extends ObservationJump {
        private final Linear wx;
        private final Linear wp;
        private final Linear wq;
        private final int n;

        HeavyBallJump(int n, int d, Rng rng) {
            this.n = n;
            wx = registerModule("wx", new Linear(d, 2 * n, true, rng, DataType.DOUBLE));
            wp = registerModule("wp", new Linear(n, 2 * n, true, rng, DataType.DOUBLE));
            wq = registerModule("wq", new Linear(n, 2 * n, true, rng, DataType.DOUBLE));
        }

        @Override
        public Tensor forward(Tensor z, Tensor x) {
            long b = z.size(0);
            Tensor p = z.slice(1, 0, 1).squeeze(1); // [B, n]
            Tensor q = z.slice(1, 1, 2).squeeze(1); // [B, n]
            Tensor upd = wp.forward(p).add(wq.forward(q)).add(wx.forward(x)); // [B, 2n]
            return upd.reshape(b, 2, n).add(z); // [B, 2, n]
        }
    }

    /** ANODE's ic: Linear(in → d) then zeros up to n (the augmented dimensions start at 0). */
    static final class PaddedIc extends Layer {
        private final Linear lin;
        private final int pad;

        PaddedIc(int in, int d, int n, Rng rng) {
            lin = registerModule("lin", new Linear(in, d, true, rng, DataType.DOUBLE));
            pad = n - d;
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor y = lin.forward(x); // [B, d]
            return Slicing.concat(1, y, Tensor.of(Nd4j.zeros(y.dtype(), y.size(0), pad))); // [B, n]
        }
    }
}
