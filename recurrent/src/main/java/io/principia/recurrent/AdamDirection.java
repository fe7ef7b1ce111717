package io.principia.recurrent;

import io.principia.core.tensor.Tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The two fused Adam/RMSProp pieces of the AdamLSTM cell (no bias correction, ε inside the root,
 * as in the official code):
 * <pre>
 *   r_t = β r_{t−1} + (1 − β) g_t ⊙ g_t           {@link #average}
 *   d_t = v_t / sqrt(r_t + ε)                      {@link #direction}
 * </pre>
 * Backward: ∂r_t/∂r_{t−1} = β, ∂r_t/∂g_t = 2(1 − β) g_t; ∂d/∂v = 1/√(r+ε), ∂d/∂r = −d / (2 (r + ε)).
 *
 * <p>Shapes: all [B, P].
 */
final class AdamDirection {
    private AdamDirection() {}

    static Tensor average(Tensor rPrev, Tensor g, double beta) {
        INDArray r = g.data().mul(g.data()).muli(1 - beta).addi(rPrev.data().mul(beta));
        return Tensor.result("adam_square_average", r, dr -> {
            if (rPrev.requiresGrad()) {
                rPrev.accumulateGrad(dr.mul(beta));
            }
            if (g.requiresGrad()) {
                g.accumulateGrad(dr.mul(g.data()).muli(2 * (1 - beta)));
            }
        }, rPrev, g);
    }

    static Tensor direction(Tensor v, Tensor r, double epsilon) {
        INDArray shifted = r.data().add(epsilon);
        INDArray root = Transforms.sqrt(shifted, true);
        INDArray d = v.data().div(root);
        return Tensor.result("adam_direction", d, g -> {
            if (v.requiresGrad()) {
                v.accumulateGrad(g.div(root));
            }
            if (r.requiresGrad()) {
                r.accumulateGrad(g.mul(d).divi(shifted).muli(-0.5));
            }
        }, v, r);
    }
}
