package io.principia.core.optim;

import static io.principia.core.optim.OptimTesting.GRADS;
import static io.principia.core.optim.OptimTesting.P0;
import static io.principia.core.optim.OptimTesting.assertClose;
import static io.principia.core.optim.OptimTesting.run;
import static io.principia.core.optim.OptimTesting.single;
import static io.principia.core.optim.SgdTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.principia.core.tensor.Tensor;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class AdamTest {

    /**
     * Written-out torch.optim.Adam / AdamW on doubles:
     * g += wd·p (Adam) or p −= lr·wd·p (AdamW); m = β1 m + (1−β1) g; v = β2 v + (1−β2) g²;
     * v̂ = max(v̂, v); p −= lr/(1−β1ᵗ) · m / (√(v or v̂)/√(1−β2ᵗ) + ε).
     */
    static double[][] reference(double[] lrs, double b1, double b2, double eps, double wd, boolean decoupled, boolean ams) {
        double[] p = P0.clone(), m = new double[2], v = new double[2], vMax = new double[2];
        double[][] out = new double[lrs.length][];
        for (int t = 0; t < lrs.length; t++) {
            double lr = lrs[t];
            int step = t + 1;
            for (int i = 0; i < 2; i++) {
                double g = GRADS[t][i];
                if (decoupled) {
                    p[i] = p[i] * (1 - lr * wd);
                } else {
                    g = g + wd * p[i];
                }
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                vMax[i] = Math.max(vMax[i], v[i]);
                double denom = Math.sqrt(ams ? vMax[i] : v[i]) / Math.sqrt(1 - Math.pow(b2, step)) + eps;
                p[i] -= lr / (1 - Math.pow(b1, step)) * m[i] / denom;
            }
            out[t] = p.clone();
        }
        return out;
    }

    @Test
    void firstStepIsLrTimesSignOfGradient() {
        // m̂ = g and v̂ = g² on step 1, so p moves by lr·g/(|g| + ε).
        double[][] got = run(m -> new Adam(m, 0.1), new double[] {0.1});
        assertArrayEquals(new double[] {1.0 - 0.1 * 2 / (2 + 1e-8), -1.5 + 0.1 * 0.5 / (0.5 + 1e-8)}, got[0], 1e-15);
    }

    @Test
    void variantsMatchWrittenOutSteps() {
        double[] lrs = {0.1, 0.05, 0.2};
        assertClose(reference(lrs, 0.9, 0.999, 1e-8, 0, false, false), run(m -> new Adam(m, 0.1), lrs), 1e-13);
        // a large ε and β2 = 0.5 make the bias corrections and ε placement visible
        assertClose(reference(lrs, 0.8, 0.5, 0.1, 0, false, false),
                run(m -> new Adam(m, 0.1, 0.8, 0.5, 0.1, 0, false), lrs), 1e-13);
        assertClose(reference(lrs, 0.8, 0.5, 0.1, 0.3, false, false),
                run(m -> new Adam(m, 0.1, 0.8, 0.5, 0.1, 0.3, false), lrs), 1e-13);
        assertClose(reference(lrs, 0.8, 0.5, 0.1, 0.3, false, true),
                run(m -> new Adam(m, 0.1, 0.8, 0.5, 0.1, 0.3, true), lrs), 1e-13);
        // AMSGrad must differ from Adam here (v shrinks on element 0), or the test proves nothing
        double[][] plain = reference(lrs, 0.8, 0.5, 0.1, 0, false, false), ams = reference(lrs, 0.8, 0.5, 0.1, 0, false, true);
        org.junit.jupiter.api.Assertions.assertNotEquals(plain[2][0], ams[2][0], 1e-6);
    }

    @Test
    void adamWDecouplesDecay() {
        double[] lrs = {0.1, 0.05, 0.2};
        assertClose(reference(lrs, 0.9, 0.999, 1e-8, 0.01, true, false), run(m -> new AdamW(m, 0.1), lrs), 1e-13);
        assertClose(reference(lrs, 0.8, 0.5, 0.1, 0.5, true, false),
                run(m -> new AdamW(m, 0.1, 0.8, 0.5, 0.1, 0.5, false), lrs), 1e-13);
        assertClose(reference(lrs, 0.8, 0.5, 0.1, 0.5, true, true),
                run(m -> new AdamW(m, 0.1, 0.8, 0.5, 0.1, 0.5, true), lrs), 1e-13);
    }

    @Test
    void zeroLrStepMovesNothingButUpdatesMoments() {
        double[] lrs = {0.0, 0.1, 0.1};
        double[][] got = run(m -> new Adam(m, 0.1, 0.8, 0.5, 0.1, 0, true), lrs);
        assertArrayEquals(P0, got[0], 0);
        assertClose(reference(lrs, 0.8, 0.5, 0.1, 0, false, true), got, 1e-13);
        double[][] gotW = run(m -> new AdamW(m, 0.1), lrs);
        assertArrayEquals(P0, gotW[0], 0);
    }

    @Test
    void float32MatchesDoubleReference() {
        Tensor p = Tensor.param(Nd4j.createFromArray(P0.clone()).castTo(DataType.FLOAT));
        Adam opt = new Adam(single(p), 0.1, 0.8, 0.5, 0.1, 0.3, true);
        double[] lrs = {0.1, 0.1, 0.1};
        double[][] expected = reference(lrs, 0.8, 0.5, 0.1, 0.3, false, true);
        for (int t = 0; t < 3; t++) {
            p.setGrad(Nd4j.createFromArray(GRADS[t].clone()).castTo(DataType.FLOAT));
            opt.step();
            assertEquals(DataType.FLOAT, p.dtype());
            assertArrayEquals(expected[t], p.data().toDoubleVector(), 1e-6);
        }
    }

    @Test
    void invalidSettingsAreNamed() {
        Map<String, Tensor> m = single(Tensor.param(Nd4j.createFromArray(1.0, 2.0)));
        assertMessage(() -> new Adam(m, -1), "learning rate");
        assertMessage(() -> new Adam(m, 0.1, 1.0, 0.999, 1e-8, 0, false), "beta1");
        assertMessage(() -> new Adam(m, 0.1, -0.1, 0.999, 1e-8, 0, false), "beta1");
        assertMessage(() -> new Adam(m, 0.1, 0.9, 1.0, 1e-8, 0, false), "beta2");
        assertMessage(() -> new Adam(m, 0.1, 0.9, 0.999, 0, 0, false), "eps");
        assertMessage(() -> new AdamW(m, 0.1, 0.9, 0.999, 1e-8, -0.01, false), "weightDecay");
        assertMessage(() -> new AdamW(m, 0.1, 0.9, Double.NaN, 1e-8, 0.01, false), "beta2");
    }
}
