package io.principia.ode.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;
import io.principia.ode.GradientMode;
import io.principia.ode.Method;
import io.principia.ode.OdeSolution;
import io.principia.ode.Odeint;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** HBNODE / GHBNODE against spec rnn_ode.md 7.4 and the limits it lists. */
class HeavyBallFieldTest {
    private static final double GAMMA0 = 0.047425873177567;

    private static HeavyBallField field(Dynamics df, Convention c) {
        return HeavyBallField.builder(df).convention(c).dtype(DataType.DOUBLE).build();
    }

    @Test
    void dampedOscillatorInTheCodeConvention() {
        // f = +h, code convention: h'' + γ h' + h = 0, m = -h'
        HeavyBallField hb = field(Fields.linear(1.0), Convention.CODE);
        assertEquals(GAMMA0, hb.gamma(), 1e-15);
        OdeSolution tight = Odeint.of(hb).tolerances(1e-7, 1e-7).solve(Fields.state(1, 0), 0, 1);
        assertEquals(0.547360026350, Fields.at(tight.last(), 0), 2e-7);
        assertEquals(0.821834650932, Fields.at(tight.last(), 1), 2e-7);
        // the solver mirrors torchdiffeq step for step: its figures at both tolerances
        assertEquals(0.5473599285, Fields.at(tight.last(), 0), 1e-9);
        assertEquals(0.8218346665, Fields.at(tight.last(), 1), 1e-9);
        assertEquals(44, tight.stats().nfeForward());
        OdeSolution loose = Odeint.of(hb).tolerances(1e-3, 1e-3).solve(Fields.state(1, 0), 0, 1);
        assertEquals(0.5471810391, Fields.at(loose.last(), 0), 1e-9);
        assertEquals(0.8221221293, Fields.at(loose.last(), 1), 1e-9);
        assertEquals(14, loose.stats().nfeForward());
    }

    @Test
    void dampedOscillatorInThePaperConvention() {
        // f = -h, paper convention: h'' + γ h' + h = 0, m = +h'
        HeavyBallField hb = field(Fields.linear(-1.0), Convention.PAPER);
        Tensor z1 = Odeint.of(hb).tolerances(1e-9, 1e-9).solve(Fields.state(1, 0), 0, 1).last();
        assertEquals(0.547360026350, Fields.at(z1, 0), 1e-8);
        assertEquals(-0.821834650932, Fields.at(z1, 1), 1e-8);
    }

    @Test
    void forceFreeMatchesTheClosedForm() {
        // f = 0: m(t) = m0 e^{-γt}; code: h = h0 - m0 (1 - e^{-γt})/γ, paper: h = h0 + m0 (1 - e^{-γt})/γ
        Tensor code = Odeint.of(field(Fields.linear(0.0), Convention.CODE)).tolerances(1e-9, 1e-9)
                .solve(Fields.state(1, 2), 0, 1).last();
        assertEquals(-0.953315059049, Fields.at(code, 0), 1e-9);
        assertEquals(1.907362327734, Fields.at(code, 1), 1e-9);
        Tensor paper = Odeint.of(field(Fields.linear(0.0), Convention.PAPER)).tolerances(1e-9, 1e-9)
                .solve(Fields.state(1, 2), 0, 1).last();
        double decay = Math.exp(-GAMMA0);
        assertEquals(1 + 2 * (1 - decay) / GAMMA0, Fields.at(paper, 0), 5e-9); // rtol 1e-9 of 2.95
        assertEquals(2 * decay, Fields.at(paper, 1), 1e-9);
    }

    @Test
    void codeConventionIsThePaperModelWithMomentumNegated() {
        // m_paper = -m_code and f_paper = -sign·f_code, with a tanh gate and a nonzero ξ
        Dynamics df = Fields.mlp(3, 4, 7);
        HeavyBallField code = HeavyBallField.builder(df).convention(Convention.CODE).gate(Gate.tanh()).corr(0.5, true).sign(-1)
                .dtype(DataType.DOUBLE).build();
        Dynamics negated = new Dynamics() {
            @Override
            public Tensor forward(double t, Tensor x) {
                return df.forward(t, x); // -sign·f_code = f_code for sign -1
            }
        };
        HeavyBallField paper = HeavyBallField.builder(negated).gate(Gate.tanh()).corr(0.5, true).dtype(DataType.DOUBLE).build();
        Tensor z = GradCheck.randomInput(3, 4, 2, 3);
        INDArray flip = Nd4j.createFromArray(1.0, -1.0).reshape(1, 2, 1);
        INDArray dzCode = code.forward(0.7, z).data();
        INDArray dzPaper = paper.forward(0.7, Tensor.of(z.data().mul(flip))).data().mul(flip);
        assertTrue(dzCode.equalsWithEps(dzPaper, 1e-12), "code " + dzCode + " vs mapped paper " + dzPaper);
    }

