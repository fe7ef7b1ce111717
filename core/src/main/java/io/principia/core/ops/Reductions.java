package io.principia.core.ops;

import io.principia.core.tensor.Tensor;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reductions over all or some axes, with keep-dims. */
public final class Reductions {
    private Reductions() {}

    /** Normalizes negative axes and checks them against the rank. */
    static int[] axes(String op, Tensor x, int[] axes) {
        int r = x.rank();
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int a = axes[i] < 0 ? axes[i] + r : axes[i];
            if (a < 0 || a >= r) {
                throw new IllegalArgumentException(op + ": axis " + axes[i] + " out of range for shape " + Arrays.toString(x.shape()));
            }
            out[i] = a;
        }
        return out;
    }

    /** The shape of a reduction result with the reduced axes kept as size 1. */
    static long[] keptShape(long[] shape, int[] axes) {
        long[] s = shape.clone();
        for (int a : axes) {
            s[a] = 1;
        }
        return s;
    }

    /** Sum of all elements, a scalar (rank 0). */
    public static Tensor sum(Tensor x) {
        INDArray y = Nd4j.scalar(x.dtype(), x.data().sumNumber().doubleValue());
        return Tensor.result("sum", y, g -> x.accumulateGrad(Nd4j.valueArrayOf(x.shape(), g.getDouble(0), x.dtype())), x);
    }

    /** Sum over {@code axes}; keepDims keeps them as size 1. */
    public static Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        int[] ax = axes("sum", x, axes);
        long[] kept = keptShape(x.shape(), ax);
        INDArray y = x.data().sum(keepDims, ax);
        return Tensor.result("sum", y, g -> x.accumulateGrad(g.reshape(kept).broadcast(x.shape())), x);
    }

    /** Mean of all elements, a scalar. */
    public static Tensor mean(Tensor x) {
        long n = x.length();
        INDArray y = Nd4j.scalar(x.dtype(), x.data().sumNumber().doubleValue() / n);
        return Tensor.result("mean", y, g -> x.accumulateGrad(Nd4j.valueArrayOf(x.shape(), g.getDouble(0) / n, x.dtype())), x);
    }

    /** Mean over {@code axes}. */
    public static Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        int[] ax = axes("mean", x, axes);
        long[] kept = keptShape(x.shape(), ax);
        long n = 1;
        for (int a : ax) {
            n *= x.size(a);
        }
        double scale = 1.0 / n;
        INDArray y = x.data().mean(keepDims, ax);
        return Tensor.result("mean", y, g -> x.accumulateGrad(g.reshape(kept).mul(scale).broadcast(x.shape())), x);
    }
}
