package io.principia.ode.seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.nn.Layer;
import io.principia.core.nn.Linear;
import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;
import io.principia.core.util.Rng;
import io.principia.ode.GradientMode;
import io.principia.ode.Method;
import io.principia.ode.OdeFunction;
import io.principia.ode.models.NeuralField;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** ODE-RNN against closed forms of dy/dt = −a·y, a gradient check, and its input errors. */
class OdeRnnTest {

    /** f(t, y) = −a · y with a learnable scalar a. */
    static final class Decay extends OdeFunction {
        final Tensor a;

        Decay(double a) {
            this.a = registerParameter("a", Nd4j.scalar(DataType.DOUBLE, a));
        }

        @Override
        public Tensor forward(double t, Tensor y) {
            return y.mul(a).neg();
        }
    }

    /** h_rnn = h + x (state width = observation width). */
    static final class AddObservation extends ObservationJump {
        @Override
        public Tensor forward(Tensor state, Tensor x) {
            return state.add(x);
        }
    }

    /** h_rnn = tanh(W [h, x] + b) + h, a small learnable jump. */
    static final class LinearJump extends ObservationJump {
        final Linear lin;

        LinearJump(int h, int d, Rng rng) {
            lin = registerModule("lin", new Linear(h + d, h, true, rng, DataType.DOUBLE));
        }

        @Override
        public Tensor forward(Tensor state, Tensor x) {
            return lin.forward(io.principia.core.ops.Slicing.concat(1, state, x)).tanh().add(state);
        }
    }

    /** f(y) = tanh(W y + b) with learnable W, b. */
    static final class TanhField extends OdeFunction {
        final Linear lin;

        TanhField(int h, Rng rng) {
            lin = registerModule("lin", new Linear(h, h, true, rng, DataType.DOUBLE));
        }

        @Override
        public Tensor forward(double t, Tensor y) {
            return lin.forward(y).tanh();
        }
    }

    private static Tensor t(double[] v, long... shape) {
        return Tensor.of(Nd4j.create(v, shape, 'c'));
    }

    @Test
    void eachSampleDecaysOverItsOwnGap() {
        // two samples, gaps Δt = {0.5, 2.0} then {1.0, 0.25}; h_ode[i+1] = (h_ode[i] + x_i) e^{−Δt_i}
        double[][] dts = {{0.5, 1.0}, {2.0, 0.25}};
        double[][] xs = {{1.0, 3.0}, {-2.0, 0.5}};
        Tensor dt = t(new double[] {0.5, 1.0, 2.0, 0.25}, 2, 2);
        Tensor x = t(new double[] {1.0, 3.0, -2.0, 0.5}, 2, 2, 1);
        OdeRnn model = new OdeRnn(new Decay(1.0), new AddObservation(), null, new long[] {1}, 0.0,
                SolverSettings.dopri5(1e-10, GradientMode.BACKPROP));
        OdeRnn.Result r = model.forward(dt, x, 3);
        assertArrayEquals(new long[] {3, 2, 1}, r.hOde().shape());
        assertArrayEquals(new long[] {2, 2, 1}, r.hRnn().shape());
        for (int b = 0; b < 2; b++) {
            double h = 0;
            for (int i = 0; i < 2; i++) {
                assertEquals(h + xs[b][i], r.hRnn().data().getDouble(i, b, 0), 1e-8);
                h = (h + xs[b][i]) * Math.exp(-dts[b][i]);
                assertEquals(h, r.hOde().data().getDouble(i + 1, b, 0), 1e-8, "sample " + b + " step " + i);
            }
            for (int k = 0; k < 3; k++) { // forecast with unit gaps: h_T e^{−k}
                assertEquals(h * Math.exp(-k), r.forecast().data().getDouble(k, b, 0), 1e-8);
            }
        }
        assertTrue(r.nfeForward() > 0);
    }

    @Test
    void identityJumpsComposeTheFlowOverTheTotalGap() {
        // no observation effect (x = 0): h_T = h_0 e^{−a ΣΔt}, with h_0 from a fixed ic
        Layer ic = new Layer() {
            @Override
            public Tensor forward(Tensor flat) {
                return flat.sum(1, true).add(1.0); // [B, 1]
            }
        };
        Tensor dt = t(new double[] {0.1, 0.2, 0.3, 1.5, 0.5, 0.75}, 2, 3);
        Tensor x = Tensor.of(Nd4j.zeros(DataType.DOUBLE, 2, 3, 1));
        OdeRnn model = new OdeRnn(new Decay(0.7), new AddObservation(), ic, new long[] {1}, 1.0,
                SolverSettings.fixed(Method.RK4, 0.01));
        OdeRnn.Result r = model.forward(dt, x, 0);
        assertEquals(Math.exp(-0.7 * 0.6), r.hOde().data().getDouble(3, 0, 0), 1e-9);
        assertEquals(Math.exp(-0.7 * 2.75), r.hOde().data().getDouble(3, 1, 0), 1e-9);
        assertEquals(null, r.forecast());
    }

    /** dz/dt = −z on a solver state that is 3× the model state going in and halved coming out. */
    static final class ScaledStateField extends NeuralField {
        @Override
        protected Tensor derivative(double t, Tensor z) {
            return z.neg();
        }

