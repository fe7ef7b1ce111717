package io.principia.core.nn.functional;

import static io.principia.core.nn.functional.NativeOps.checkDtypes;

import io.principia.core.tensor.Tensor;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Layer and batch normalization, each one fused node with a closed-form backward.
 *
 * <p>Both compute x̂ = (x − μ) / √(σ² + ε) and y = γ ⊙ x̂ + β, with the biased variance σ². When
 * μ and σ² are statistics of the same x (layer norm; batch norm in training) the input gradient
 * over each group of n normalized elements is
 * <pre>  dx = (1/√(σ²+ε)) (ĝ − mean(ĝ) − x̂ ⊙ mean(ĝ ⊙ x̂)),   ĝ = γ ⊙ dy,</pre>
 * and dγ = Σ dy ⊙ x̂, dβ = Σ dy over everything but the feature axes.
 */
public final class Normalization {
    private Normalization() {}

    /**
     * Layer norm over the trailing {@code normalizedShape} axes of x, as PyTorch's
     * {@code F.layer_norm}. Shapes: x [..., *normalizedShape]; weight and bias normalizedShape or null.
     */
    public static Tensor layerNorm(Tensor x, long[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        String op = "layerNorm";
        checkDtypes(op, x, weight, bias);
        checkEps(op, eps);
        long[] xs = x.shape();
        int k = normalizedShape.length;
        if (k == 0 || k > xs.length || !Arrays.equals(Arrays.copyOfRange(xs, xs.length - k, xs.length), normalizedShape)) {
            throw new IllegalArgumentException("layerNorm: input shape " + Arrays.toString(xs) + " does not end with normalized shape "
                    + Arrays.toString(normalizedShape));
        }
        for (Tensor p : new Tensor[] {weight, bias}) {
            if (p != null && !Arrays.equals(p.shape(), normalizedShape)) {
                throw new IllegalArgumentException("layerNorm: " + (p == weight ? "weight" : "bias") + " shape "
                        + Arrays.toString(p.shape()) + " should be the normalized shape " + Arrays.toString(normalizedShape));
            }
        }
        long d = Arrays.stream(normalizedShape).reduce(1, (u, v) -> u * v); // features per row
        long rows = x.length() / d;
        INDArray x2 = x.data().reshape('c', rows, d); // [R, D]
        INDArray mean = x2.mean(true, 1); // [R, 1]
        INDArray rstd = Transforms.pow(x2.var(false, 1).reshape(rows, 1).addi(eps), -0.5, false); // [R, 1]
        INDArray xhat = x2.subColumnVector(mean).muliColumnVector(rstd); // [R, D]
        INDArray w2 = weight == null ? null : weight.data().reshape('c', 1, d); // [1, D]
        INDArray y2 = w2 == null ? xhat.dup() : xhat.mulRowVector(w2);
        if (bias != null) {
            y2.addiRowVector(bias.data().reshape('c', 1, d));
        }
        INDArray y = y2.reshape('c', xs);
        return Tensor.result(op, y, g -> {
            INDArray g2 = g.reshape('c', rows, d); // [R, D]
            if (x.requiresGrad()) {
                INDArray gh = w2 == null ? g2.dup() : g2.mulRowVector(w2); // ĝ = γ ⊙ dy
                INDArray meanG = gh.mean(true, 1); // [R, 1]
                INDArray meanGX = gh.mul(xhat).mean(true, 1); // [R, 1]
                INDArray dx = gh.subiColumnVector(meanG).subi(xhat.mulColumnVector(meanGX)).muliColumnVector(rstd);
                x.accumulateGrad(dx.reshape('c', xs));
            }
            if (weight != null && weight.requiresGrad()) {
                weight.accumulateGrad(g2.mul(xhat).sum(0).reshape('c', normalizedShape)); // Σ_rows dy ⊙ x̂
            }
            if (bias != null && bias.requiresGrad()) {
                bias.accumulateGrad(g2.sum(0).reshape('c', normalizedShape)); // Σ_rows dy
            }
        }, x, weight, bias);
    }

    /**
     * Batch norm over channel axis 1 of x ([N, C], [N, C, L] or [N, C, H, W]), as PyTorch's
     * {@code F.batch_norm}. In training the batch mean and biased variance normalize, and
     * the running statistics (if given) are updated in place with the unbiased variance:
     * r ← (1 − momentum) r + momentum · stat. In evaluation the running statistics normalize.
     *
     * <p>Shapes: runningMean, runningVar, weight, bias all [C] (each may be null; running stats
     * are required in evaluation).
     */
    public static Tensor batchNorm(Tensor x, INDArray runningMean, INDArray runningVar, Tensor weight, Tensor bias,
            boolean training, double momentum, double eps) {
        String op = "batchNorm";
        checkDtypes(op, x, weight, bias);
        checkEps(op, eps);
        long[] xs = x.shape();
        if (xs.length < 2) {
            throw new IllegalArgumentException("batchNorm: input must be [N, C, ...], got shape " + Arrays.toString(xs));
        }
        long c = xs[1];
        if ((runningMean == null) != (runningVar == null)) {
            throw new IllegalArgumentException("batchNorm: give both running mean and running variance, or neither");
        }
        if (!training && runningMean == null) {
            throw new IllegalArgumentException("batchNorm: evaluation mode needs running statistics");
        }
        checkChannels("running mean", runningMean == null ? null : runningMean.shape(), c, xs);
        checkChannels("running variance", runningVar == null ? null : runningVar.shape(), c, xs);
        checkChannels("weight", weight == null ? null : weight.shape(), c, xs);
        checkChannels("bias", bias == null ? null : bias.shape(), c, xs);
        int[] axes = new int[xs.length - 1]; // every axis but the channel axis
        axes[0] = 0;
        for (int a = 2; a < xs.length; a++) {
            axes[a - 1] = a;
        }
        long m = x.length() / c; // elements per channel
        INDArray mean, rstd;
        if (training) {
            if (m < 2) {
                throw new IllegalArgumentException("batchNorm: training needs more than one value per channel, got input shape "
                        + Arrays.toString(xs));
            }
            mean = x.data().mean(axes); // [C]
            INDArray var = x.data().var(false, axes); // [C], biased
            rstd = Transforms.pow(var.add(eps), -0.5, false); // [C]
            if (runningMean != null) {
                // castTo returns the same array when the types agree: scale with fresh arrays
                runningMean.muli(1 - momentum).addi(mean.mul(momentum).castTo(runningMean.dataType()));
                runningVar.muli(1 - momentum).addi(var.mul(momentum * m / (m - 1.0)).castTo(runningVar.dataType()));
            }
        } else {
            mean = runningMean.castTo(x.dtype()); // [C]
            rstd = Transforms.pow(runningVar.castTo(x.dtype()).add(eps), -0.5, false); // [C]
        }
        INDArray xhat = channelOp(new BroadcastSubOp(x.data(), mean, Nd4j.createUninitialized(x.dtype(), xs), 1));
        channelOp(new BroadcastMulOp(xhat, rstd, xhat, 1)); // [N, C, ...]
        INDArray y = weight == null ? xhat.dup() : channelOp(new BroadcastMulOp(xhat, weight.data(), Nd4j.createUninitialized(x.dtype(), xs), 1));
        if (bias != null) {
            channelOp(new BroadcastAddOp(y, bias.data(), y, 1));
        }
        INDArray finalRstd = rstd;
        return Tensor.result(op, y, g -> {
            if (x.requiresGrad()) {
                INDArray gh = weight == null ? g.dup() : channelOp(new BroadcastMulOp(g, weight.data(), Nd4j.createUninitialized(x.dtype(), xs), 1));
                if (training) {
                    // batch statistics depend on x: subtract the projections onto 1 and x̂
                    INDArray meanG = gh.mean(axes); // [C]
                    INDArray meanGX = gh.mul(xhat).mean(axes); // [C]
                    channelOp(new BroadcastSubOp(gh, meanG, gh, 1));
                    INDArray proj = channelOp(new BroadcastMulOp(xhat, meanGX, Nd4j.createUninitialized(x.dtype(), xs), 1));
                    gh.subi(proj);
                }
                channelOp(new BroadcastMulOp(gh, finalRstd, gh, 1));
                x.accumulateGrad(gh);
            }
            if (weight != null && weight.requiresGrad()) {
                weight.accumulateGrad(g.mul(xhat).sum(axes)); // [C]
            }
            if (bias != null && bias.requiresGrad()) {
                bias.accumulateGrad(g.sum(axes)); // [C]
            }
        }, x, weight, bias);
    }

    private static INDArray channelOp(org.nd4j.linalg.api.ops.BroadcastOp op) {
        Nd4j.getExecutioner().exec(op);
        return op.z();
    }

    private static void checkChannels(String what, long[] shape, long c, long[] xs) {
        if (shape != null && !(shape.length == 1 && shape[0] == c)) {
            throw new IllegalArgumentException("batchNorm: " + what + " shape " + Arrays.toString(shape) + " should be [" + c
                    + "] for input of shape " + Arrays.toString(xs));
        }
    }

    /** eps < 0 (or NaN) makes var + eps negative for some input, and every output NaN. */
    private static void checkEps(String op, double eps) {
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException(op + ": eps must be a finite number >= 0, got " + eps);
        }
    }
}
