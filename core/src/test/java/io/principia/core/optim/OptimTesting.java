package io.principia.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.principia.core.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.nd4j.linalg.factory.Nd4j;

/** Shared drivers for the optimizer tests: a 2-element float64 parameter and a fixed gradient sequence. */
final class OptimTesting {
    private OptimTesting() {}

    static final double[] P0 = {1.0, -1.5};
    /** Gradient for step t (rows), chosen so |g| shrinks and grows (AMSGrad's max matters). */
    static final double[][] GRADS = {{2.0, -0.5}, {0.1, 1.0}, {-0.1, 3.0}};

    static Map<String, Tensor> single(Tensor p) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("w", p);
        return m;
    }

    /** Runs steps with lrs[t] and GRADS[t]; returns the parameter after every step, [step][i]. */
    static double[][] run(Function<Map<String, Tensor>, Optimizer> make, double[] lrs) {
        Tensor p = Tensor.param(Nd4j.createFromArray(P0.clone()));
        Optimizer opt = make.apply(single(p));
        double[][] out = new double[lrs.length][];
        for (int t = 0; t < lrs.length; t++) {
            opt.setLr(lrs[t]);
            p.setGrad(Nd4j.createFromArray(GRADS[t].clone()));
            opt.step();
            out[t] = p.data().toDoubleVector();
        }
        return out;
    }

    static void assertClose(double[][] expected, double[][] actual, double tol) {
        for (int t = 0; t < expected.length; t++) {
            for (int i = 0; i < expected[t].length; i++) {
                double e = expected[t][i];
                assertEquals(e, actual[t][i], tol * Math.max(1, Math.abs(e)), "step " + (t + 1) + ", element " + i);
            }
        }
    }
}
