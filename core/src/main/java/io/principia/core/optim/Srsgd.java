package io.principia.core.optim;

import io.principia.core.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SRSGD, Nesterov SGD with scheduled restarts (Wang et al., arXiv 2002.10583), as the official
 * {@code optimizers/srsgd.py} codes it:
 * <pre>
 *   μ_k = (k − 1)/(k + 2)                        (k = iteration counter, μ_1 = 0)
 *   g   ← g + λ·p                                (coupled L2 weight decay λ)
 *   v   ← p                                      on a parameter's first step (v₀ = w₀)
 *   v'  = p − lr·g
 *   p   ← v' + μ_k·(v' − v)
 *   v   ← v'
 *   after every step():  k ← k + 1;  if k ≥ R then k ← 1      (R = restart period)
 * </pre>
 * Slot: {@code momentum_buffer} (v). The counter k is shared by all parameters.
 *
 * <p><b>Restart off-by-one.</b> Because the reset test is k + 1 ≥ R, one cycle is R − 1 steps and
 * its coefficients are 0, 1/4, 2/5, …, (R − 2)/(R + 1); R ≤ 2 is plain SGD. R may be fractional
 * (the ImageNet recipe decays it linearly) or +∞ (never restart: plain NAG). A restart resets only
 * k; v is kept but has no effect, since μ_1 = 0.
 *
 * <p><b>Counter advance.</b> The official training loops call {@code optimizer.update_iter()} after
 * every {@code optimizer.step()}; here {@link #step()} does it itself, so a plain training loop gets
 * the restarts. Do not advance it twice.
 *
 * <p><b>Learning-rate drops.</b> The official scripts do not change the learning rate of a live
 * SRSGD: at each drop they build a new optimizer with the new lr and restart period, handing over
 * k. That discards every momentum buffer, so the next step starts again from v = p.
 * {@link #onLearningRateDrop} does exactly that in place; {@link #setLr} and
 * {@link #setRestartPeriod} change a setting and keep the buffers. {@link SrsgdSchedule} says when
 * and with which values.
 *
 * <p>State dict: the keys of {@link StatefulOptimizer} plus {@code "iter_count"} (rank-0 int64, k)
 * and {@code "restart_period"} (rank-0 float64, R), so resuming is bit-exact across restarts and
 * drops. The weight decay is a constructor setting and is not saved.
 *
 * <p>Unlike the official code, the gradient array is never modified (it applies the weight decay to
 * {@code p.grad} in place).
 */
public class Srsgd extends StatefulOptimizer {
    public static final String MOMENTUM_BUFFER = "momentum_buffer";
    public static final String ITER_COUNT_KEY = "iter_count";
    public static final String RESTART_PERIOD_KEY = "restart_period";

    private final double weightDecay;
    private double restartPeriod;
    private long iterCount;

    /** Starts at k = 1, as the official scripts do. */
    public Srsgd(Map<String, Tensor> params, double lr, double weightDecay, double restartPeriod) {
        this(params, lr, weightDecay, restartPeriod, 1);
    }

    /**
     * @param restartPeriod R ≥ 1 ({@code restarting_iter}); +∞ never restarts
     * @param iterCount     the starting counter k ≥ 1 ({@code iter_count})
     */
    public Srsgd(Map<String, Tensor> params, double lr, double weightDecay, double restartPeriod, long iterCount) {
        super(params, lr);
        requireRange("weightDecay", weightDecay, 0, Double.POSITIVE_INFINITY);
        checkRestartPeriod(restartPeriod);
        checkIterCount(iterCount);
        this.weightDecay = weightDecay;
        this.restartPeriod = restartPeriod;
        this.iterCount = iterCount;
    }

    // ---------------------------------------------------------------- settings and counter

    public double weightDecay() { return weightDecay; }

    public double restartPeriod() { return restartPeriod; }

    /** The counter k the next {@link #step()} uses. */
    public long iterCount() { return iterCount; }

    /** μ_k = (k − 1)/(k + 2), the coefficient the next {@link #step()} uses. */
    public double momentum() {
        return coefficient(iterCount);
    }

    /** μ_k = (k − 1)/(k + 2). */
    public static double coefficient(long k) {
        return (k - 1.0) / (k + 2.0);
    }

    /** Changes R and keeps the buffers and k; the next counter advance tests against the new R. */
    public void setRestartPeriod(double restartPeriod) {
        checkRestartPeriod(restartPeriod);
        this.restartPeriod = restartPeriod;
    }

    /**
     * What the official scripts do at a learning-rate drop: they build a new SRSGD with {@code lr =
     * newLr}, {@code restarting_iter = newRestartPeriod}, the same weight decay and the current k.
     * Here the same optimizer takes those settings and forgets every parameter's momentum buffer (and
     * step count), so each parameter's next step sets v = p again. k is kept, even when it already
     * is ≥ the new R (then one step uses μ_k and the advance after it restarts).
     */
    public void onLearningRateDrop(double newLr, double newRestartPeriod) {
        checkRestartPeriod(newRestartPeriod);
        setLr(newLr);
        this.restartPeriod = newRestartPeriod;
        clearState();
    }

    // ---------------------------------------------------------------- the update

    @Override
    protected List<String> slotNames() {
        return List.of(MOMENTUM_BUFFER);
    }

    @Override
    protected void update(Tensor p, INDArray g, State s) {
        INDArray w = p.data(), v = s.slot(MOMENTUM_BUFFER);
        if (s.step() == 1) {
            v.assign(w);                                                       // v₀ = w₀
        }
        INDArray d = weightDecay != 0 ? axpyInto(g, weightDecay, w, s.scratch("d", w)) : g;   // g + λ·p
        double mu = momentum();
        if (mu == 0) {
            axpyi(-lr, d, w);                                                  // p ← v' = p − lr·g
            v.assign(w);
            return;
        }
        INDArray next = axpyInto(w, -lr, d, s.scratch("v", w));               // v' = p − lr·g
        axpyi(-1, next, v);                                                    // v ← v − v'
        axpyInto(next, -mu, v, w);                                             // p ← v' + μ·(v' − v)
        v.assign(next);
    }

    @Override
    protected void afterStep() {
        iterCount++;                                                           // update_iter()
        if (iterCount >= restartPeriod) {
            iterCount = 1;
        }
    }

    // ---------------------------------------------------------------- checkpoints

    @Override
    public Map<String, INDArray> stateDict() {
        Map<String, INDArray> base = super.stateDict();
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(LR_KEY, base.remove(LR_KEY));
        out.put(ITER_COUNT_KEY, Nd4j.scalar(iterCount));
        out.put(RESTART_PERIOD_KEY, Nd4j.scalar(DataType.DOUBLE, restartPeriod));
        out.putAll(base);
        return out;
    }

    @Override
    public void loadStateDict(Map<String, INDArray> state) {
        Map<String, INDArray> rest = new LinkedHashMap<>(state);
        double k = scalar(ITER_COUNT_KEY, rest.remove(ITER_COUNT_KEY));
        double r = scalar(RESTART_PERIOD_KEY, rest.remove(RESTART_PERIOD_KEY));
        if (!(k >= 1) || k != Math.rint(k) || k > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("Srsgd state dict: key '" + ITER_COUNT_KEY + "' must be an integer >= 1, got " + k);
        }
        if (!(r >= 1)) {
            throw new IllegalArgumentException("Srsgd state dict: key '" + RESTART_PERIOD_KEY + "' must be >= 1, got " + r);
        }
        super.loadStateDict(rest);                                             // checks everything before changing anything
        iterCount = (long) k;
        restartPeriod = r;
    }

    private static double scalar(String key, INDArray a) {
        if (a == null) {
            throw new IllegalArgumentException("Srsgd state dict: missing key '" + key + "'");
        }
        if (a.length() != 1) {
            throw new IllegalArgumentException("Srsgd state dict: key '" + key + "' must be a scalar (rank-0) array, got shape "
                    + Arrays.toString(a.shape()));
        }
        return a.getDouble(0);
    }

    private void checkRestartPeriod(double r) {
        if (!(r >= 1)) {
            throw new IllegalArgumentException("Srsgd: restartPeriod must be >= 1 (or +Infinity for no restarts), got " + r);
        }
    }

    private static void checkIterCount(long k) {
        if (k < 1) {
            throw new IllegalArgumentException("Srsgd: iterCount must be >= 1, got " + k);
        }
    }
}
