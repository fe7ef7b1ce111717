package io.principia.core.nn;

import static io.principia.core.testing.GradCheck.randomInput;
import static io.principia.core.testing.TestArrays.assertClose;
import static io.principia.core.testing.TestArrays.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;

class ActivationTest {

    /** erf by its Maclaurin series, an oracle independent of ND4J's kernel. */
    private static double erf(double z) {
        // erf(z) = 2/√π Σ (-1)^n z^(2n+1) / (n! (2n+1)), converges fast for |z| < 4
        double sum = 0, term = z;
        for (int n = 0; n < 80; n++) {
            sum += term / (2 * n + 1);
            term *= -z * z / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    @Test
    void valuesMatchClosedForms() {
        Map<Activation, DoubleUnaryOperator> cases = Map.of(
                Activation.relu(), v -> Math.max(v, 0),
                Activation.tanh(), Math::tanh,
                Activation.sigmoid(), v -> 1 / (1 + Math.exp(-v)),
                Activation.gelu(), v -> 0.5 * v * (1 + erf(v / Math.sqrt(2))));
        Tensor x = randomInput(1, 3, 4);
        double[] xv = values(x.data());
        for (Map.Entry<Activation, DoubleUnaryOperator> e : cases.entrySet()) {
            double[] expected = new double[xv.length];
            for (int i = 0; i < xv.length; i++) {
                expected[i] = e.getValue().applyAsDouble(xv[i]);
            }
            assertClose(expected, new long[] {3, 4}, e.getKey().forward(x).data(), 1e-7);
            assertTrue(e.getKey().namedParameters().isEmpty());
            GradCheck.check(t -> e.getKey().forward(t[0]), x);
        }
        assertEquals("ReLU()", Activation.relu().toString());
    }
}
