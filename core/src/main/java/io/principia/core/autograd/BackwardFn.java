package io.principia.core.autograd;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The local backward rule of one op: given the gradient of the loss with respect to the op's
 * output, add the gradients with respect to each input into those inputs (via
 * {@link io.principia.core.tensor.Tensor#accumulateGrad}).
 */
@FunctionalInterface
public interface BackwardFn {
    void apply(INDArray gradOutput);
}
