package io.principia.core.nn;

import io.principia.core.nn.functional.Normalization;
import io.principia.core.tensor.Tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalization over channel axis 1, as PyTorch's {@code nn.BatchNorm1d} ([N, C] or [N, C, L])
 * and {@code nn.BatchNorm2d} ([N, C, H, W]) in one class.
 *
 * <p>Training: normalize with the batch mean and biased variance, and update the running
 * statistics r ← (1 − momentum) r + momentum · stat with the unbiased variance. Evaluation:
 * normalize with the running statistics.
 *
 * <p>Parameters (when affine): {@code weight} (ones) and {@code bias} (zeros), [C]. Buffers:
 * {@code running_mean} (zeros) and {@code running_var} (ones) in the parameters' dtype, and
 * {@code num_batches_tracked} (int64 scalar), PyTorch's names, so state dicts carry over.
 */
public class BatchNorm extends Layer {
    public final int numFeatures;
    public final double eps;
    public final double momentum;
    public final Tensor weight;
    public final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;

    public BatchNorm(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, DataType.FLOAT);
    }

    public BatchNorm(int numFeatures, double eps, double momentum, boolean affine, DataType dtype) {
        if (numFeatures <= 0) {
            throw new IllegalArgumentException("BatchNorm: numFeatures must be positive, got " + numFeatures);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm: momentum must be in [0, 1], got " + momentum);
        }
        this.numFeatures = numFeatures;
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("BatchNorm: eps must be a finite number >= 0, got " + eps);
        }
        this.eps = eps;
        this.momentum = momentum;
        this.weight = affine ? registerParameter("weight", Init.ones(dtype, numFeatures)) : null;
        this.bias = affine ? registerParameter("bias", Init.zeros(dtype, numFeatures)) : null;
        this.runningMean = registerBuffer("running_mean", Init.zeros(dtype, numFeatures));
        this.runningVar = registerBuffer("running_var", Init.ones(dtype, numFeatures));
        this.numBatchesTracked = registerBuffer("num_batches_tracked", Nd4j.scalar(DataType.LONG, 0L));
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 2 || x.size(1) != numFeatures) {
            throw new IllegalArgumentException("BatchNorm: input shape " + java.util.Arrays.toString(x.shape())
                    + " should be [N, " + numFeatures + ", ...]");
        }
        boolean training = isTraining();
        if (training) {
            numBatchesTracked.data().addi(1);
        }
        return Normalization.batchNorm(x, runningMean.data(), runningVar.data(), weight, bias, training, momentum, eps);
    }

    public INDArray runningMean() { return runningMean.data(); }

    public INDArray runningVar() { return runningVar.data(); }

    public long numBatchesTracked() { return numBatchesTracked.data().getLong(0); }

    @Override
    public String toString() {
        return "BatchNorm(" + numFeatures + ", eps=" + eps + ", momentum=" + momentum + ", affine=" + (weight != null) + ")";
    }
}
