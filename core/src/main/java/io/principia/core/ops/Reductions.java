package io.principia.core.ops;

import io.principia.core.tensor.DTypes;
import io.principia.core.tensor.Tensor;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Reductions over all or some axes, with keep-dims. Axes may be negative (counted from the end);
 * an axis list must be non-empty and name each axis at most once. The all-axes forms return a
 * rank-0 scalar.
 */
public final class Reductions {
    private Reductions() {}

    /** Normalizes negative axes and checks them against the rank (non-empty, no repeats). */
    static int[] axes(String op, Tensor x, int[] axes) {
        DTypes.requireNonEmpty(op, x);
        int r = x.rank();
        if (axes == null || axes.length == 0) {
            throw new IllegalArgumentException(op + ": no axes given for shape " + Arrays.toString(x.shape())
                    + "; use the all-axes form " + op + "(x) to reduce everything");
        }
        int[] out = new int[axes.length];
        boolean[] seen = new boolean[r];
        for (int i = 0; i < axes.length; i++) {
            int a = axes[i] < 0 ? axes[i] + r : axes[i];
            if (a < 0 || a >= r) {
                throw new IllegalArgumentException(op + ": axis " + axes[i] + " out of range for shape " + Arrays.toString(x.shape()));
            }
            if (seen[a]) {
                throw new IllegalArgumentException(op + ": axis " + axes[i] + " repeated in " + Arrays.toString(axes)
                        + " for shape " + Arrays.toString(x.shape()));
            }
            seen[a] = true;
            out[i] = a;
        }
        return out;
    }

    /** Every axis of x, in order, after checking that x has elements to reduce. */
    static int[] allAxes(String op, Tensor x) {
        DTypes.requireNonEmpty(op, x);
        return allAxes(x);
    }

    /** Every axis of x, in order. */
    static int[] allAxes(Tensor x) {
        int[] ax = new int[x.rank()];
        for (int i = 0; i < ax.length; i++) {
            ax[i] = i;
        }
        return ax;
    }

    /** The shape of a reduction result with the reduced axes kept as size 1. */
    static long[] keptShape(long[] shape, int[] axes) {
        long[] s = shape.clone();
        for (int a : axes) {
            s[a] = 1;
        }
        return s;
    }

