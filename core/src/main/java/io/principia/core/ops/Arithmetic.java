package io.principia.core.ops;

import io.principia.core.tensor.Broadcast;
import io.principia.core.tensor.Tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Elementwise arithmetic with NumPy broadcasting. Each backward sits under its forward. */
public final class Arithmetic {
    /*
     * NAN_SCALAR: libnd4j M2.1 scalar ops replace a NaN operand by 1e-5 (x.mul(NaN) gives 1e-5 x),
     * so a NaN constant goes through the broadcast path with a rank-0 array, which is correct.
     */
    private Arithmetic() {}

    static void checkDtypes(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": data types differ (" + a.dtype() + " vs " + b.dtype()
                    + "); cast one with castTo()");
        }
    }

    /** a + b */
    public static Tensor add(Tensor a, Tensor b) {
        checkDtypes("add", a, b);
        Broadcast.shape("add", a.shape(), b.shape());
        INDArray y = a.data().add(b.data());
        return Tensor.result("add", y, g -> {
            a.accumulateGrad(Broadcast.reduceTo(g, a.shape()));
            b.accumulateGrad(Broadcast.reduceTo(g, b.shape()));
        }, a, b);
    }

    /** a + c for a constant c */
    public static Tensor add(Tensor a, double c) {
        if (Double.isNaN(c)) {
            return add(a, Tensor.scalar(c, a.dtype())); // see NAN_SCALAR
        }
        INDArray y = a.data().add(c);
        return Tensor.result("add_scalar", y, a::accumulateGrad, a);
    }

    /** a - b */
    public static Tensor sub(Tensor a, Tensor b) {
        checkDtypes("sub", a, b);
        Broadcast.shape("sub", a.shape(), b.shape());
        INDArray y = a.data().sub(b.data());
        return Tensor.result("sub", y, g -> {
            a.accumulateGrad(Broadcast.reduceTo(g, a.shape()));
            if (b.requiresGrad()) {
                b.accumulateGrad(Broadcast.reduceTo(g.neg(), b.shape()));
            }
        }, a, b);
    }

    /** c - a for a constant c */
    public static Tensor rsub(double c, Tensor a) {
        if (Double.isNaN(c)) {
            return sub(Tensor.scalar(c, a.dtype()), a); // see NAN_SCALAR
        }
        INDArray y = a.data().rsub(c);
        return Tensor.result("rsub_scalar", y, g -> a.accumulateGrad(g.neg()), a);
    }

    /** a * b (elementwise) */
    public static Tensor mul(Tensor a, Tensor b) {
        checkDtypes("mul", a, b);
        Broadcast.shape("mul", a.shape(), b.shape());
        INDArray y = a.data().mul(b.data());
        return Tensor.result("mul", y, g -> {
            if (a.requiresGrad()) {
                a.accumulateGrad(Broadcast.reduceTo(g.mul(b.data()), a.shape()));
            }
            if (b.requiresGrad()) {
                b.accumulateGrad(Broadcast.reduceTo(g.mul(a.data()), b.shape()));
            }
        }, a, b);
    }

    /** a * c for a constant c */
    public static Tensor mul(Tensor a, double c) {
        if (Double.isNaN(c)) {
            return mul(a, Tensor.scalar(c, a.dtype())); // see NAN_SCALAR
        }
        INDArray y = a.data().mul(c);
        return Tensor.result("mul_scalar", y, g -> a.accumulateGrad(g.mul(c)), a);
    }

    /** a / b (elementwise) */
    public static Tensor div(Tensor a, Tensor b) {
        checkDtypes("div", a, b);
        Broadcast.shape("div", a.shape(), b.shape());
        INDArray y = a.data().div(b.data());
        return Tensor.result("div", y, g -> {
            INDArray gOverB = g.div(b.data());
            if (a.requiresGrad()) {
                a.accumulateGrad(Broadcast.reduceTo(gOverB, a.shape()));
            }
            if (b.requiresGrad()) {
                // d(a/b)/db = -a/b^2 = -y/b
                b.accumulateGrad(Broadcast.reduceTo(gOverB.muli(y).negi(), b.shape()));
            }
        }, a, b);
    }

    /** -a */
    public static Tensor neg(Tensor a) {
        INDArray y = a.data().neg();
        return Tensor.result("neg", y, g -> a.accumulateGrad(g.neg()), a);
    }

    /** a^p for a constant exponent p */
    public static Tensor pow(Tensor a, double p) {
        INDArray y = Transforms.pow(a.data(), p, true);
        return Tensor.result("pow", y, g -> {
            // d(a^p)/da = p a^(p-1)
            INDArray d = Transforms.pow(a.data(), p - 1, true).muli(p);
            a.accumulateGrad(d.muli(g));
        }, a);
    }
}
