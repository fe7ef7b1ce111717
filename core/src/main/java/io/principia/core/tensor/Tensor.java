package io.principia.core.tensor;

import io.principia.core.autograd.Backward;
import io.principia.core.autograd.BackwardFn;
import io.principia.core.autograd.Grad;
import io.principia.core.autograd.Node;
import io.principia.core.ops.Arithmetic;
import io.principia.core.ops.LinearAlgebra;
import io.principia.core.ops.Pointwise;
import io.principia.core.ops.Reductions;
import io.principia.core.ops.ShapeOps;
import io.principia.core.ops.Slicing;
import io.principia.core.ops.Softmax;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An n-dimensional array (an ND4J {@link INDArray}) plus what reverse-mode autograd needs: whether
 * it requires a gradient, the gradient accumulated so far, and the {@link Node} that produced it.
 *
 * <p>Ops build the graph as they run (define-by-run, as in PyTorch); {@link #backward()} walks it
 * in reverse topological order. A tensor used twice receives both contributions. Leaf tensors
 * (parameters, inputs created with {@link #param}) keep their gradient until {@link #zeroGrad()};
 * intermediate gradients are released once used unless {@link #retainGrad()} was called.
 *
 * <p>float32 is the default; float64 works everywhere and is what gradient checks use.
 */
public final class Tensor {
    private final INDArray data;
    private boolean requiresGrad;
    private Node node;
    private INDArray grad;
    /** True while {@link #grad} may alias an array some other tensor also holds. */
    private boolean gradShared;
    private boolean retainGrad;
    /** The previous gradient array, kept by {@link #zeroGrad()} for reuse by the next backward. */
    private INDArray spareGrad;

    private Tensor(INDArray data, boolean requiresGrad, Node node) {
        this.data = data;
        this.requiresGrad = requiresGrad;
        this.node = node;
    }

    // ---------------------------------------------------------------- construction

    /** Wraps an array as a constant (no gradient). The array is not copied. */
    public static Tensor of(INDArray data) {
        return new Tensor(checkNotNull(data), false, null);
    }

    /** Wraps an array as a leaf that requires a gradient (a parameter or a gradient-checked input). */
    public static Tensor param(INDArray data) {
        return new Tensor(checkGradType(checkNotNull(data)), true, null);
    }

    public static Tensor scalar(double value) {
        return of(Nd4j.scalar(DataType.FLOAT, value));
    }

    public static Tensor scalar(double value, DataType dtype) {
        return of(Nd4j.scalar(dtype, value));
    }

    public static Tensor zeros(long... shape) {
        return of(Nd4j.zeros(DataType.FLOAT, shape));
    }

    public static Tensor zeros(DataType dtype, long... shape) {
        return of(Nd4j.zeros(dtype, shape));
    }

    public static Tensor ones(long... shape) {
        return of(Nd4j.ones(DataType.FLOAT, shape));
    }

    /** A float32 constant from values in row-major (C) order. */
    public static Tensor of(float[] values, long... shape) {
        checkLength(values.length, shape);
        return of(Nd4j.create(values, shape, 'c'));
    }

    /** A float64 constant from values in row-major (C) order. */
    public static Tensor of(double[] values, long... shape) {
        checkLength(values.length, shape);
        return of(Nd4j.create(values, shape, 'c'));
    }

    private static void checkLength(int count, long[] shape) {
        long n = 1;
        for (long s : shape) {
            n = s < 0 ? -1 : n * s;
            if (n < 0) {
                break;
            }
        }
        if (n != count) {
            throw new IllegalArgumentException("Tensor.of: " + count + " values do not fill shape " + Arrays.toString(shape));
        }
    }

    /**
     * The result of an op: records a graph node when recording is on and any input needs a
     * gradient. {@code backward} receives the gradient of the output and must call
     * {@link #accumulateGrad} on each input that {@link #requiresGrad()}.
     */
    public static Tensor result(String op, INDArray value, BackwardFn backward, Tensor... inputs) {
        boolean needs = false;
        if (Grad.enabled()) {
            for (Tensor in : inputs) {
                if (in != null && in.requiresGrad) {
                    needs = true;
                    break;
                }
            }
        }
        return new Tensor(value, needs, needs ? new Node(op, inputs, backward) : null);
    }

    /** Only floating-point tensors can carry gradients (an integer gradient has no meaning). */
    private static INDArray checkGradType(INDArray data) {
        if (!data.dataType().isFPType()) {
            throw new IllegalArgumentException("only floating-point tensors can require a gradient, got " + data.dataType()
                    + " of shape " + Arrays.toString(data.shape()) + "; cast it first, e.g. castTo(DataType.FLOAT)");
        }
        return data;
    }

    private static INDArray checkNotNull(INDArray data) {
        if (data == null) {
            throw new IllegalArgumentException("tensor data is null");
        }
        return data;
    }

    // ---------------------------------------------------------------- accessors

    public INDArray data() { return data; }

    public long[] shape() { return data.shape(); }

    public long size(int axis) { return data.size(axis < 0 ? axis + data.rank() : axis); }

    public int rank() { return data.rank(); }

    public long length() { return data.length(); }

    public DataType dtype() { return data.dataType(); }

    /** The value of a one-element tensor. */
    public double item() {
        if (data.length() != 1) {
            throw new IllegalStateException("item() needs a one-element tensor, got shape " + Arrays.toString(shape()));
        }
        return data.getDouble(0);
    }

    public boolean requiresGrad() { return requiresGrad; }

    /** Marks a leaf as needing a gradient (or not). Only leaves can be changed. */
    public Tensor requiresGrad(boolean value) {
        if (node != null) {
            throw new IllegalStateException("requiresGrad can only be set on a leaf tensor, not on the output of op '" + node.op() + "'");
        }
        if (value) {
            checkGradType(data);
        }
        this.requiresGrad = value;
        return this;
    }

    public Node node() { return node; }

    public boolean isLeaf() { return node == null; }

    /** The accumulated gradient, or null if none has flowed here yet. */
    public INDArray grad() { return grad; }

    /** Same as {@link #grad()}, for the autograd engine. */
    public INDArray gradArray() { return grad; }

    /** Keeps this intermediate tensor's gradient after backward (leaves always keep theirs). */
    public Tensor retainGrad() {
        this.retainGrad = true;
        return this;
    }

    public boolean retainsGrad() { return retainGrad; }

    /**
     * Drops the accumulated gradient. An array this tensor owned is kept aside and may be
     * overwritten by the next backward (ND4J frees memory late, so reusing it saves a fresh
     * allocation per step): copy a gradient you want to keep past {@code zeroGrad()}.
     */
    public void zeroGrad() {
        if (grad != null && !gradShared) {
            spareGrad = grad;
        }
        grad = null;
        gradShared = false;
    }

    /**
     * For an op's backward: an array of this tensor's shape and type that the op may overwrite
     * completely and then hand to {@link #accumulateFreshGrad}, or null when there is none (the
     * op then allocates). Only offered while no gradient has been accumulated yet.
     */
    public INDArray takeGradBuffer() {
        INDArray b = spareGrad;
        spareGrad = null;
        if (b == null || grad != null || !requiresGrad || b.dataType() != data.dataType()
                || !Arrays.equals(b.shape(), data.shape())) {
            return null;
        }
        return b;
    }

    /** Drops the gradient without keeping it for reuse (the engine's cleanup of intermediates). */
    public void clearGrad() {
        grad = null;
        gradShared = false;
        spareGrad = null;
    }

    /** Replaces the gradient (used by gradient clipping and optimizers). Shape must match. */
    public void setGrad(INDArray g) {
        if (g != null && !Arrays.equals(g.shape(), data.shape())) {
            throw new IllegalArgumentException("gradient shape " + Arrays.toString(g.shape())
                    + " does not match tensor shape " + Arrays.toString(data.shape()));
        }
        grad = g;
        gradShared = false;
    }

    /**
     * Adds {@code g} into this tensor's gradient. The first contribution is stored without a copy;
     * a second one allocates a fresh sum, so arrays shared between tensors are never mutated.
     */
    public void accumulateGrad(INDArray g) {
        if (!requiresGrad) {
            return;
        }
        if (!Arrays.equals(g.shape(), data.shape())) {
            String op = node == null ? "leaf" : node.op();
            throw new IllegalStateException("gradient of shape " + Arrays.toString(g.shape()) + " reached tensor of shape "
                    + Arrays.toString(data.shape()) + " (produced by " + op + ")");
        }
        if (g.dataType() != data.dataType()) {
            g = g.castTo(data.dataType());
        }
        if (grad == null) {
            grad = g;
            gradShared = true;
        } else if (gradShared) {
            grad = grad.add(g);
            gradShared = false;
        } else {
            grad.addi(g);
        }
    }

    /**
     * Like {@link #accumulateGrad}, for an array the caller has just allocated and keeps no other
     * reference to: the first contribution is then owned outright, which saves the copy that
     * {@link #ownGrad()} would otherwise make for a leaf.
     */
    public void accumulateFreshGrad(INDArray g) {
        if (requiresGrad && grad == null && g.dataType() == data.dataType() && Arrays.equals(g.shape(), data.shape())) {
            grad = g;
            gradShared = false;
            return;
        }
        accumulateGrad(g);
    }

    /**
     * Sets the gradient aside (and clears it) so that a nested backward can read this tensor's
     * gradient on its own; {@link #restoreGrad} puts it back exactly as it was. Used by
     * {@link io.principia.core.autograd.Vjp}.
     */
    public GradStash stashGrad() {
        GradStash s = new GradStash(grad, gradShared);
        grad = null;
        gradShared = false;
        return s;
    }

    /** Puts back a gradient set aside by {@link #stashGrad}, dropping whatever accumulated since. */
    public void restoreGrad(GradStash stash) {
        grad = stash.grad();
        gradShared = stash.shared();
    }

    /** A gradient set aside by {@link #stashGrad}. */
    public record GradStash(INDArray grad, boolean shared) {}

    /** Makes sure the gradient array belongs to this tensor alone, so it may be updated in place. */
    public void ownGrad() {
        if (grad != null && gradShared) {
            grad = grad.dup();
            gradShared = false;
        }
    }

    // ---------------------------------------------------------------- autograd

    /** Backpropagates from a one-element tensor (a loss). */
    public void backward() {
        if (data.length() != 1) {
            throw new IllegalStateException("backward() without an explicit gradient needs a scalar, but this tensor has shape "
                    + Arrays.toString(shape()) + "; call backward(grad) with a gradient of that shape");
        }
        backward(Nd4j.onesLike(data), false);
    }

    /** Backpropagates a given output gradient (same shape as this tensor). */
    public void backward(INDArray gradOutput) {
        backward(gradOutput, false);
    }

    public void backward(INDArray gradOutput, boolean retainGraph) {
        if (!requiresGrad) {
            throw new IllegalStateException("backward() on a tensor that does not require a gradient"
                    + " (no input of its graph requires one, or it was computed under Grad.off())");
        }
        if (!Arrays.equals(gradOutput.shape(), data.shape())) {
            throw new IllegalArgumentException("backward: gradient shape " + Arrays.toString(gradOutput.shape())
                    + " does not match tensor shape " + Arrays.toString(data.shape()));
        }
        Backward.run(this, gradOutput, retainGraph);
    }

    /** The same data, cut from the graph. */
    public Tensor detach() {
        return new Tensor(data, false, null);
    }

    /** A copy of the data, cut from the graph. */
    public Tensor copy() {
        return new Tensor(data.dup(), false, null);
    }

    public Tensor castTo(DataType dtype) {
        return Pointwise.cast(this, dtype);
    }

    // ---------------------------------------------------------------- fluent ops

    public Tensor add(Tensor o) { return Arithmetic.add(this, o); }

    public Tensor add(double c) { return Arithmetic.add(this, c); }

    public Tensor sub(Tensor o) { return Arithmetic.sub(this, o); }

    public Tensor sub(double c) { return Arithmetic.add(this, -c); }

    public Tensor mul(Tensor o) { return Arithmetic.mul(this, o); }

    public Tensor mul(double c) { return Arithmetic.mul(this, c); }

    public Tensor div(Tensor o) { return Arithmetic.div(this, o); }

    public Tensor div(double c) { return Arithmetic.mul(this, 1.0 / c); }

    public Tensor neg() { return Arithmetic.neg(this); }

    public Tensor pow(double p) { return Arithmetic.pow(this, p); }

    public Tensor exp() { return Pointwise.exp(this); }

    public Tensor log() { return Pointwise.log(this); }

    public Tensor tanh() { return Pointwise.tanh(this); }

    public Tensor sigmoid() { return Pointwise.sigmoid(this); }

    public Tensor relu() { return Pointwise.relu(this); }

    public Tensor matmul(Tensor o) { return LinearAlgebra.matmul(this, o); }

    public Tensor sum() { return Reductions.sum(this); }

    public Tensor sum(int axis, boolean keepDims) { return Reductions.sum(this, new int[] {axis}, keepDims); }

    public Tensor mean() { return Reductions.mean(this); }

    public Tensor mean(int axis, boolean keepDims) { return Reductions.mean(this, new int[] {axis}, keepDims); }

    public Tensor reshape(long... shape) { return ShapeOps.reshape(this, shape); }

    public Tensor transpose(int a, int b) { return ShapeOps.transpose(this, a, b); }

    public Tensor permute(int... axes) { return ShapeOps.permute(this, axes); }

    public Tensor squeeze(int axis) { return ShapeOps.squeeze(this, axis); }

    public Tensor unsqueeze(int axis) { return ShapeOps.unsqueeze(this, axis); }

    public Tensor slice(int axis, long start, long end) { return Slicing.slice(this, axis, start, end); }

    public Tensor sqrt() { return Pointwise.sqrt(this); }

    public Tensor abs() { return Pointwise.abs(this); }

    public Tensor gelu() { return Pointwise.gelu(this); }

    public Tensor max(int axis, boolean keepDims) { return Reductions.max(this, new int[] {axis}, keepDims); }

    public Tensor logsumexp(int axis, boolean keepDims) { return Reductions.logsumexp(this, new int[] {axis}, keepDims); }

    public Tensor softmax(int axis) { return Softmax.softmax(this, axis); }

    public Tensor logSoftmax(int axis) { return Softmax.logSoftmax(this, axis); }

    @Override
    public String toString() {
        String op = node == null ? (requiresGrad ? "leaf, requiresGrad" : "const") : node.op();
        return "Tensor" + Arrays.toString(shape()) + " " + dtype() + " (" + op + ")\n" + data;
    }
}