    @Test
    void gatedFieldApproachesTheUngatedOneForSmallMomentum() {
        Dynamics df = Fields.mlp(3, 4, 11);
        HeavyBallField hb = HeavyBallField.builder(df).dtype(DataType.DOUBLE).build();
        HeavyBallField ghb = HeavyBallField.builder(df).gate(Gate.tanh()).dtype(DataType.DOUBLE).build();
        Tensor z = Tensor.of(GradCheck.randomInput(5, 2, 2, 3).data().muli(1e-3));
        INDArray diff = hb.forward(0.2, z).data().sub(ghb.forward(0.2, z).data());
        double m = z.data().slice(1, 1).amaxNumber().doubleValue();
        // tanh(m) = m - m³/3 + ...: dh differs by at most m³/3, dm not at all
        assertTrue(diff.amaxNumber().doubleValue() <= m * m * m / 3 * 1.01, "max difference " + diff.amaxNumber());
        assertTrue(diff.amaxNumber().doubleValue() > 0, "tanh must act");
    }

    @Test
    void correctionVanishesAtTheDefaultAndDampingStaysInTheUnitInterval() {
        HeavyBallField hb = HeavyBallField.hbnode(Fields.linear(1));
        assertEquals(0.0, hb.xi(), 1e-40); // softplus(-100) = 3.7e-44
        assertEquals(1, hb.parameterCount()); // γ_raw only; the frozen corr is a buffer
        HeavyBallField ghb = HeavyBallField.ghbnode(Fields.linear(1));
        assertEquals(Math.log1p(Math.exp(2.0)), ghb.xi(), 1e-6);
        assertEquals(2, ghb.parameterCount());
        double previous = 0;
        for (double raw : new double[] {-30, -3, 0, 3, 30}) {
            double g = HeavyBallField.builder(Fields.linear(1)).gammaInit(raw).dtype(DataType.DOUBLE).build().gamma();
            assertTrue(g > 0 && g < 1 && g > previous, "gamma " + g + " for raw " + raw);
            previous = g;
        }
    }

    @Test
    void timeScaleMultipliesEachSamplesDerivative() {
        HeavyBallField hb = HeavyBallField.builder(Fields.mlp(3, 4, 2)).gate(Gate.tanh()).dtype(DataType.DOUBLE).build();
        Tensor z = GradCheck.randomInput(9, 2, 2, 3);
        INDArray plain = hb.forward(0.5, z).data().dup();
        hb.timeScale(Tensor.of(Nd4j.createFromArray(0.5, 3.0)));
        INDArray scaled = hb.forward(0.5, z).data();
        assertTrue(scaled.slice(0).equalsWithEps(plain.slice(0).mul(0.5), 1e-12));
        assertTrue(scaled.slice(1).equalsWithEps(plain.slice(1).mul(3.0), 1e-12));
        hb.timeScale(Tensor.of(Nd4j.createFromArray(0.5, 3.0).reshape(2, 1, 1)));
        assertTrue(hb.forward(0.5, z).data().equalsWithEps(scaled, 1e-12));
        hb.timeScale(Tensor.of(Nd4j.createFromArray(1.0, 2.0, 3.0)));
        IllegalArgumentException wrongBatch = assertThrows(IllegalArgumentException.class, () -> hb.forward(0.5, z));
        assertTrue(wrongBatch.getMessage().contains("[3]") && wrongBatch.getMessage().contains("[2, 2, 3]"), wrongBatch.getMessage());
        IllegalArgumentException notPerSample = assertThrows(IllegalArgumentException.class,
                () -> hb.timeScale(Tensor.of(Nd4j.ones(DataType.DOUBLE, 2, 3))));
        assertTrue(notPerSample.getMessage().contains("[2, 3]"), notPerSample.getMessage());
    }

