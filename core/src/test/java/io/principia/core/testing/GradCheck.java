package io.principia.core.testing;

import io.principia.core.autograd.Grad;
import io.principia.core.tensor.Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradient check by central differences in float64, like {@code torch.autograd.gradcheck}:
 * an analytic gradient g passes where |g - n| ≤ atol + rtol |n| for the numeric estimate n.
 *
 * <p>A non-scalar output y is reduced to Σ w ⊙ y with fixed random weights w, so every output
 * element is checked with a distinct weight. Shipped in the core test-jar for every module.
 */
public final class GradCheck {
    public static final double EPS = 1e-6;
    public static final double ATOL = 1e-5;
    public static final double RTOL = 1e-3;

    private GradCheck() {}

    /** Random float64 leaf requiring a gradient, N(0, 1) entries, deterministic in the seed. */
    public static Tensor randomInput(long seed, long... shape) {
        Random r = new Random(seed);
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return Tensor.param(Nd4j.create(v, shape, 'c'));
    }

    /** Checks d f(inputs) / d input for every input that requires a gradient. */
    public static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        check(f, ATOL, RTOL, inputs);
    }

    public static void check(Function<Tensor[], Tensor> f, double atol, double rtol, Tensor... inputs) {
        for (Tensor in : inputs) {
            if (in.dtype() != DataType.DOUBLE) {
                throw new IllegalArgumentException("gradient checks need float64 inputs, got " + in.dtype());
            }
        }
        Tensor probe = f.apply(inputs);
        INDArray weights = weightsFor(probe.data());
        Supplier<Tensor> loss = () -> {
            Tensor y = f.apply(inputs);
            return y.mul(Tensor.of(weights.castTo(y.dtype()))).sum();
        };
        checkLoss(loss, Arrays.asList(inputs), atol, rtol);
    }

    /** Checks the gradient of a scalar loss with respect to the given leaves (e.g. module parameters). */
    public static void checkLoss(Supplier<Tensor> loss, List<Tensor> leaves) {
        checkLoss(loss, leaves, ATOL, RTOL);
    }

    public static void checkLoss(Supplier<Tensor> loss, List<Tensor> leaves, double atol, double rtol) {
        for (Tensor t : leaves) {
            t.zeroGrad();
        }
        Tensor l = loss.get();
        if (l.length() != 1) {
            throw new IllegalArgumentException("checkLoss needs a scalar loss, got shape " + Arrays.toString(l.shape()));
        }
        l.backward();
        int checked = 0;
        for (int k = 0; k < leaves.size(); k++) {
            Tensor t = leaves.get(k);
            if (!t.requiresGrad()) {
                continue;
            }
            INDArray analytic = t.grad() == null ? Nd4j.zerosLike(t.data()) : t.grad().dup();
            INDArray flat = t.data().reshape(t.length());
            for (long i = 0; i < t.length(); i++) {
                double orig = flat.getDouble(i);
                double plus, minus;
                try (var g = Grad.off()) {
                    flat.putScalar(i, orig + EPS);
                    plus = loss.get().item();
                    flat.putScalar(i, orig - EPS);
                    minus = loss.get().item();
                    flat.putScalar(i, orig);
                }
                double numeric = (plus - minus) / (2 * EPS);
                double a = analytic.reshape(t.length()).getDouble(i);
                if (!(Math.abs(a - numeric) <= atol + rtol * Math.abs(numeric))) {
                    throw new AssertionError(String.format(
                            "gradient mismatch at input %d %s, flat element %d: analytic %.10g, numeric %.10g",
                            k, Arrays.toString(t.shape()), i, a, numeric));
                }
                checked++;
            }
        }
        if (checked == 0) {
            throw new AssertionError("gradient check compared no elements: no leaf requires a gradient");
        }
    }

    private static INDArray weightsFor(INDArray y) {
        Random r = new Random(1234);
        double[] w = new double[(int) y.length()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.5 + r.nextDouble(); // in [0.5, 1.5): no element is weighted away
        }
        return Nd4j.create(w, y.shape(), 'c');
    }
}
