package io.principia.ode.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;
import io.principia.ode.GradientMode;
import io.principia.ode.Method;
import io.principia.ode.Odeint;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** NesterovNODE, clean (spec rnn_ode.md 4.1) and as coded (4.2), against the values of spec 7.6. */
class NesterovFieldTest {
    private static final SolverConfig TIGHT = new SolverConfig(Method.DOPRI5, 1e-10, 1e-10, GradientMode.BACKPROP);

    private static Tensor solveClean(double p) {
        // h'' + (p/t) h' + h = 0: f(h) = -h, h(1) = 1, h'(1) = 0, over [1, 2]
        NeuralField f = NesterovNode.builder(Fields.linear(-1)).p(p).dtype(DataType.DOUBLE).build();
        return new OdeBlock(f, 1, 2, TIGHT).forward(Fields.state(1, 0));
    }

    @Test
    void cleanModelSolvesTheNesterovOdeForP3() {
        Tensor out = solveClean(3);
        assertEquals(0.738031750258, Fields.at(out, 0), 1e-8);
        assertEquals(-0.401711251781, Fields.at(out, 1), 1e-8);
    }

    @Test
    void cleanModelSolvesTheNesterovOdeForP5() {
        Tensor out = solveClean(5);
        assertEquals(0.801872257549, Fields.at(out, 0), 1e-8);
        assertEquals(-0.286113546644, Fields.at(out, 1), 1e-8);
    }

    @Test
    void transformConstantsAtTwo() {
        NesterovTransform tr = new NesterovTransform(3);
        assertEquals(0.961057757039779, tr.k(2), 1e-14);
        assertEquals(1.040520190045778, tr.r(2), 1e-14);
        assertEquals(1.040520190045778, 1 / tr.k(2), 1e-14);
        assertEquals(0.260130047511445, tr.rPrime(2), 1e-14);
        assertEquals(0.25 - 3.0 / 16, tr.q(2), 1e-15);
        assertEquals(0.25 - 15.0 / 16, new NesterovTransform(5).q(2), 1e-15);
        // r' by central differences
        assertEquals((tr.r(2 + 1e-6) - tr.r(2 - 1e-6)) / 2e-6, tr.rPrime(2), 1e-8);
    }

    @Test
    void stateConversionsAreInverseForTheUngatedModel() {
        NesterovField f = (NesterovField) NesterovNode.builder(Fields.linear(1)).p(4).dtype(DataType.DOUBLE).build();
        Tensor z = GradCheck.randomInput(3, 2, 2, 3).requiresGrad(false);
        INDArray back = f.fromSolverState(1.5, f.toSolverState(1.5, z)).data();
        assertTrue(back.equalsWithEps(z.data(), 1e-12), back + " vs " + z.data());
    }

    @Test
    void gatedCleanModelOutputsTheTrueDerivativeOfH() {
        // h'(t1) from fromSolverState equals d/dt of h(t) = k(t) x(t) along the solution
        NesterovField g = NesterovNode.gnesterov(Fields.mlp(2, 3, 8));
        NesterovField f = (NesterovField) NesterovNode.builder(Fields.mlp(2, 3, 8)).gate(Gate.tanh()).corr(2.0, true)
                .dtype(DataType.DOUBLE).build();
        assertEquals(Math.log1p(Math.exp(2.0)), f.xi(), 1e-12);
        assertEquals(1, g.parameterCount() - g.children().get("df").parameterCount());
        Tensor z0 = f.toSolverState(1, GradCheck.randomInput(4, 1, 2, 2).requiresGrad(false));
        double eps = 1e-4;
        Odeint ode = Odeint.of(f).tolerances(1e-11, 1e-11);
        double hPlus = f.fromSolverState(1.6 + eps, ode.solve(z0, 1, 1.6 + eps).last()).data().getDouble(0, 0, 1);
        double hMinus = f.fromSolverState(1.6 - eps, ode.solve(z0, 1, 1.6 - eps).last()).data().getDouble(0, 0, 1);
        double dh = f.fromSolverState(1.6, ode.solve(z0, 1, 1.6).last()).data().getDouble(0, 1, 1);
        assertEquals((hPlus - hMinus) / (2 * eps), dh, 1e-7);
    }

    @Test
    void asCodedFieldReproducesTheReleasedCodeForAZero() {
        NeuralField f = NesterovNode.builder(Fields.linear(0)).formulation(Formulation.AS_CODED).dtype(DataType.DOUBLE).build();
        Tensor raw = Odeint.of(f).tolerances(1e-10, 1e-10).solve(Fields.state(1, 0), 1, 2).last();
        assertEquals(1.322555795123, Fields.at(raw, 0), 1e-8);
        assertEquals(-0.322555795123, Fields.at(raw, 1), 1e-8);
        assertEquals(1.0, Fields.at(raw, 0) + Fields.at(raw, 1), 1e-12); // dz0 = M = -dz1
        Tensor out = f.fromSolverState(2, raw);
        assertEquals(1.271052506021, Fields.at(out, 0), 1e-8);
        assertEquals(-0.627757875486, Fields.at(out, 1), 1e-8);
        // toSolverState is the identity: the block gives the same outputs
        Tensor viaBlock = new OdeBlock(f, 1, 2, TIGHT).forward(Fields.state(1, 0));
        assertEquals(1.271052506021, Fields.at(viaBlock, 0), 1e-8);
    }

