package io.principia.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.autograd.Grad;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradients of L = Σ_i w_i · y(t_i) for a small time-dependent MLP field (float64, dopri5 at
 * rtol = atol = 1e-10, three output times): the adjoint method, backprop through the solver and
 * central finite differences of the solve agree, for the parameters, y0 and every output time.
 * At this tolerance both methods approximate the exact flow's gradient to ~1e-8; the finite
 * differences use h = 1e-4 (truncation ~1e-9), large against the solver's 1e-10 error.
 */
class AdjointGradientTest {
    private static final double[] TIMES = {0.0, 0.4, 1.0};
    private static final double FD_STEP = 1e-4;

    private final MlpField field = new MlpField(2, 3, 7, DataType.DOUBLE);
    private final Tensor y0 = Tensor.param(new Rng(8).normal(DataType.DOUBLE, 0, 1, 3, 2)); // [B, D]
    private final INDArray weights = new Rng(9).uniform(DataType.DOUBLE, 0.5, 1.5, TIMES.length, 3, 2); // [T, B, D]

    private Odeint ode(GradientMode mode) {
        return Odeint.of(field).tolerances(1e-10, 1e-10).gradient(mode);
    }

    private double loss(Odeint ode, double[] times) {
        try (var off = Grad.off()) {
            return ode.solve(y0, times).ys().mul(Tensor.of(weights)).sum().item();
        }
    }

    /** Gradients for [every parameter..., y0, times], flattened. */
    private List<double[]> gradients(GradientMode mode) {
        field.zeroGrad();
        y0.zeroGrad();
        Tensor times = Tensor.param(Nd4j.createFromArray(TIMES));
        ode(mode).solve(y0, times).ys().mul(Tensor.of(weights)).sum().backward();
        List<double[]> out = new ArrayList<>();
        for (Tensor p : field.parameters()) {
            out.add(p.grad().dup().data().asDouble());
        }
        out.add(y0.grad().dup().data().asDouble());
        out.add(times.grad().dup().data().asDouble());
        return out;
    }

    /** Central differences of the loss for the same list of leaves. */
    private List<double[]> finiteDifferences() {
        Odeint ode = ode(GradientMode.BACKPROP);
        List<double[]> out = new ArrayList<>();
        List<Tensor> leaves = new ArrayList<>(field.parameters());
        leaves.add(y0);
        for (Tensor leaf : leaves) {
            INDArray flat = leaf.data().reshape(leaf.length());
            double[] g = new double[(int) leaf.length()];
            for (int i = 0; i < g.length; i++) {
                double orig = flat.getDouble(i);
                flat.putScalar(i, orig + FD_STEP);
                double plus = loss(ode, TIMES);
                flat.putScalar(i, orig - FD_STEP);
                double minus = loss(ode, TIMES);
                flat.putScalar(i, orig);
                g[i] = (plus - minus) / (2 * FD_STEP);
            }
            out.add(g);
        }
        double[] tg = new double[TIMES.length];
        for (int i = 0; i < TIMES.length; i++) {
            double[] plus = TIMES.clone();
            double[] minus = TIMES.clone();
            plus[i] += FD_STEP;
            minus[i] -= FD_STEP;
            tg[i] = (loss(ode, plus) - loss(ode, minus)) / (2 * FD_STEP);
        }
        out.add(tg);
        return out;
    }

    private static void assertClose(List<double[]> expected, List<double[]> actual, double atol, double rtol, String what) {
        assertEquals(expected.size(), actual.size());
        for (int k = 0; k < expected.size(); k++) {
            double[] e = expected.get(k);
            double[] a = actual.get(k);
            assertEquals(e.length, a.length);
            for (int i = 0; i < e.length; i++) {
                assertTrue(Math.abs(e[i] - a[i]) <= atol + rtol * Math.abs(e[i]),
                        what + ": leaf " + k + " element " + i + " expected " + e[i] + ", got " + a[i]);
            }
        }
    }

    @Test
    void adjointBackpropAndFiniteDifferencesAgree() {
        List<double[]> backprop = gradients(GradientMode.BACKPROP);
        List<double[]> adjoint = gradients(GradientMode.ADJOINT);
        List<double[]> numeric = finiteDifferences();
        assertClose(backprop, adjoint, 1e-7, 1e-6, "adjoint vs backprop");
        assertClose(numeric, backprop, 1e-6, 1e-5, "backprop vs finite differences");
        assertClose(numeric, adjoint, 1e-6, 1e-5, "adjoint vs finite differences");
        // the time gradients are not trivially zero: each output time moves the loss
        double[] tg = numeric.get(numeric.size() - 1);
        for (double g : tg) {
            assertTrue(Math.abs(g) > 1e-3, "time gradient too small to test anything: " + g);
        }
    }
}
