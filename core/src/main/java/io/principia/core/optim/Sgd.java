package io.principia.core.optim;

import io.principia.core.tensor.Tensor;

import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic gradient descent with momentum, as {@code torch.optim.SGD}:
 * <pre>
 *   d ← g + λ·p                                  (weight decay λ)
 *   b ← d                      on the first step, else  b ← μ·b + (1 − τ)·d   (momentum μ, dampening τ)
 *   d ← d + μ·b  (Nesterov)    or  d ← b          (momentum μ &gt; 0)
 *   p ← p − lr·d
 * </pre>
 * Slot: {@code momentum_buffer} (present only when μ &gt; 0). Nesterov needs μ &gt; 0 and τ = 0.
 */
public class Sgd extends StatefulOptimizer {
    public static final String MOMENTUM_BUFFER = "momentum_buffer";

    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;

    /** Plain SGD: p ← p − lr·g. */
    public Sgd(Map<String, Tensor> params, double lr) {
        this(params, lr, 0, 0, 0, false);
    }

    /** SGD with heavy-ball momentum μ. */
    public Sgd(Map<String, Tensor> params, double lr, double momentum) {
        this(params, lr, momentum, 0, 0, false);
    }

    public Sgd(Map<String, Tensor> params, double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        super(params, lr);
        requireRange("momentum", momentum, 0, Double.POSITIVE_INFINITY);
        requireRange("dampening", dampening, 0, Double.POSITIVE_INFINITY);
        requireRange("weightDecay", weightDecay, 0, Double.POSITIVE_INFINITY);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Sgd: nesterov needs momentum > 0 and dampening = 0, got momentum "
                    + momentum + ", dampening " + dampening);
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
    }

    @Override
    protected List<String> slotNames() {
        return momentum > 0 ? List.of(MOMENTUM_BUFFER) : List.of();
    }

    @Override
    protected void update(Tensor p, INDArray g, State s) {
        INDArray w = p.data();
        INDArray d = weightDecay != 0 ? axpyInto(g, weightDecay, w, s.scratch("d", w)) : g;   // g + λ·p
        if (momentum > 0) {
            INDArray b = s.slot(MOMENTUM_BUFFER);
            if (s.step() == 1) {
                b.assign(d);
            } else {
                scali(momentum, b);
                axpyi(1 - dampening, d, b);
            }
            d = nesterov ? axpyInto(d, momentum, b, s.scratch("d", w)) : b;                    // d + μ·b
        }
        axpyi(-lr, d, w);
    }
}
