package io.principia.core.nn.functional;

import io.principia.core.tensor.Tensor;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Embedding lookup, y[..., :] = W[idx[...], :], as PyTorch's {@code F.embedding}. The backward
 * adds each output row's gradient into the row it came from (repeated indices accumulate).
 *
 * <p>Shapes: W [num, dim], idx [...] of integers in [0, num), y [..., dim].
 */
public final class Embedding {
    private Embedding() {}

    public static Tensor embedding(Tensor weight, INDArray indices) {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("embedding: weight must be [num, dim], got shape " + Arrays.toString(weight.shape()));
        }
        if (!indices.dataType().isIntType()) {
            throw new IllegalArgumentException("embedding: indices must have an integer data type, got " + indices.dataType());
        }
        long num = weight.size(0), dim = weight.size(1);
        INDArray flat = indices.reshape('c', new long[] {indices.length()}).castTo(DataType.LONG); // [L]
        if (flat.length() > 0) {
            long lo = flat.minNumber().longValue(), hi = flat.maxNumber().longValue();
            if (lo < 0 || hi >= num) {
                throw new IllegalArgumentException("embedding: index " + (lo < 0 ? lo : hi) + " out of range [0, " + num
                        + ") for weight of shape " + Arrays.toString(weight.shape()));
            }
        }
        INDArray rows = Nd4j.exec(DynamicCustomOp.builder("gather").addInputs(weight.data(), flat)
                .addIntegerArguments(0).build())[0]; // [L, dim]
        long[] ys = Arrays.copyOf(indices.shape(), indices.rank() + 1);
        ys[ys.length - 1] = dim;
        INDArray y = rows.reshape('c', ys); // [..., dim]
        return Tensor.result("embedding", y, g -> {
            INDArray gw = Nd4j.zeros(weight.dtype(), num, dim); // [num, dim]
            INDArray g2 = g.reshape('c', flat.length(), dim); // [L, dim]
            // use_locking=true: serial over indices, so repeated indices accumulate without races
            Nd4j.exec(DynamicCustomOp.builder("scatter_add").addInputs(gw, flat, g2).addOutputs(gw)
                    .addBooleanArguments(true, false).build());
            weight.accumulateGrad(gw);
        }, weight);
    }

    public static Tensor embedding(Tensor weight, Tensor indices) {
        return embedding(weight, indices.data());
    }
}
