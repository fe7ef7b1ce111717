package io.principia.core.optim;

import io.principia.core.tensor.Tensor;

import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adamax (Kingma and Ba 2015, section 7.1: Adam with the infinity norm), as {@code torch.optim.Adamax}:
 * <pre>
 *   g ← g + λ·p
 *   m ← β₁·m + (1 − β₁)·g          u ← max(β₂·u, |g| + ε)
 *   p ← p − lr/(1 − β₁ᵗ) · m / u
 * </pre>
 * Slots: {@code exp_avg} (m), {@code exp_inf} (u). GRAND's tuned settings train Cora and PubMed with it.
 */
public class Adamax extends StatefulOptimizer {
    public static final String EXP_AVG = "exp_avg";
    public static final String EXP_INF = "exp_inf";

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;

    /** PyTorch defaults: β = (0.9, 0.999), ε = 1e-8, no weight decay (PyTorch's default lr is 2e-3). */
    public Adamax(Map<String, Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0);
    }

    public Adamax(Map<String, Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(params, lr);
        requireRange("beta1", beta1, 0, 1);
        requireRange("beta2", beta2, 0, 1);
        requirePositive("eps", eps);
        requireRange("weightDecay", weightDecay, 0, Double.POSITIVE_INFINITY);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    @Override
    protected List<String> slotNames() {
        return List.of(EXP_AVG, EXP_INF);
    }

    @Override
    protected void update(Tensor p, INDArray g, State s) {
        INDArray w = p.data();
        if (weightDecay != 0) {
            g = axpyInto(g, weightDecay, w, s.scratch("g", w));             // g + λ·p
        }
        INDArray m = s.slot(EXP_AVG), u = s.slot(EXP_INF), q = s.scratch("update", w);
        scali(beta1, m);
        axpyi(1 - beta1, g, m);                                             // m ← β₁·m + (1−β₁)·g
        Nd4j.exec(new Abs(g, q));
        q.addi(eps);                                                        // q ← |g| + ε
        scali(beta2, u);
        Transforms.max(u, q, false);                                        // u ← max(β₂·u, |g| + ε)
        Nd4j.exec(new DivOp(m, u, q));                                      // q ← m / u
        axpyi(-lr / (1 - Math.pow(beta1, s.step())), q, w);
    }
}
