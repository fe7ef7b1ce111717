package io.principia.core.ops;

import static io.principia.core.ops.Loops.assertValues;
import static io.principia.core.ops.ShapeOpsTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;

import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class PointwiseTest {
    /** Inputs over [-3, 3] that avoid 0 (the kink of relu and abs) by at least 0.05. */
    private static final double[] GRID = {-2.9, -2.1, -1.3, -0.7, -0.25, 0.05, 0.4, 0.9, 1.6, 2.3, 2.95, -0.05};
    /** Positive inputs, for log and sqrt. */
    private static final double[] POSITIVE = {0.05, 0.3, 0.9, 1.7, 4.2, 11.0};

    private static Tensor leaf(double[] v) {
        return Tensor.param(Nd4j.create(v.clone(), new long[] {2, v.length / 2}, 'c'));
    }

    /** Checks values against {@code oracle} elementwise, and the gradient by central differences. */
    private static void check(Function<Tensor, Tensor> op, DoubleUnaryOperator oracle, double[] inputs) {
        Tensor x = leaf(inputs);
        double[] expected = new double[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            expected[i] = oracle.applyAsDouble(inputs[i]);
        }
        assertValues(expected, op.apply(x), 1e-12);
        GradCheck.check(t -> op.apply(t[0]), x);
    }

    /** erf by its Maclaurin series Σ (-1)^n x^(2n+1) / (n! (2n+1)), 2/√π in front; exact to 1e-15 for |x| ≤ 3. */
    static double erfSeries(double x) {
        double term = x, sum = x;
        for (int n = 1; n < 120; n++) {
            term *= -x * x / n; // (-1)^n x^(2n+1) / n!
            sum += term / (2 * n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void smoothFunctionsMatchJavaMath() {
        check(Pointwise::exp, Math::exp, GRID);
        check(Pointwise::log, Math::log, POSITIVE);
        check(Pointwise::sqrt, Math::sqrt, POSITIVE);
        check(Pointwise::tanh, Math::tanh, GRID);
        check(Pointwise::sigmoid, PointwiseTest::sigmoid, GRID);
        check(Pointwise::sin, Math::sin, GRID);
        check(Pointwise::cos, Math::cos, GRID);
        check(Pointwise::softplus, x -> Math.log1p(Math.exp(x)), GRID);
    }

    @Test
    void piecewiseFunctionsAwayFromKinks() {
        check(Pointwise::abs, Math::abs, GRID);
        check(Pointwise::relu, x -> Math.max(x, 0), GRID);
        check(Pointwise::elu, x -> x > 0 ? x : Math.expm1(x), GRID);
        check(t -> Pointwise.elu(t, 0.5), x -> x > 0 ? x : 0.5 * Math.expm1(x), GRID);
        check(t -> Pointwise.clamp(t, -1.0, 2.0), x -> Math.min(Math.max(x, -1.0), 2.0), GRID);
    }

    @Test
    void gradientsAtKinksFollowPyTorch() {
        Tensor x = Tensor.param(Nd4j.createFromArray(0.0, -1.0, 2.0));
        Pointwise.relu(x).sum().backward();
        assertValues(new double[] {0, 0, 1}, Tensor.of(x.grad()), 0);
        x.zeroGrad();
        Pointwise.abs(x).sum().backward();
        assertValues(new double[] {0, -1, 1}, Tensor.of(x.grad()), 0);
        x.zeroGrad();
        Pointwise.clamp(x, -1.0, 2.0).sum().backward(); // the bounds themselves pass the gradient
        assertValues(new double[] {1, 1, 1}, Tensor.of(x.grad()), 0);
        assertError(() -> Pointwise.clamp(x, 1.0, 0.0), "clamp", "1.0", "0.0");
    }

    @Test
    void geluIsExactErfForm() {
        check(Pointwise::gelu, x -> 0.5 * x * (1 + erfSeries(x / Math.sqrt(2))), GRID);
        Tensor known = Tensor.of(new double[] {1, -1, 2, 0}, 4);
        assertValues(new double[] {0.8413447460685429, -0.15865525393145707, 1.9544997361036416, 0}, Pointwise.gelu(known), 1e-12);
    }

    @Test
    void largeInputsStayFinite() {
        Tensor big = Tensor.of(new double[] {-1000, -50, 50, 1000}, 4);
        assertValues(new double[] {0, 0, 50, 1000}, Pointwise.softplus(big), 1e-12);
        assertValues(new double[] {0, 1.9287498479639178e-22, 1, 1}, Pointwise.sigmoid(big), 1e-12);
        assertValues(new double[] {-1, Math.expm1(-50), 50, 1000}, Pointwise.elu(big), 1e-12);
        assertValues(new double[] {-0, -0, 50, 1000}, Pointwise.gelu(big), 1e-12);
        Tensor bigLeaf = Tensor.param(big.data().dup());
        Pointwise.elu(bigLeaf).sum().backward();
        assertValues(new double[] {0, Math.exp(-50), 1, 1}, Tensor.of(bigLeaf.grad()), 1e-12);
    }

    @Test
    void castChangesTypeAndCastsTheGradientBack() {
        Tensor x = Tensor.param(Nd4j.createFromArray(1.5f, -2.25f));
        Tensor y = Pointwise.cast(x, DataType.DOUBLE);
        assertEquals(DataType.DOUBLE, y.dtype());
        assertValues(new double[] {1.5, -2.25}, y, 0);
        y.mul(Tensor.of(new double[] {3, 4}, 2)).sum().backward();
        assertEquals(DataType.FLOAT, x.grad().dataType());
        assertValues(new double[] {3, 4}, Tensor.of(x.grad()), 0);
        assertSame(x, Pointwise.cast(x, DataType.FLOAT)); // same type: no new node
        // (no finite-difference check: a float32 intermediate rounds a 1e-6 step away; the explicit gradient above covers it)
    }
}