    @Test
    void gradientsOfBothConventionsPassGradCheck() {
        for (Convention c : Convention.values()) {
            HeavyBallField f = HeavyBallField.builder(Fields.mlp(3, 4, 5)).convention(c).gate(Gate.tanh()).corr(0.3, true)
                    .sign(-1).dtype(DataType.DOUBLE).build();
            f.timeScale(Tensor.of(Nd4j.createFromArray(0.5, 2.0)));
            Tensor z = GradCheck.randomInput(13, 2, 2, 3);
            GradCheck.check(in -> f.forward(0.4, in[0]), z);
            Tensor fixed = GradCheck.randomInput(14, 2, 2, 3).requiresGrad(false);
            GradCheck.checkLoss(() -> f.forward(0.4, fixed).mul(fixed).sum(), f.parameters());
        }
        HeavyBallField hardtanh = HeavyBallField.builder(Fields.mlp(3, 4, 6)).gate(Gate.hardtanh(5)).dtype(DataType.DOUBLE).build();
        GradCheck.check(in -> hardtanh.forward(0.1, in[0]), GradCheck.randomInput(15, 2, 2, 3));
    }

    @Test
    void adjointGradientsMatchBackpropThroughTheSolver() {
        Tensor z0 = GradCheck.randomInput(21, 3, 2, 4);
        List<INDArray> grads = new ArrayList<>();
        int[] backwardNfe = new int[2];
        for (GradientMode mode : GradientMode.values()) {
            HeavyBallField f = HeavyBallField.builder(Fields.mlp(4, 6, 3)).gate(Gate.tanh()).corr(0.2, true)
                    .dtype(DataType.DOUBLE).build();
            z0.zeroGrad();
            OdeBlock block = new OdeBlock(f, 0, 1, new SolverConfig(Method.DOPRI5, 1e-9, 1e-9, mode));
            Tensor out = block.forward(z0);
            out.mul(out).sum().backward();
            grads.add(z0.grad().dup());
            for (Tensor p : f.parameters()) {
                grads.add(p.grad().dup());
            }
            assertTrue(block.lastNfeForward() > 0);
            backwardNfe[mode.ordinal()] = block.lastNfeBackward();
        }
        int half = grads.size() / 2;
        for (int i = 0; i < half; i++) {
            INDArray bp = grads.get(i);
            INDArray adj = grads.get(half + i);
            double err = bp.sub(adj).amaxNumber().doubleValue();
            assertTrue(err < 1e-6 * Math.max(1, bp.amaxNumber().doubleValue()), "gradient " + i + " differs by " + err);
        }
        assertEquals(0, backwardNfe[GradientMode.BACKPROP.ordinal()]);
        assertTrue(backwardNfe[GradientMode.ADJOINT.ordinal()] > 0);
    }

    @Test
    void badInputIsNamed() {
        HeavyBallField hb = HeavyBallField.hbnode(Fields.linear(1));
        IllegalArgumentException layout = assertThrows(IllegalArgumentException.class,
                () -> hb.forward(0, Tensor.zeros(4, 3, 5)));
        assertTrue(layout.getMessage().contains("[B, 2, *feat]") && layout.getMessage().contains("[4, 3, 5]"), layout.getMessage());
        assertThrows(IllegalArgumentException.class, () -> hb.forward(0, Tensor.zeros(4)));
        IllegalArgumentException sign = assertThrows(IllegalArgumentException.class,
                () -> HeavyBallField.builder(Fields.linear(1)).sign(2));
        assertTrue(sign.getMessage().contains("sign") && sign.getMessage().contains("2.0"), sign.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HeavyBallField.builder(Fields.linear(1)).gammaInit(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> HeavyBallField.builder(Fields.linear(1)).corr(Double.NaN, false));
        assertThrows(IllegalArgumentException.class, () -> HeavyBallField.builder(null));
        IllegalArgumentException gate = assertThrows(IllegalArgumentException.class, () -> Gate.hardtanh(-1));
        assertTrue(gate.getMessage().contains("-1.0"), gate.getMessage());
    }
}