        @Override
        public Tensor toSolverState(double t0, Tensor z) {
            assertEquals(1.0, t0, 0.0);
            return z.mul(3.0);
        }

        @Override
        public Tensor fromSolverState(double t1, Tensor z) {
            assertEquals(2.0, t1, 0.0);
            return z.mul(0.5);
        }
    }

    @Test
    void stateMapsApplyToEverySampleOfEveryInterval() {
        // h_ode[1] = 1.5 (h + x) e^{−Δt} for each sample (the released code's batch-as-time bug
        // would leave sample 0 unmapped); the forecast maps each unit step the same way
        Tensor dt = t(new double[] {1.0, 2.0}, 2, 1);
        Tensor x = t(new double[] {1.0, 1.0}, 2, 1, 1);
        OdeRnn model = new OdeRnn(new ScaledStateField(), new AddObservation(), null, new long[] {1}, 1.0,
                SolverSettings.dopri5(1e-10, GradientMode.BACKPROP));
        OdeRnn.Result r = model.forward(dt, x, 2);
        assertEquals(1.5 * Math.exp(-1), r.hOde().data().getDouble(1, 0, 0), 1e-8);
        assertEquals(1.5 * Math.exp(-2), r.hOde().data().getDouble(1, 1, 0), 1e-8);
        assertEquals(1.5 * 1.5 * Math.exp(-1) * Math.exp(-1), r.forecast().data().getDouble(1, 0, 0), 1e-8);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Rng rng = new Rng(3);
        int h = 2, d = 1;
        TanhField field = new TanhField(h, rng);
        LinearJump jump = new LinearJump(h, d, rng);
        Linear ic = new Linear(3 * d, h, true, rng, DataType.DOUBLE);
        OdeRnn model = new OdeRnn(field, jump, ic, new long[] {h}, 0.0, SolverSettings.fixed(Method.RK4, 0.25));
        Tensor dt = t(new double[] {0.5, 1.0, 0.25, 2.0, 0.75, 1.25}, 2, 3);
        Tensor x = GradCheck.randomInput(5, 2, 3, d);
        List<Tensor> leaves = new ArrayList<>(model.parameters());
        leaves.add(x);
        Tensor w = GradCheck.randomInput(6, 3, 2, h).detach();
        GradCheck.checkLoss(() -> {
            OdeRnn.Result r = model.forward(dt, x, 2);
            return r.hOde().slice(0, 1, 4).mul(w).sum().add(r.forecast().sum());
        }, leaves);
    }

    @Test
    void adjointGradientsAgreeWithBackprop() {
        Rng rng = new Rng(9);
        TanhField field = new TanhField(2, rng);
        LinearJump jump = new LinearJump(2, 1, rng);
        Tensor dt = t(new double[] {0.5, 1.5, 1.0, 0.3}, 2, 2);
        Tensor x = t(new double[] {0.2, -0.4, 1.0, 0.7}, 2, 2, 1);
        double[][] grads = new double[2][];
        GradientMode[] modes = {GradientMode.BACKPROP, GradientMode.ADJOINT};
        for (int m = 0; m < 2; m++) {
            OdeRnn model = new OdeRnn(field, jump, null, new long[] {2}, 0.0, SolverSettings.dopri5(1e-10, modes[m]));
            model.zeroGrad();
            OdeRnn.Result r = model.forward(dt, x, 0);
            r.hOde().sum().backward();
            grads[m] = field.lin.weight.grad().dup().reshape(4).toDoubleVector();
            if (modes[m] == GradientMode.ADJOINT) {
                assertTrue(r.nfeBackward() > 0, "adjoint backward NFE");
            } else {
                assertEquals(0, r.nfeBackward());
            }
        }
        assertArrayEquals(grads[0], grads[1], 1e-6);
    }

    @Test
    void badInputsAreNamed() {
        OdeRnn model = new OdeRnn(new Decay(1.0), new AddObservation(), null, new long[] {1}, 0.0,
                SolverSettings.fixed(Method.EULER, 0.5));
        Tensor x = t(new double[] {1, 2}, 1, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.forward(t(new double[] {1.0, 0.0}, 1, 2), x, 0));
        assertTrue(e.getMessage().contains("Δt must be finite and > 0, got 0.0 at sample 0, step 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.forward(t(new double[] {1.0, -1.0}, 1, 2), x, 0));
        assertTrue(e.getMessage().contains("got -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.forward(t(new double[] {1.0, Double.NaN}, 1, 2), x, 0));
        assertTrue(e.getMessage().contains("got NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.forward(t(new double[] {1.0, 1.0, 1.0}, 1, 3), x, 0));
        assertTrue(e.getMessage().contains("[1, 2]") && e.getMessage().contains("[1, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.forward(t(new double[] {1, 1}, 1, 2), t(new double[] {1, 2}, 1, 2), 0));
        assertTrue(e.getMessage().contains("x must be [B, T, d]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.forward(t(new double[] {1, 1}, 1, 2), x, -1));
        assertTrue(e.getMessage().contains("forecast length must be >= 0, got -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new OdeRnn(new Decay(1.0), new AddObservation(), null,
                new long[] {0}, 0.0, SolverSettings.fixed(Method.EULER, 0.5)));
        assertTrue(e.getMessage().contains("state shape"), e.getMessage());
    }
}
