package io.principia.core.optim;

import static io.principia.core.optim.OptimTesting.GRADS;
import static io.principia.core.optim.OptimTesting.P0;
import static io.principia.core.optim.OptimTesting.assertClose;
import static io.principia.core.optim.OptimTesting.run;
import static io.principia.core.optim.OptimTesting.single;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SgdTest {

    /** Written-out PyTorch SGD on doubles: d = g + wd·p; b = d (first) or μb + (1−τ)d; d = d + μb or b; p −= lr·d. */
    static double[][] reference(double[] lrs, double mu, double damp, double wd, boolean nesterov) {
        double[] p = P0.clone(), b = new double[2];
        double[][] out = new double[lrs.length][];
        for (int t = 0; t < lrs.length; t++) {
            for (int i = 0; i < 2; i++) {
                double d = GRADS[t][i] + wd * p[i];
                if (mu != 0) {
                    b[i] = t == 0 ? d : mu * b[i] + (1 - damp) * d;
                    d = nesterov ? d + mu * b[i] : b[i];
                }
                p[i] -= lrs[t] * d;
            }
            out[t] = p.clone();
        }
        return out;
    }

    @Test
    void momentumByHand() {
        // g = (1, 2) every step, lr 0.1, μ 0.9: b = g, 1.9g, 2.71g, so p moves by 0.1g, 0.19g, 0.271g.
        Tensor p = Tensor.param(Nd4j.createFromArray(1.0, -1.0));
        Sgd opt = new Sgd(single(p), 0.1, 0.9);
        double[][] expected = {{0.9, -1.2}, {0.71, -1.58}, {0.439, -2.122}};
        for (double[] e : expected) {
            p.setGrad(Nd4j.createFromArray(1.0, 2.0));
            opt.step();
            assertArrayEquals(e, p.data().toDoubleVector(), 1e-12);
        }
    }

    @Test
    void nesterovByHand() {
        // d = g + μb: with b = g, 1.9g, 2.71g the steps are 0.19g, 0.271g, 0.3439g.
        Tensor p = Tensor.param(Nd4j.createFromArray(1.0, -1.0));
        Sgd opt = new Sgd(single(p), 0.1, 0.9, 0, 0, true);
        double[][] expected = {{0.81, -1.38}, {0.539, -1.922}, {0.1951, -2.6098}};
        for (double[] e : expected) {
            p.setGrad(Nd4j.createFromArray(1.0, 2.0));
            opt.step();
            assertArrayEquals(e, p.data().toDoubleVector(), 1e-12);
        }
    }

    @Test
    void variantsMatchWrittenOutSteps() {
        double[] lrs = {0.1, 0.05, 0.2};
        assertClose(reference(lrs, 0, 0, 0, false), run(m -> new Sgd(m, 0.1), lrs), 1e-14);
        assertClose(reference(lrs, 0, 0, 0.3, false), run(m -> new Sgd(m, 0.1, 0, 0, 0.3, false), lrs), 1e-14);
        assertClose(reference(lrs, 0.9, 0, 0, false), run(m -> new Sgd(m, 0.1, 0.9), lrs), 1e-14);
        assertClose(reference(lrs, 0.8, 0.25, 0.1, false), run(m -> new Sgd(m, 0.1, 0.8, 0.25, 0.1, false), lrs), 1e-14);
        assertClose(reference(lrs, 0.9, 0, 0.2, true), run(m -> new Sgd(m, 0.1, 0.9, 0, 0.2, true), lrs), 1e-14);
    }

    @Test
    void gradientIsNotModifiedAndNullGradIsSkipped() {
        Tensor a = Tensor.param(Nd4j.createFromArray(1.0, 2.0));
        Tensor b = Tensor.param(Nd4j.createFromArray(3.0, 4.0));
        Map<String, Tensor> params = new LinkedHashMap<>();
        params.put("a", a);
        params.put("b", b);
        Sgd opt = new Sgd(params, 0.5, 0.9, 0, 0.1, true);
        INDArray g = Nd4j.createFromArray(1.0, 1.0);
        a.setGrad(g);
        opt.step();
        assertArrayEquals(new double[] {1.0, 1.0}, g.toDoubleVector(), 0);
        assertArrayEquals(new double[] {3.0, 4.0}, b.data().toDoubleVector(), 0);
        assertNull(opt.stateOf("b"));
        assertTrue(opt.stateDict().containsKey("a.momentum_buffer"));
    }

    @Test
    void invalidSettingsAreNamed() {
        Map<String, Tensor> m = single(Tensor.param(Nd4j.createFromArray(1.0, 2.0)));
        assertMessage(() -> new Sgd(m, -0.1), "learning rate");
        assertMessage(() -> new Sgd(m, 0.1, -0.5), "momentum");
        assertMessage(() -> new Sgd(m, 0.1, 0.9, -1, 0, false), "dampening");
        assertMessage(() -> new Sgd(m, 0.1, 0.9, 0, -1, false), "weightDecay");
        assertMessage(() -> new Sgd(m, 0.1, 0, 0, 0, true), "nesterov");
        assertMessage(() -> new Sgd(m, 0.1, 0.9, 0.1, 0, true), "nesterov");
        assertMessage(() -> new Sgd(m, 0.1).setLr(Double.NaN), "lr");
        assertMessage(() -> new Sgd(new LinkedHashMap<>(), 0.1), "no parameters");
    }

    static void assertMessage(Runnable r, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should name " + part);
    }
}