    @Test
    void asCodedFieldReproducesTheReleasedCodeForAMinusOne() {
        NeuralField f = NesterovNode.builder(Fields.linear(-1)).formulation(Formulation.AS_CODED).dtype(DataType.DOUBLE).build();
        Tensor raw = Odeint.of(f).tolerances(1e-10, 1e-10).solve(Fields.state(1, 0), 1, 2).last();
        assertEquals(0.902402573740, Fields.at(raw, 0), 1e-8);
        assertEquals(-0.978040367373, Fields.at(raw, 1), 1e-8);
        Tensor out = f.fromSolverState(2, raw);
        assertEquals(0.867260993466, Fields.at(out, 0), 1e-8);
        assertEquals(-1.156768530129, Fields.at(out, 1), 1e-8);
    }

    @Test
    void asCodedTorchdiffeqToleranceFigure() {
        // spec 7.6: torchdiffeq dopri5 at 1e-7 agrees with the exact raw z(2) to about 1e-7, NFE 44
        NeuralField f = NesterovNode.builder(Fields.linear(0)).formulation(Formulation.AS_CODED).dtype(DataType.DOUBLE).build();
        var sol = Odeint.of(f).tolerances(1e-7, 1e-7).solve(Fields.state(1, 0), 1, 2);
        assertEquals(1.322555795123, Fields.at(sol.last(), 0), 5e-7);
        assertEquals(44, sol.stats().nfeForward());
    }

    @Test
    void fieldsAndConversionsPassGradCheck() {
        NeuralField clean = NesterovNode.builder(Fields.mlp(3, 4, 1)).p(5).forceGate(Gate.tanh()).corr(0.4, true).sign(-1)
                .dtype(DataType.DOUBLE).build();
        NeuralField gated = NesterovNode.builder(Fields.mlp(3, 4, 2)).gate(Gate.tanh()).corr(0.4, true).dtype(DataType.DOUBLE).build();
        NeuralField coded = NesterovNode.builder(Fields.mlp(3, 4, 3)).formulation(Formulation.AS_CODED).gate(Gate.tanh())
                .forceGate(Gate.tanh()).asCodedActivations(Gate.tanh(), Gate.tanh(), Gate.hardtanh(0.5), Gate.tanh())
                .corr(0.4, true).sign(-1).dtype(DataType.DOUBLE).build();
        for (NeuralField f : new NeuralField[] {clean, gated, coded}) {
            GradCheck.check(in -> f.forward(1.3, in[0]), GradCheck.randomInput(5, 2, 2, 3));
            Tensor fixed = GradCheck.randomInput(6, 2, 2, 3).requiresGrad(false);
            GradCheck.checkLoss(() -> f.forward(1.3, fixed).mul(fixed).sum(), f.parameters());
            GradCheck.check(in -> f.fromSolverState(1.7, f.toSolverState(1.2, in[0]).mul(1.1)), GradCheck.randomInput(7, 2, 2, 3));
        }
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> NesterovNode.builder(Fields.linear(1)).p(0));
        assertTrue(p.getMessage().contains("positive") && p.getMessage().contains("0.0"), p.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NesterovTransform(-3));
        assertThrows(IllegalArgumentException.class, () -> new NesterovTransform(Double.NaN));
        NeuralField f = NesterovNode.nesterov(Fields.linear(1));
        IllegalArgumentException time = assertThrows(IllegalArgumentException.class, () -> f.forward(0, Tensor.zeros(1, 2, 3)));
        assertTrue(time.getMessage().contains("t = 0.0") && time.getMessage().contains("singular"), time.getMessage());
        IllegalArgumentException layout = assertThrows(IllegalArgumentException.class, () -> f.forward(1, Tensor.zeros(1, 3)));
        assertTrue(layout.getMessage().contains("[1, 3]"), layout.getMessage());
        IllegalArgumentException cleanOnly = assertThrows(IllegalArgumentException.class, () -> NesterovNode.builder(Fields.linear(1))
                .asCodedActivations(null, null, Gate.tanh(), null).build());
        assertTrue(cleanOnly.getMessage().contains("AS_CODED"), cleanOnly.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NesterovNode.builder(Fields.linear(1)).sign(0));
        assertThrows(IllegalArgumentException.class, () -> new OdeBlock(f, 1, 1, TIGHT));
    }
}
