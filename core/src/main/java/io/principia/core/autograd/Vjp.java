package io.principia.core.autograd;

import io.principia.core.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Vector-Jacobian products, like {@code torch.autograd.grad(output, inputs, grad_outputs)}: the
 * gradients of {@code <seed, output>} with respect to chosen leaf tensors, returned instead of
 * accumulated. The inputs' own gradients are set aside during the sweep and restored after it,
 * so a VJP can run inside another backward pass (the adjoint method does exactly that).
 *
 * <p>Other leaves that {@code output} depends on still receive their contributions, as in any
 * backward; pass them as inputs (or detach them) when that is not wanted.
 */
public final class Vjp {
    private Vjp() {}

    /**
     * @param output a tensor computed with recording on from {@code inputs}
     * @param seed   the cotangent, of output's shape
     * @param inputs leaf tensors; an input the output does not depend on gets zeros
     * @return one gradient per input, in order, each of that input's shape
     */
    public static INDArray[] of(Tensor output, INDArray seed, List<Tensor> inputs) {
        if (!Arrays.equals(seed.shape(), output.shape())) {
            throw new IllegalArgumentException("vjp: seed shape " + Arrays.toString(seed.shape())
                    + " does not match output shape " + Arrays.toString(output.shape()));
        }
        Tensor.GradStash[] stashes = new Tensor.GradStash[inputs.size()];
        for (int i = 0; i < stashes.length; i++) {
            stashes[i] = inputs.get(i).stashGrad();
        }
        INDArray[] out = new INDArray[inputs.size()];
        try {
            if (output.requiresGrad()) {
                output.backward(seed);
            }
            for (int i = 0; i < out.length; i++) {
                Tensor in = inputs.get(i);
                INDArray g = in.grad();
                out[i] = g != null ? g : Nd4j.zeros(in.dtype(), in.shape());
            }
        } finally {
            for (int i = 0; i < stashes.length; i++) {
                inputs.get(i).restoreGrad(stashes[i]);
            }
        }
        return out;
    }
}
