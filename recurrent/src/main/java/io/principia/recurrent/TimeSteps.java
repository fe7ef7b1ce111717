package io.principia.recurrent;

import io.principia.core.tensor.Tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Splits a time-major [T, B, P] tensor into T tensors [B, P] (views, no copy) whose gradients are
 * written into one shared [T, B, P] buffer, so the backward of a T-step unroll costs O(T·B·P)
 * rather than T full-size gradient arrays.
 *
 * <p>Each step node writes its gradient into its slot of the buffer; the first one to run hands
 * the buffer to a private gather node, whose backward runs after all step nodes (they depend on it)
 * and passes the finished buffer to the input. Nothing else accumulates into the gather node, so
 * the buffer it holds is never replaced before it is complete.
 */
final class TimeSteps {
    private TimeSteps() {}

    static Tensor[] unbind(Tensor xs) {
        INDArray data = xs.data().ordering() == 'c' && !xs.data().isView() ? xs.data() : xs.data().dup('c'); // [T, B, P]
        long[] shape = data.shape();
        INDArray[] buffer = new INDArray[1];
        Tensor gather = Tensor.result("time_steps", data, g -> {
            buffer[0] = null;
            xs.accumulateGrad(g);
        }, xs);
        Tensor[] steps = new Tensor[(int) shape[0]];
        for (int t = 0; t < steps.length; t++) {
            int step = t;
            steps[t] = Tensor.result("time_step", data.slice(t), g -> {
                if (buffer[0] == null) {
                    buffer[0] = Nd4j.zeros(data.dataType(), shape);
                    gather.accumulateGrad(buffer[0]);
                }
                buffer[0].slice(step).addi(g);
            }, gather);
        }
        return steps;
    }
}