    /** The shape of a reduction result with the reduced axes dropped. */
    static long[] droppedShape(long[] shape, int[] axes) {
        boolean[] drop = new boolean[shape.length];
        for (int a : axes) {
            drop[a] = true;
        }
        long[] s = new long[shape.length - axes.length];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (!drop[i]) {
                s[j++] = shape[i];
            }
        }
        return s;
    }

    /** Number of elements reduced into each output element. */
    static long count(Tensor x, int[] axes) {
        long n = 1;
        for (int a : axes) {
            n *= x.size(a);
        }
        return n;
    }

    // ---------------------------------------------------------------- sum and mean

    /** y = Σ_i x_i, a scalar (rank 0). */
    public static Tensor sum(Tensor x) {
        DTypes.requireNonEmpty("sum", x);
        INDArray y = Nd4j.scalar(x.dtype(), total(x.data()));
        return Tensor.result("sum", y, g -> x.accumulateGrad(Nd4j.valueArrayOf(x.shape(), g.getDouble(0), x.dtype())), x);
    }

    /** y = Σ_{axes} x; keepDims keeps the reduced axes as size 1. */
    public static Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        int[] ax = axes("sum", x, axes);
        long[] kept = keptShape(x.shape(), ax);
        INDArray y = x.data().sum(keepDims, ax);
        return Tensor.result("sum", y, g -> x.accumulateGrad(g.reshape(kept).broadcast(x.shape())), x);
    }

    /** Above this many elements a float32 (or narrower) total is accumulated in float64. */
    static final long WIDE_SUM_THRESHOLD = 1 << 16;

    /**
     * Σ x over all elements. libnd4j accumulates a float32 sum in float32: over 3.2 million squared
     * values its mean was 0.42967 (1 thread) or 0.43049 (2 threads) against the exact 0.43096 (found
     * by the GRAND++ benchmark). Long float32 arrays are therefore summed as float64.
     */
    static double total(INDArray a) {
        if (a.length() > WIDE_SUM_THRESHOLD && a.dataType() != DataType.DOUBLE && a.dataType().isFPType()) {
            return a.castTo(DataType.DOUBLE).sumNumber().doubleValue();
        }
        return a.sumNumber().doubleValue();
    }

    /** y = (1/n) Σ_i x_i over all n elements, a scalar. */
    public static Tensor mean(Tensor x) {
        DTypes.requireFloating("mean", x);
        DTypes.requireNonEmpty("mean", x);
        long n = x.length();
        INDArray y = Nd4j.scalar(x.dtype(), total(x.data()) / n);
        return Tensor.result("mean", y, g -> x.accumulateGrad(Nd4j.valueArrayOf(x.shape(), g.getDouble(0) / n, x.dtype())), x);
    }

    /** y = (1/n) Σ_{axes} x, n the number of elements reduced. */
    public static Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        DTypes.requireFloating("mean", x);
        int[] ax = axes("mean", x, axes);
        long[] kept = keptShape(x.shape(), ax);
        double scale = 1.0 / count(x, ax);
        INDArray y = x.data().mean(keepDims, ax);
        return Tensor.result("mean", y, g -> x.accumulateGrad(g.reshape(kept).mul(scale).broadcast(x.shape())), x);
    }

    // ---------------------------------------------------------------- max and min

    /**
     * y = max_{axes} x. The gradient goes to the maximal entries; ties split it evenly (each of k
     * tied entries gets g / k), as {@code torch.amax} does, so the gradient is symmetric in ties.
     */
    public static Tensor max(Tensor x, int[] axes, boolean keepDims) {
        return extremum("max", x, axes("max", x, axes), keepDims);
    }

    /** y = max_i x_i over all elements, a scalar; ties split the gradient evenly. */
    public static Tensor max(Tensor x) {
        return extremum("max", x, allAxes("max", x), false);
    }

    /** y = min_{axes} x; ties split the gradient evenly, as in {@link #max(Tensor, int[], boolean)}. */
    public static Tensor min(Tensor x, int[] axes, boolean keepDims) {
        return extremum("min", x, axes("min", x, axes), keepDims);
    }

    /** y = min_i x_i over all elements, a scalar; ties split the gradient evenly. */
    public static Tensor min(Tensor x) {
        return extremum("min", x, allAxes("min", x), false);
    }

    private static Tensor extremum(String op, Tensor x, int[] ax, boolean keepDims) {
        if (ax.length == 0) { // rank-0 input: nothing to reduce
            return Tensor.result(op, x.data().dup(), x::accumulateGrad, x);
        }
        long[] kept = keptShape(x.shape(), ax);
        INDArray yk = op.equals("max") ? x.data().max(true, ax) : x.data().min(true, ax); // kept shape
        INDArray y = keepDims ? yk : yk.reshape(droppedShape(x.shape(), ax));
        return Tensor.result(op, y, g -> {
            // d = [x == y] / #ties, times g, broadcast over the reduced axes
            INDArray hit = x.data().eq(yk).castTo(x.dtype());
            INDArray ties = hit.sum(true, ax); // kept shape
            x.accumulateGrad(hit.divi(ties).muli(g.reshape(kept)));
        }, x);
    }

    // ---------------------------------------------------------------- logsumexp

    /** y = log Σ_{axes} exp(x), computed as m + log Σ exp(x - m) with m = max_{axes} x. */
    public static Tensor logsumexp(Tensor x, int[] axes, boolean keepDims) {
        return logsumexpOver(x, axes("logsumexp", x, axes), keepDims);
    }

    /** y = log Σ_i exp(x_i) over all elements, a scalar, computed stably. */
    public static Tensor logsumexp(Tensor x) {
        return logsumexpOver(x, allAxes("logsumexp", x), false);
    }

    private static Tensor logsumexpOver(Tensor x, int[] ax, boolean keepDims) {
        DTypes.requireFloating("logsumexp", x);
        if (ax.length == 0) {
            return Tensor.result("logsumexp", x.data().dup(), x::accumulateGrad, x);
        }
        long[] kept = keptShape(x.shape(), ax);
        INDArray m = x.data().max(true, ax); // kept shape
        // a slice that is all -inf (or holds +inf) would give inf - inf = NaN; shift those by 0 instead
        BooleanIndexing.replaceWhere(m, 0.0, Conditions.isInfinite());
        INDArray yk = Transforms.log(Transforms.exp(x.data().sub(m), false).sum(true, ax), false).addi(m); // kept
        INDArray y = keepDims ? yk : yk.reshape(droppedShape(x.shape(), ax));
        return Tensor.result("logsumexp", y, g -> {
            // dy/dx = softmax over the reduced axes = exp(x - y)
            INDArray d = Transforms.exp(x.data().sub(yk), false);
            x.accumulateGrad(d.muli(g.reshape(kept)));
        }, x);
    }

    // ---------------------------------------------------------------- variance and standard deviation

    /**
     * y = Σ_{axes} (x - x̄)² / (n - c), with c = 1 when {@code unbiased} (Bessel's correction,
     * PyTorch's default) and 0 otherwise; n is the number of elements reduced.
     */
    public static Tensor var(Tensor x, int[] axes, boolean keepDims, boolean unbiased) {
        return moment("var", x, axes("var", x, axes), keepDims, unbiased, false);
    }

    /** y = Σ_i (x_i - x̄)² / (n - c) over all elements, a scalar. */
    public static Tensor var(Tensor x, boolean unbiased) {
        return moment("var", x, allAxes("var", x), false, unbiased, false);
    }

    /** y = sqrt(var(x)); the gradient (x - x̄) / ((n - c) y) is infinite where y = 0, as in PyTorch. */
    public static Tensor std(Tensor x, int[] axes, boolean keepDims, boolean unbiased) {
        return moment("std", x, axes("std", x, axes), keepDims, unbiased, true);
    }

    /** y = sqrt(var(x)) over all elements, a scalar. */
    public static Tensor std(Tensor x, boolean unbiased) {
        return moment("std", x, allAxes("std", x), false, unbiased, true);
    }

    private static Tensor moment(String op, Tensor x, int[] ax, boolean keepDims, boolean unbiased, boolean sqrt) {
        DTypes.requireFloating(op, x);
        long n = ax.length == 0 ? 1 : count(x, ax);
        double denom = n - (unbiased ? 1 : 0);
        if (denom <= 0) {
            throw new IllegalArgumentException(op + ": the unbiased estimate needs at least 2 elements per reduction, but shape "
                    + Arrays.toString(x.shape()) + " reduced over axes " + Arrays.toString(ax) + " has " + n);
        }
        if (ax.length == 0) { // rank-0 input, biased: a single element has variance 0
            return Tensor.result(op, Nd4j.zerosLike(x.data()), g -> x.accumulateGrad(Nd4j.zerosLike(x.data())), x);
        }
        long[] kept = keptShape(x.shape(), ax);
        INDArray vk = x.data().var(unbiased, ax).reshape(kept); // kept shape
        INDArray yk = sqrt ? Transforms.sqrt(vk, true) : vk;
        INDArray y = keepDims ? yk : yk.reshape(droppedShape(x.shape(), ax));
        return Tensor.result(op, y, g -> {
            // dvar/dx = 2 (x - x̄) / (n - c); dstd/dx = (x - x̄) / ((n - c) std)
            INDArray d = x.data().sub(x.data().mean(true, ax)); // x - x̄
            INDArray gk = sqrt ? g.reshape(kept).div(yk).muli(1.0 / denom) : g.reshape(kept).mul(2.0 / denom);
            x.accumulateGrad(d.muli(gk));
        }, x);
    }
}
