package io.principia.recurrent;

import io.principia.core.tensor.Tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The fused tanh-RNN update h_t = tanh(a + b), e.g. a = W_x x_t + b_x (or the momentum v_t) and
 * b = U h_{t−1} + b_h, as one node. Backward: ∂L/∂a = ∂L/∂b = g ⊙ (1 − h_t²).
 *
 * <p>Shapes: a, b [B, H] → [B, H].
 */
final class TanhSum {
    private TanhSum() {}

    static Tensor apply(Tensor a, Tensor b) {
        INDArray h = Transforms.tanh(a.data().add(b.data()), false);
        return Tensor.result("tanh_sum", h, g -> {
            INDArray d = h.mul(h).rsubi(1).muli(g);
            a.accumulateGrad(d);
            b.accumulateGrad(d);
        }, a, b);
    }
}
