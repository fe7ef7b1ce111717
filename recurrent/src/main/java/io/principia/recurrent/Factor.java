package io.principia.recurrent;

import io.principia.core.tensor.Tensor;

import org.nd4j.linalg.factory.Nd4j;

/**
 * A scalar multiplier inside a fused op: its value, and, when it comes from a learnable raw
 * parameter θ, that parameter and dvalue/dθ so the op's backward can send Σ(g ⊙ ∂out/∂value)·dvalue/dθ to θ.
 */
record Factor(double value, Tensor raw, double dValueDRaw) {

    static Factor of(double value) {
        return new Factor(value, null, 0);
    }

    Factor negate() {
        return new Factor(-value, raw, -dValueDRaw);
    }

    /** Adds {@code dLdValue}·dvalue/dθ to θ's gradient (no-op when fixed). */
    void accumulate(double dLdValue) {
        if (raw != null && raw.requiresGrad()) {
            raw.accumulateGrad(Nd4j.scalar(raw.dtype(), dLdValue * dValueDRaw));
        }
    }
}
