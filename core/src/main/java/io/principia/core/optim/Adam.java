package io.principia.core.optim;

import io.principia.core.tensor.Tensor;

import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.AmsGradUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Adam, as {@code torch.optim.Adam} (weight decay as an L2 term added to the gradient):
 * <pre>
 *   g ← g + λ·p
 *   m ← β₁·m + (1 − β₁)·g          v ← β₂·v + (1 − β₂)·g²          (v̂ ← max(v̂, v) with AMSGrad)
 *   p ← p − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)                 (√v̂ with AMSGrad)
 * </pre>
 * Slots: {@code exp_avg} (m), {@code exp_avg_sq} (v), and {@code max_exp_avg_sq} (v̂) with AMSGrad.
 *
 * <p>The moments and the update run in one call to libnd4j's {@code adam_updater} /
 * {@code ams_grad_updater} kernel. That kernel computes lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + ε'); with
 * ε' = ε·√(1−β₂ᵗ) this is exactly PyTorch's expression (multiply numerator and denominator by
 * √(1−β₂ᵗ)), equal to it up to rounding, so ε' is what we pass.
 */
public class Adam extends StatefulOptimizer {
    public static final String EXP_AVG = "exp_avg";
    public static final String EXP_AVG_SQ = "exp_avg_sq";
    public static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";

    protected final double beta1;
    protected final double beta2;
    protected final double eps;
    protected final double weightDecay;
    protected final boolean amsgrad;
    /** True for AdamW: p ← p·(1 − lr·λ) before the Adam step instead of the L2 term. */
    private final boolean decoupled;

    /** PyTorch defaults: β = (0.9, 0.999), ε = 1e-8, no weight decay. */
    public Adam(Map<String, Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0, false);
    }

    public Adam(Map<String, Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        this(params, lr, beta1, beta2, eps, weightDecay, amsgrad, false);
    }

    Adam(Map<String, Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad,
         boolean decoupled) {
        super(params, lr);
        requireRange("beta1", beta1, 0, 1);
        requireRange("beta2", beta2, 0, 1);
        requirePositive("eps", eps);
        requireRange("weightDecay", weightDecay, 0, Double.POSITIVE_INFINITY);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.amsgrad = amsgrad;
        this.decoupled = decoupled;
    }

    @Override
    protected List<String> slotNames() {
        return amsgrad ? List.of(EXP_AVG, EXP_AVG_SQ, MAX_EXP_AVG_SQ) : List.of(EXP_AVG, EXP_AVG_SQ);
    }

    @Override
    protected void update(Tensor p, INDArray g, State s) {
        INDArray w = p.data();
        if (weightDecay != 0) {
            if (decoupled) {
                scali(1 - lr * weightDecay, w);                                 // p ← p − lr·λ·p
            } else {
                g = axpyInto(g, weightDecay, w, s.scratch("g", w));             // g + λ·p
            }
        }
        INDArray m = s.slot(EXP_AVG), v = s.slot(EXP_AVG_SQ), u = s.scratch("update", w);
        long t = s.step();
        double epsHat = eps * Math.sqrt(1 - Math.pow(beta2, t));
        // The kernel falls back to a fixed step when lr = 0, so run it with lr = 1 (the moments
        // do not depend on lr) and skip the update, as PyTorch's lr = 0 step changes nothing.
        double kernelLr = lr == 0 ? 1 : lr;
        int iteration = Math.toIntExact(t - 1);                                // the kernel uses β^(iteration+1)
        if (amsgrad) {
            INDArray vMax = s.slot(MAX_EXP_AVG_SQ);
            Nd4j.exec(new AmsGradUpdater(g, v, m, vMax, u, v, m, vMax, kernelLr, beta1, beta2, epsHat, iteration));
        } else {
            Nd4j.exec(new AdamUpdater(g, v, m, u, v, m, kernelLr, beta1, beta2, epsHat, iteration));
        }
        if (lr != 0) {
            axpyi(-1, u, w);
        }
        if (t % FLUSH_EVERY == 0) {
            flushTiny(m);
            flushTiny(v);
            if (amsgrad) {
                flushTiny(s.slot(MAX_EXP_AVG_SQ));
            }
        }
    }

    /**
     * Moments of parameters whose gradient stays 0 (dead ReLU units, unused embedding rows) decay
     * geometrically (m by β₁ each step) into denormal floats after ~800 steps, and libnd4j's
     * adam_updater runs ~50x slower on denormals (measured: 0.76 ms vs 40 ms per step of a
     * 784-256-256-10 MLP). The CPU's flush-to-zero mode is not reachable from Java, so every
     * {@value #FLUSH_EVERY} steps entries below {@value #TINY} in magnitude are set to 0. Their
     * contribution to an update is below 1e-22 of lr, so results are unchanged in practice.
     */
    static final int FLUSH_EVERY = 64;
    static final double TINY = 1e-30;

    private static void flushTiny(INDArray x) {
        BooleanIndexing.replaceWhere(x, 0.0, Conditions.absLessThan(TINY));
    }
}
