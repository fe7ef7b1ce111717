package io.principia.examples.ode;

import io.principia.core.nn.Linear;
import io.principia.core.nn.Module;
import io.principia.core.ops.Pointwise;
import io.principia.core.ops.Slicing;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;
import io.principia.ode.models.Dynamics;
import io.principia.ode.models.Formulation;
import io.principia.ode.models.Gate;
import io.principia.ode.models.HeavyBallField;
import io.principia.ode.models.NesterovNode;
import io.principia.ode.models.NeuralField;
import io.principia.ode.models.NodeField;
import io.principia.ode.models.OdeBlock;
import io.principia.ode.models.SolverConfig;
import io.principia.ode.models.SonodeField;
import io.principia.ode.models.StackedState;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The point-cloud classifiers of the NesterovNODE repository ({@code nested_n_spheres.py}, spec
 * §3.3): an ODE block over t ∈ [1, 2] and a decoder {@code hardtanh(Linear(state → 1), ±1)}. The
 * learned f is time-dependent, {@code fc3(elu(fc2(elu(fc1([t, z])))))}:
 * <pre>
 *   NODE          z(1) = x,                           f: 3 → 20 → 20 → 2
 *   ANODE         z(1) = [x, 0],                      f: 4 → 20 → 20 → 3, decoder on 3 dims
 *   SONODE        z(1) = [x, v0(x)],                  f([y, y']): 5 → 13 → 13 → 2
 *   HBNODE        h' = m, m' = −σ(γ)m + f(h)          f: 3 → 14 → 14 → 2
 *   GHBNODE       h' = hardtanh(m, ±0.5), m' = −σ(γ)m + f(h) − 2h
 *   NesterovNODE  as coded (spec §4.2, the point-cloud variant): sign −1 on f, ξ = 0
 *   GNesterovNODE as coded, hardtanh(±5) on M, on f and on k, ξ = 0.5
 * </pre>
 * where the second-order models get their initial velocity from
 * {@code v0 = fc3(ht(fc2(ht(fc1(x)))))}, ht = hardtanh(±5), of width nhid, and the decoder reads the
 * position only. The released code keeps the velocity in the second half of the batch; here it is
 * channel 1 of [B, 2, d], which is the same per-sample computation.
 */
final class SphereModel extends Module {

    enum Kind {
        NODE("node", "NODE", 20), ANODE("anode", "ANODE", 20), SONODE("sonode", "SONODE", 13), HBNODE("hbnode", "HBNODE", 14),
        GHBNODE("ghbnode", "GHBNODE", 14), NESTEROV("nesterovnode", "NesterovNODE", 14), GNESTEROV("gnesterovnode", "GNesterovNODE", 14);

        final String cliName;
        final String displayName;
        final int nhid;

        Kind(String cliName, String displayName, int nhid) {
            this.cliName = cliName;
            this.displayName = displayName;
            this.nhid = nhid;
        }

        boolean secondOrder() { return this != NODE && this != ANODE; }

        static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.cliName.equalsIgnoreCase(s.trim())) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown model '" + s + "'; known: " + Arrays.stream(values()).map(k -> k.cliName).toList());
        }
    }

    final Kind kind;
    private final int dim;
    private final Module velocity;
    private final OdeBlock block;
    private final Linear decoder;

    SphereModel(Kind kind, int dim, SolverConfig solver, Rng rng) {
        this.kind = kind;
        this.dim = dim;
        int n = kind.nhid, width = kind == Kind.ANODE ? dim + 1 : dim;
        NeuralField field = switch (kind) {
            case NODE, ANODE -> new NodeField(new TimeMlp(width, n, width, rng));
            case SONODE -> new SonodeField(new TimeMlp(2 * dim, n, dim, rng));
            case HBNODE -> HeavyBallField.builder(new TimeMlp(dim, n, dim, rng)).dtype(DataType.DOUBLE).build();
            case GHBNODE -> HeavyBallField.builder(new TimeMlp(dim, n, dim, rng)).gate(Gate.hardtanh(0.5))
                    .corr(Math.log(Math.expm1(2.0)), false).dtype(DataType.DOUBLE).build();
            case NESTEROV -> NesterovNode.builder(new TimeMlp(dim, n, dim, rng)).formulation(Formulation.AS_CODED).sign(-1)
                    .dtype(DataType.DOUBLE).build();
            case GNESTEROV -> NesterovNode.builder(new TimeMlp(dim, n, dim, rng)).formulation(Formulation.AS_CODED).sign(-1)
                    .gate(Gate.hardtanh(5)).forceGate(Gate.hardtanh(5))
                    .asCodedActivations(Gate.identity(), Gate.identity(), Gate.hardtanh(5), Gate.identity())
                    .corr(Math.log(Math.expm1(0.5)), false).dtype(DataType.DOUBLE).build();
        };
        this.velocity = kind.secondOrder() ? registerModule("velocity", new VelocityMlp(dim, n, rng)) : null;
        this.block = registerModule("block", new OdeBlock(field, 1.0, 2.0, solver));
        this.decoder = registerModule("decoder", new Linear(width, 1, true, rng, DataType.DOUBLE));
    }

    /** Predictions in [−1, 1], [B, 1]. */
    Tensor forward(Tensor x) {
        Tensor z0;
        if (kind == Kind.ANODE) {
            z0 = Slicing.concat(1, x, Tensor.of(Nd4j.zeros(x.dtype(), x.size(0), 1))); // [B, d + 1]
        } else if (velocity != null) {
            z0 = StackedState.of(x, ((VelocityMlp) velocity).forward(x)); // [B, 2, d]
        } else {
            z0 = x;
        }
        Tensor z1 = block.forward(z0);
        Tensor features = velocity != null ? StackedState.position(z1) : z1; // [B, d] or [B, d + 1]
        return Pointwise.clamp(decoder.forward(features), -1, 1);
    }

    OdeBlock block() { return block; }

    /** f(t, z) = fc3(elu(fc2(elu(fc1([t, z]))))). */
    static final class TimeMlp extends Dynamics {
        private final Linear fc1;
        private final Linear fc2;
        private final Linear fc3;

        TimeMlp(int in, int hidden, int out, Rng rng) {
            fc1 = registerModule("fc1", new Linear(in + 1, hidden, true, rng, DataType.DOUBLE));
            fc2 = registerModule("fc2", new Linear(hidden, hidden, true, rng, DataType.DOUBLE));
            fc3 = registerModule("fc3", new Linear(hidden, out, true, rng, DataType.DOUBLE));
        }

        @Override
        public Tensor forward(double t, Tensor z) {
            Tensor tcol = Tensor.of(Nd4j.valueArrayOf(new long[] {z.size(0), 1}, t, z.dtype())); // [B, 1]
            Tensor h = Pointwise.elu(fc1.forward(Slicing.concat(1, tcol, z))); // [B, hidden]
            return fc3.forward(Pointwise.elu(fc2.forward(h)));
        }
    }

    /** v0(x) = fc3(ht(fc2(ht(fc1(x))))), ht = hardtanh(±5). */
    static final class VelocityMlp extends Module {
        private final Linear fc1;
        private final Linear fc2;
        private final Linear fc3;

        VelocityMlp(int dim, int hidden, Rng rng) {
            fc1 = registerModule("fc1", new Linear(dim, hidden, true, rng, DataType.DOUBLE));
            fc2 = registerModule("fc2", new Linear(hidden, hidden, true, rng, DataType.DOUBLE));
            fc3 = registerModule("fc3", new Linear(hidden, dim, true, rng, DataType.DOUBLE));
        }

        Tensor forward(Tensor x) {
            Tensor h = Pointwise.clamp(fc1.forward(x), -5, 5);
            return fc3.forward(Pointwise.clamp(fc2.forward(h), -5, 5));
        }
    }
}
