package io.principia.core.optim;

import io.principia.core.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;

/**
 * The SRSGD recipe across epochs, as the official {@code cifar.py} / {@code imagenet.py} run it.
 * With milestones S_1 &lt; … &lt; S_n (the {@code --schedule} epochs) and restart periods
 * F_0 … F_n (the {@code --restart-schedule}), epoch e is in stage i = #{j : S_j ≤ e} and trains with
 * <pre>
 *   lr(e) = lr₀·γ^i          R(e) = F_i
 * </pre>
 * At the start of each milestone epoch the scripts build a new SRSGD with these values (momentum
 * buffers dropped, the counter k carried over): {@link #apply} does that through
 * {@link Srsgd#onLearningRateDrop}.
 *
 * <p>With a final decay (ImageNet, {@link #withFinalDecay}), every epoch e ≥ S_n rebuilds the
 * optimizer, with the period falling linearly to 1 at the last epoch E − 1:
 * <pre>
 *   R(e) = (F_n − 1)·(E − e − 1)/(E − S_n − 1) + 1
 * </pre>
 *
 * <p>Epochs are 0-based, as in the scripts' {@code range(start_epoch, epochs)}.
 */
public final class SrsgdSchedule {
    private final double baseLr;
    private final double gamma;
    private final int[] milestones;
    private final double[] restartPeriods;
    /** Total epochs E for the final linear decay of R, or 0 for none. */
    private final int decayEpochs;

    private SrsgdSchedule(double baseLr, double gamma, int[] milestones, double[] restartPeriods, int decayEpochs) {
        Schedules.requireLr("SrsgdSchedule", "baseLr", baseLr);
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("SrsgdSchedule: gamma must be a finite number >= 0, got " + gamma);
        }
        for (int i = 0; i < milestones.length; i++) {
            if (milestones[i] < 0 || i > 0 && milestones[i] <= milestones[i - 1]) {
                throw new IllegalArgumentException("SrsgdSchedule: milestones must be increasing epochs >= 0, got "
                        + Arrays.toString(milestones));
            }
        }
        if (restartPeriods.length != milestones.length + 1) {
            throw new IllegalArgumentException("SrsgdSchedule: need one restart period per stage (milestones + 1 = "
                    + (milestones.length + 1) + "), got " + restartPeriods.length + ": " + Arrays.toString(restartPeriods));
        }
        for (double r : restartPeriods) {
            if (!(r >= 1)) {
                throw new IllegalArgumentException("SrsgdSchedule: restart periods must be >= 1, got " + Arrays.toString(restartPeriods));
            }
        }
        if (decayEpochs != 0) {
            if (milestones.length == 0) {
                throw new IllegalArgumentException("SrsgdSchedule: the final decay starts at the last milestone, but there are none");
            }
            int last = milestones[milestones.length - 1];
            if (decayEpochs < last + 2) {
                throw new IllegalArgumentException("SrsgdSchedule: epochs must be >= last milestone + 2 = " + (last + 2)
                        + " for the final decay, got " + decayEpochs);
            }
        }
        this.baseLr = baseLr;
        this.gamma = gamma;
        this.milestones = milestones.clone();
        this.restartPeriods = restartPeriods.clone();
        this.decayEpochs = decayEpochs;
    }

    /** CIFAR recipe: lr₀·γ^i and F_i in stage i; a rebuild at each milestone. */
    public static SrsgdSchedule stepwise(double baseLr, double gamma, int[] milestones, double... restartPeriods) {
        return new SrsgdSchedule(baseLr, gamma, milestones, restartPeriods, 0);
    }

    /** ImageNet recipe: as {@link #stepwise}, and from the last milestone on R decays linearly to 1 at epoch E − 1. */
    public static SrsgdSchedule withFinalDecay(double baseLr, double gamma, int[] milestones, double[] restartPeriods, int epochs) {
        if (epochs <= 0) {
            throw new IllegalArgumentException("SrsgdSchedule: epochs must be > 0, got " + epochs);
        }
        return new SrsgdSchedule(baseLr, gamma, milestones, restartPeriods, epochs);
    }

    /** Linear periods F_i = F_1·(1 + (r − 1)·i), i = 0 … stages − 1, rounded half up (the recipes' integers). */
    public static double[] linearPeriods(double first, double ratio, int stages) {
        double[] f = new double[checkStages(stages)];
        for (int i = 0; i < stages; i++) {
            f[i] = Math.round(first * (1 + (ratio - 1) * i));
        }
        return f;
    }

    /** Exponential periods F_i = F_1·r^i, i = 0 … stages − 1, rounded half up (40·1.25^i → 40, 50, 63, 78). */
    public static double[] exponentialPeriods(double first, double ratio, int stages) {
        double[] f = new double[checkStages(stages)];
        for (int i = 0; i < stages; i++) {
            f[i] = Math.round(first * Math.pow(ratio, i));
        }
        return f;
    }

    /** The learning-rate stage of {@code epoch}: how many milestones are ≤ epoch. */
    public int stage(int epoch) {
        requireEpoch(epoch);
        int i = 0;
        while (i < milestones.length && milestones[i] <= epoch) {
            i++;
        }
        return i;
    }

    /** lr₀·γ^stage. */
    public double lr(int epoch) {
        return baseLr * Math.pow(gamma, stage(epoch));
    }

    /** F_stage, or the decayed period in the final stage of a {@link #withFinalDecay} schedule. */
    public double restartPeriod(int epoch) {
        int i = stage(epoch);
        if (decaying(epoch)) {
            int last = milestones[milestones.length - 1];
            return (restartPeriods[i] - 1) * (decayEpochs - epoch - 1) / (double) (decayEpochs - last - 1) + 1;
        }
        return restartPeriods[i];
    }

    /** True when the scripts build a new optimizer at the start of {@code epoch}. */
    public boolean rebuildsAt(int epoch) {
        requireEpoch(epoch);
        return Arrays.binarySearch(milestones, epoch) >= 0 || decaying(epoch);
    }

    /** The epoch-0 optimizer of the scripts: lr₀, F_0, k = 1. Call {@link #apply} at every epoch start, 0 included. */
    public Srsgd build(Map<String, Tensor> params, double weightDecay) {
        return new Srsgd(params, baseLr, weightDecay, restartPeriods[0]);
    }

    /** At the start of {@code epoch}: rebuilds {@code opt} where the scripts would; returns whether it did. */
    public boolean apply(Srsgd opt, int epoch) {
        if (!rebuildsAt(epoch)) {
            return false;
        }
        opt.onLearningRateDrop(lr(epoch), restartPeriod(epoch));
        return true;
    }

    private boolean decaying(int epoch) {
        return decayEpochs != 0 && epoch >= milestones[milestones.length - 1];
    }

    private static void requireEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("SrsgdSchedule: epoch must be >= 0, got " + epoch);
        }
    }

    private static int checkStages(int stages) {
        if (stages < 1) {
            throw new IllegalArgumentException("SrsgdSchedule: stages must be >= 1, got " + stages);
        }
        return stages;
    }
}
