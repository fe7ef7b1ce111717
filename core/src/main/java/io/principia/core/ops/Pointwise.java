package io.principia.core.ops;

import io.principia.core.tensor.DTypes;
import io.principia.core.tensor.Tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Unary elementwise functions and activations, each with its backward right below. */
public final class Pointwise {
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

    private Pointwise() {}

    /** 1 where {@code x > 0}, else 0, in x's data type. */
    static INDArray positiveMask(INDArray x) {
        return x.gt(0).castTo(x.dataType());
    }

    /** exp(x) */
    public static Tensor exp(Tensor x) {
        DTypes.requireFloating("exp", x);
        INDArray y = Transforms.exp(x.data(), true);
        return Tensor.result("exp", y, g -> x.accumulateGrad(g.mul(y)), x);
    }

    /** log(x) */
    public static Tensor log(Tensor x) {
        DTypes.requireFloating("log", x);
        INDArray y = Transforms.log(x.data(), true);
        return Tensor.result("log", y, g -> x.accumulateGrad(g.div(x.data())), x);
    }

    /** sqrt(x) */
    public static Tensor sqrt(Tensor x) {
        DTypes.requireFloating("sqrt", x);
        INDArray y = Transforms.sqrt(x.data(), true);
        return Tensor.result("sqrt", y, g -> x.accumulateGrad(g.div(y).muli(0.5)), x);
    }

    /** |x|; the gradient at 0 is 0. */
    public static Tensor abs(Tensor x) {
        INDArray y = Transforms.abs(x.data(), true);
        return Tensor.result("abs", y, g -> x.accumulateGrad(g.mul(Transforms.sign(x.data(), true))), x);
    }

    /** tanh(x) */
    public static Tensor tanh(Tensor x) {
        DTypes.requireFloating("tanh", x);
        INDArray y = Transforms.tanh(x.data(), true);
        return Tensor.result("tanh", y, g -> {
            // 1 - y^2
            INDArray d = y.mul(y).rsubi(1.0);
            x.accumulateGrad(d.muli(g));
        }, x);
    }

    /** 1 / (1 + exp(-x)) */
    public static Tensor sigmoid(Tensor x) {
        DTypes.requireFloating("sigmoid", x);
        INDArray y = Transforms.sigmoid(x.data(), true);
        return Tensor.result("sigmoid", y, g -> {
            // y (1 - y)
            INDArray d = y.rsub(1.0).muli(y);
            x.accumulateGrad(d.muli(g));
        }, x);
    }

    /** max(x, 0); the gradient at 0 is 0. */
    public static Tensor relu(Tensor x) {
        INDArray y = Transforms.relu(x.data(), true);
        return Tensor.result("relu", y, g -> x.accumulateGrad(g.mul(positiveMask(x.data()))), x);
    }

    /** Exact GELU, x Φ(x) = x (1 + erf(x / √2)) / 2, as PyTorch's default. */
    public static Tensor gelu(Tensor x) {
        DTypes.requireFloating("gelu", x);
        INDArray cdf = erf(x.data().mul(SQRT_HALF)).addi(1.0).muli(0.5);
        INDArray y = x.data().mul(cdf);
        return Tensor.result("gelu", y, g -> {
            // Φ(x) + x φ(x), φ(x) = exp(-x²/2) / √(2π)
            INDArray pdf = Transforms.exp(x.data().mul(x.data()).muli(-0.5), false).muli(INV_SQRT_2PI);
            INDArray d = pdf.muli(x.data()).addi(cdf);
            x.accumulateGrad(d.muli(g));
        }, x);
    }

    static INDArray erf(INDArray x) {
        INDArray out = Nd4j.createUninitialized(x.dataType(), x.shape());
        Nd4j.getExecutioner().exec(new Erf(x, out));
        return out;
    }

    /** ELU: x for x > 0, alpha (exp(x) - 1) otherwise. */
    public static Tensor elu(Tensor x, double alpha) {
        DTypes.requireFloating("elu", x);
        INDArray pos = positiveMask(x.data());
        // y = max(x, 0) + alpha (exp(min(x, 0)) - 1); exp of min(x, 0) cannot overflow (exp(1000) * 0 was NaN)
        INDArray y = Transforms.exp(Transforms.min(x.data(), 0.0, true), false).subi(1.0).muli(alpha)
                .addi(Transforms.relu(x.data(), true));
        return Tensor.result("elu", y, g -> {
            // 1 for x > 0, y + alpha otherwise
            INDArray d = y.add(alpha).muli(pos.rsub(1.0)).addi(pos);
            x.accumulateGrad(d.muli(g));
        }, x);
    }

    public static Tensor elu(Tensor x) {
        return elu(x, 1.0);
    }

    /** softplus(x) = log(1 + exp(x)), computed stably as max(x, 0) + log(1 + exp(-|x|)). */
    public static Tensor softplus(Tensor x) {
        DTypes.requireFloating("softplus", x);
        INDArray y = Transforms.log(Transforms.exp(Transforms.abs(x.data(), true).negi(), false).addi(1.0), false)
                .addi(Transforms.relu(x.data(), true));
        return Tensor.result("softplus", y, g -> x.accumulateGrad(Transforms.sigmoid(x.data(), true).muli(g)), x);
    }

    /** sin(x) */
    public static Tensor sin(Tensor x) {
        DTypes.requireFloating("sin", x);
        INDArray y = Transforms.sin(x.data(), true);
        return Tensor.result("sin", y, g -> x.accumulateGrad(Transforms.cos(x.data(), true).muli(g)), x);
    }

    /** cos(x) */
    public static Tensor cos(Tensor x) {
        DTypes.requireFloating("cos", x);
        INDArray y = Transforms.cos(x.data(), true);
        return Tensor.result("cos", y, g -> x.accumulateGrad(Transforms.sin(x.data(), true).negi().muli(g)), x);
    }

    /** min(max(x, lo), hi); the gradient passes where lo ≤ x ≤ hi, as in PyTorch. */
    public static Tensor clamp(Tensor x, double lo, double hi) {
        if (lo > hi) {
            throw new IllegalArgumentException("clamp: lower bound " + lo + " is above upper bound " + hi);
        }
        INDArray y = Transforms.min(Transforms.max(x.data(), lo, true), hi, false);
        return Tensor.result("clamp", y, g -> {
            INDArray inside = x.data().gte(lo).castTo(x.dtype()).muli(x.data().lte(hi).castTo(x.dtype()));
            x.accumulateGrad(inside.muli(g));
        }, x);
    }

    /** A copy in another data type; the gradient is cast back. */
    public static Tensor cast(Tensor x, DataType dtype) {
        if (x.dtype() == dtype) {
            return x;
        }
        INDArray y = x.data().castTo(dtype);
        return Tensor.result("cast", y, g -> x.accumulateGrad(g.castTo(x.dtype())), x);
    }
}
