package io.principia.recurrent;

import io.principia.core.tensor.Tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fused momentum update v_t = μ v_{t−1} + s g_t, one autograd node, in general form
 * out = a·x + b·y with scalar factors a, b that may be learnable (then backward also sends
 * ∂L/∂a = Σ g ⊙ x and ∂L/∂b = Σ g ⊙ y, times the reparametrization's derivative, to their raw
 * parameters). Also used for Nesterov's u_t = (U h + b_h) − s g_t and the scheduled-momentum
 * v_t = ((k−1)/(k+2)) v_{t−1} + s g_t.
 *
 * <p>Shapes: x, y [B, P] → [B, P].
 */
final class MomentumUpdate {
    private MomentumUpdate() {}

    static Tensor apply(Tensor x, Factor a, Tensor y, Factor b) {
        INDArray out = combine(a.value(), x.data(), b.value(), y.data());
        return Tensor.result("momentum_update", out, g -> {
            if (x.requiresGrad()) {
                x.accumulateGrad(scaled(g, a.value()));
            }
            if (y.requiresGrad()) {
                y.accumulateGrad(scaled(g, b.value()));
            }
            if (a.raw() != null) {
                a.accumulate(g.mul(x.data()).sumNumber().doubleValue());
            }
            if (b.raw() != null) {
                b.accumulate(g.mul(y.data()).sumNumber().doubleValue());
            }
        }, x, y, a.raw(), b.raw());
    }

    /** a·x + b·y into a fresh array. */
    static INDArray combine(double a, INDArray x, double b, INDArray y) {
        if (b == 0) {
            return x.mul(a);
        }
        if (a == 0) {
            return y.mul(b);
        }
        INDArray out = a == 1 ? x.dup() : x.mul(a);
        return out.addi(b == 1 ? y : y.mul(b));
    }

    /** c·g, sharing g itself when c = 1 (gradient arrays are never mutated). */
    static INDArray scaled(INDArray g, double c) {
        return c == 1 ? g : g.mul(c);
    }
}
