package io.principia.core.optim;

import static io.principia.core.optim.OptimTesting.GRADS;
import static io.principia.core.optim.OptimTesting.P0;
import static io.principia.core.optim.OptimTesting.assertClose;
import static io.principia.core.optim.OptimTesting.run;
import static io.principia.core.optim.OptimTesting.single;
import static io.principia.core.optim.SgdTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.principia.core.tensor.Tensor;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class AdamaxTest {

    /** Written-out torch.optim.Adamax on doubles: g += wd·p; m = β₁m + (1−β₁)g; u = max(β₂u, |g| + ε); p −= lr/(1−β₁ᵗ)·m/u. */
    static double[][] reference(double[] lrs, double b1, double b2, double eps, double wd) {
        double[] p = P0.clone(), m = new double[2], u = new double[2];
        double[][] out = new double[lrs.length][];
        for (int t = 0; t < lrs.length; t++) {
            for (int i = 0; i < 2; i++) {
                double g = GRADS[t][i] + wd * p[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                u[i] = Math.max(b2 * u[i], Math.abs(g) + eps);
                p[i] -= lrs[t] / (1 - Math.pow(b1, t + 1)) * m[i] / u[i];
            }
            out[t] = p.clone();
        }
        return out;
    }

    @Test
    void firstStepIsLrTimesSignOfTheGradient() {
        // m = (1−β₁)g, bias-corrected to g; u = |g| + ε: the step is lr·g/(|g| + ε)
        double[][] got = run(m -> new Adamax(m, 0.01), new double[] {0.01});
        assertArrayEquals(new double[] {1.0 - 0.01 * 2 / (2 + 1e-8), -1.5 + 0.01 * 0.5 / (0.5 + 1e-8)}, got[0], 1e-14);
    }

    @Test
    void stepsMatchTheWrittenOutRule() {
        double[] lrs = {0.01, 0.005, 0.02};
        assertClose(reference(lrs, 0.9, 0.999, 1e-8, 0), run(m -> new Adamax(m, 0.01), lrs), 1e-13);
        // β₂ small enough that the decayed maximum loses to a smaller new gradient (step 3, first entry)
        assertClose(reference(lrs, 0.5, 0.02, 0.1, 0.3), run(m -> new Adamax(m, 0.01, 0.5, 0.02, 0.1, 0.3), lrs), 1e-13);
    }

    @Test
    void invalidSettingsAreNamed() {
        Map<String, Tensor> m = single(Tensor.param(Nd4j.createFromArray(1.0, 2.0)));
        assertMessage(() -> new Adamax(m, -0.01), "learning rate");
        assertMessage(() -> new Adamax(m, 0.01, 1.0, 0.999, 1e-8, 0), "beta1");
        assertMessage(() -> new Adamax(m, 0.01, 0.9, -0.1, 1e-8, 0), "beta2");
        assertMessage(() -> new Adamax(m, 0.01, 0.9, 0.999, 0, 0), "eps");
        assertMessage(() -> new Adamax(m, 0.01, 0.9, 0.999, 1e-8, -1), "weightDecay");
    }
}
