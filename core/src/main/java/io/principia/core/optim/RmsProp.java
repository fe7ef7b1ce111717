package io.principia.core.optim;

import io.principia.core.tensor.Tensor;

import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.updaters.RmsPropUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * RMSProp, as {@code torch.optim.RMSprop}:
 * <pre>
 *   g ← g + λ·p
 *   v ← α·v + (1 − α)·g²
 *   a ← √v + ε,   or centered:  ḡ ← α·ḡ + (1 − α)·g,   a ← √(v − ḡ²) + ε
 *   b ← μ·b + g/a,  p ← p − lr·b      (momentum μ &gt; 0)      else  p ← p − lr·g/a
 * </pre>
 * Slots: {@code square_avg} (v), {@code grad_avg} (ḡ) when centered, {@code momentum_buffer} (b)
 * when μ &gt; 0. The v update and g/(√v + ε) run in libnd4j's {@code rms_prop_updater} kernel, which
 * computes exactly this expression (ε outside the square root, as PyTorch).
 */
public class RmsProp extends StatefulOptimizer {
    public static final String SQUARE_AVG = "square_avg";
    public static final String GRAD_AVG = "grad_avg";
    public static final String MOMENTUM_BUFFER = "momentum_buffer";

    private final double alpha;
    private final double eps;
    private final double weightDecay;
    private final double momentum;
    private final boolean centered;

    /** PyTorch defaults: α = 0.99, ε = 1e-8, no weight decay, no momentum, not centered. */
    public RmsProp(Map<String, Tensor> params, double lr) {
        this(params, lr, 0.99, 1e-8, 0, 0, false);
    }

    public RmsProp(Map<String, Tensor> params, double lr, double alpha, double eps, double weightDecay, double momentum,
                   boolean centered) {
        super(params, lr);
        requireRange("alpha", alpha, 0, 1);
        requirePositive("eps", eps);
        requireRange("weightDecay", weightDecay, 0, Double.POSITIVE_INFINITY);
        requireRange("momentum", momentum, 0, Double.POSITIVE_INFINITY);
        this.alpha = alpha;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
        this.centered = centered;
    }

    @Override
    protected List<String> slotNames() {
        if (centered) {
            return momentum > 0 ? List.of(SQUARE_AVG, GRAD_AVG, MOMENTUM_BUFFER) : List.of(SQUARE_AVG, GRAD_AVG);
        }
        return momentum > 0 ? List.of(SQUARE_AVG, MOMENTUM_BUFFER) : List.of(SQUARE_AVG);
    }

    @Override
    protected void update(Tensor p, INDArray g, State s) {
        INDArray w = p.data();
        if (weightDecay != 0) {
            g = axpyInto(g, weightDecay, w, s.scratch("g", w));                  // g + λ·p
        }
        INDArray v = s.slot(SQUARE_AVG), u = s.scratch("update", w);
        boolean plain = !centered && momentum == 0;
        // v ← α·v + (1−α)·g² and u ← k·g/(√v + ε), with k = lr when that is the whole step.
        Nd4j.exec(new RmsPropUpdater(g, v, u, v, plain ? lr : 1.0, alpha, eps));
        if (plain) {
            axpyi(-1, u, w);
            return;
        }
        if (centered) {
            INDArray gAvg = s.slot(GRAD_AVG);
            scali(alpha, gAvg);
            axpyi(1 - alpha, g, gAvg);                                           // ḡ ← α·ḡ + (1−α)·g
            Nd4j.exec(new MulOp(gAvg, gAvg, u));                                 // u ← ḡ²
            u.rsubi(v);                                                          // u ← v − ḡ²
            Nd4j.exec(new Sqrt(u, u));
            u.addi(eps).rdivi(g);                                                // u ← g / (√(v − ḡ²) + ε)
        }
        if (momentum > 0) {
            INDArray b = s.slot(MOMENTUM_BUFFER);
            scali(momentum, b);
            axpyi(1, u, b);                                                      // b ← μ·b + g/a
            axpyi(-lr, b, w);
        } else {
            axpyi(-lr, u, w);
        }
    }
}
