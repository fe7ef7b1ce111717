package io.principia.recurrent;

import io.principia.core.tensor.Tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keeps the previous state in masked rows: out = m ⊙ new + (1 − m) ⊙ old with m [B, 1] in {0, 1},
 * one node. Backward: ∂L/∂new = m ⊙ g, ∂L/∂old = (1 − m) ⊙ g.
 */
final class MaskBlend {
    private MaskBlend() {}

    static Tensor apply(INDArray m, Tensor next, Tensor old) {
        INDArray out = next.data().mulColumnVector(m).addi(old.data().mulColumnVector(m.rsub(1))); // exact for m in {0, 1}
        return Tensor.result("mask_blend", out, g -> {
            INDArray gNext = g.mulColumnVector(m);
            if (next.requiresGrad()) {
                next.accumulateGrad(gNext);
            }
            if (old.requiresGrad()) {
                old.accumulateGrad(g.sub(gNext));
            }
        }, next, old);
    }
}
