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

class RmsPropTest {

    /**
     * Written-out torch.optim.RMSprop on doubles: g += wd·p; v = αv + (1−α)g²; ḡ = αḡ + (1−α)g;
     * a = √(v − ḡ²) + ε (centered) or √v + ε; b = μb + g/a, p −= lr·b (μ > 0) or p −= lr·g/a.
     */
    static double[][] reference(double[] lrs, double alpha, double eps, double wd, double mu, boolean centered) {
        double[] p = P0.clone(), v = new double[2], gAvg = new double[2], b = new double[2];
        double[][] out = new double[lrs.length][];
        for (int t = 0; t < lrs.length; t++) {
            for (int i = 0; i < 2; i++) {
                double g = GRADS[t][i] + wd * p[i];
                v[i] = alpha * v[i] + (1 - alpha) * g * g;
                double a;
                if (centered) {
                    gAvg[i] = alpha * gAvg[i] + (1 - alpha) * g;
                    a = Math.sqrt(v[i] - gAvg[i] * gAvg[i]) + eps;
                } else {
                    a = Math.sqrt(v[i]) + eps;
                }
                if (mu > 0) {
                    b[i] = mu * b[i] + g / a;
                    p[i] -= lrs[t] * b[i];
                } else {
                    p[i] -= lrs[t] * g / a;
                }
            }
            out[t] = p.clone();
        }
        return out;
    }

    @Test
    void firstStepByHand() {
        // v = (1−α)g² = 0.01g², so the step is lr·g/(0.1|g| + ε) = 10·lr·sign(g) (up to ε).
        double[][] got = run(m -> new RmsProp(m, 0.01), new double[] {0.01});
        assertArrayEquals(new double[] {1.0 - 0.01 * 2 / (0.2 + 1e-8), -1.5 + 0.01 * 0.5 / (0.05 + 1e-8)}, got[0], 1e-14);
    }

    @Test
    void variantsMatchWrittenOutSteps() {
        double[] lrs = {0.01, 0.005, 0.02};
        assertClose(reference(lrs, 0.99, 1e-8, 0, 0, false), run(m -> new RmsProp(m, 0.01), lrs), 1e-13);
        assertClose(reference(lrs, 0.7, 0.1, 0.2, 0, false), run(m -> new RmsProp(m, 0.01, 0.7, 0.1, 0.2, 0, false), lrs), 1e-13);
        assertClose(reference(lrs, 0.7, 0.1, 0, 0.9, false), run(m -> new RmsProp(m, 0.01, 0.7, 0.1, 0, 0.9, false), lrs), 1e-13);
        assertClose(reference(lrs, 0.7, 0.1, 0, 0, true), run(m -> new RmsProp(m, 0.01, 0.7, 0.1, 0, 0, true), lrs), 1e-13);
        assertClose(reference(lrs, 0.7, 0.1, 0.2, 0.9, true), run(m -> new RmsProp(m, 0.01, 0.7, 0.1, 0.2, 0.9, true), lrs), 1e-13);
    }

    @Test
    void invalidSettingsAreNamed() {
        Map<String, Tensor> m = single(Tensor.param(Nd4j.createFromArray(1.0, 2.0)));
        assertMessage(() -> new RmsProp(m, -0.01), "learning rate");
        assertMessage(() -> new RmsProp(m, 0.01, 1.0, 1e-8, 0, 0, false), "alpha");
        assertMessage(() -> new RmsProp(m, 0.01, 0.99, 0, 0, 0, false), "eps");
        assertMessage(() -> new RmsProp(m, 0.01, 0.99, 1e-8, -1, 0, false), "weightDecay");
        assertMessage(() -> new RmsProp(m, 0.01, 0.99, 1e-8, 0, -0.9, false), "momentum");
    }
}
