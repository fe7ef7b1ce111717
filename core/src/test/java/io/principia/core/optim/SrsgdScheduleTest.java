package io.principia.core.optim;

import static io.principia.core.optim.SgdTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The SRSGD recipes of spec section 2.2: stage, lr, restart period and rebuild epochs. */
class SrsgdScheduleTest {

    @Test
    void recipePeriods() {
        assertArrayEquals(new double[] {30, 60, 90, 120}, SrsgdSchedule.linearPeriods(30, 2, 4), 0);     // CIFAR-10 linear
        assertArrayEquals(new double[] {50, 100, 150, 200}, SrsgdSchedule.linearPeriods(50, 2, 4), 0);   // CIFAR-100 linear
        assertArrayEquals(new double[] {40, 50, 63, 78}, SrsgdSchedule.exponentialPeriods(40, 1.25, 4), 0);   // CIFAR-10 exp
        assertArrayEquals(new double[] {45, 68, 101, 152}, SrsgdSchedule.exponentialPeriods(45, 1.5, 4), 0);  // CIFAR-100 exp
    }

    @Test
    void cifarStages() {
        SrsgdSchedule s = SrsgdSchedule.stepwise(0.1, 0.1, new int[] {80, 120, 160}, SrsgdSchedule.linearPeriods(30, 2, 4));
        int[] epochs = {0, 79, 80, 81, 119, 120, 159, 160, 199};
        int[] stages = {0, 0, 1, 1, 1, 2, 2, 3, 3};
        double[] periods = {30, 30, 60, 60, 60, 90, 90, 120, 120};
        double[] lrs = {0.1, 0.1, 0.01, 0.01, 0.01, 1e-3, 1e-3, 1e-4, 1e-4};
        for (int i = 0; i < epochs.length; i++) {
            int e = epochs[i];
            assertEquals(stages[i], s.stage(e), "epoch " + e);
            assertEquals(periods[i], s.restartPeriod(e), 0, "epoch " + e);
            assertEquals(lrs[i], s.lr(e), 1e-15 * lrs[i], "epoch " + e);
        }
        assertEquals(0.1 * 0.1, s.lr(80), 0);   // lr₀·γ^i exactly as the script: 0.1 * 0.1**1
        for (int e = 0; e < 200; e++) {
            assertEquals(e == 80 || e == 120 || e == 160, s.rebuildsAt(e), "epoch " + e);
        }
    }

    @Test
    void imagenetFinalDecay() {
        // ResNet recipe: 90 epochs, drops at 31 and 61, F = 40, 80, 80, then R decays linearly to 1
        SrsgdSchedule s = SrsgdSchedule.withFinalDecay(0.1, 0.1, new int[] {31, 61}, new double[] {40, 80, 80}, 90);
        assertEquals(40, s.restartPeriod(30), 0);
        assertEquals(80, s.restartPeriod(31), 0);
        assertEquals(80, s.restartPeriod(60), 0);
        assertEquals(80, s.restartPeriod(61), 0);                       // (80 − 1)·28/28 + 1
        assertEquals(79.0 * 27 / 28 + 1, s.restartPeriod(62), 0);        // 77.17857142857143, fractional as in the script
        assertEquals(79.0 * 14 / 28 + 1, s.restartPeriod(75), 0);
        assertEquals(1, s.restartPeriod(89), 0);
        assertEquals(0.1, s.lr(30), 0);
        assertEquals(0.1 * 0.1, s.lr(31), 0);
        assertEquals(0.1 * Math.pow(0.1, 2), s.lr(89), 0);
        assertFalse(s.rebuildsAt(30));
        assertTrue(s.rebuildsAt(31));
        assertFalse(s.rebuildsAt(32));
        assertFalse(s.rebuildsAt(60));
        for (int e = 61; e < 90; e++) {
            assertTrue(s.rebuildsAt(e), "every epoch of the last stage rebuilds, epoch " + e);
        }
        double prev = Double.POSITIVE_INFINITY;
        for (int e = 61; e < 90; e++) {
            assertTrue(s.restartPeriod(e) < prev);
            prev = s.restartPeriod(e);
        }
    }

    @Test
    void applyRebuildsAtMilestonesOnly() {
        Map<String, Tensor> m = StatefulOptimizerTest.model();
        SrsgdSchedule s = SrsgdSchedule.stepwise(0.1, 0.1, new int[] {2, 4}, 3, 5, 7);
        Srsgd opt = s.build(m, 5e-4);
        assertEquals(0.1, opt.lr(), 0);
        assertEquals(3, opt.restartPeriod(), 0);
        assertEquals(5e-4, opt.weightDecay(), 0);
        int stepsPerEpoch = 3, t = 0;
        for (int epoch = 0; epoch < 6; epoch++) {
            boolean had = opt.stateOf("fc1.weight") != null;
            long k = opt.iterCount();
            boolean rebuilt = s.apply(opt, epoch);
            assertEquals(epoch == 2 || epoch == 4, rebuilt, "epoch " + epoch);
            assertEquals(s.lr(epoch), opt.lr(), 0);
            assertEquals(s.restartPeriod(epoch), opt.restartPeriod(), 0);
            assertEquals(k, opt.iterCount(), "the counter is handed over");
            if (rebuilt) {
                assertNull(opt.stateOf("fc1.weight"), "buffers dropped at epoch " + epoch);
            } else if (epoch > 0) {
                assertEquals(had, opt.stateOf("fc1.weight") != null);
                assertNotNull(opt.stateOf("fc1.weight"));
            }
            for (int b = 0; b < stepsPerEpoch; b++, t++) {
                StatefulOptimizerTest.setGrads(m, t);
                opt.step();
            }
        }
    }

    @Test
    void invalidSchedulesAreNamed() {
        assertMessage(() -> SrsgdSchedule.stepwise(0.1, 0.1, new int[] {120, 80}, 1, 2, 3), "milestones");
        assertMessage(() -> SrsgdSchedule.stepwise(0.1, 0.1, new int[] {-1}, 1, 2), "milestones");
        assertMessage(() -> SrsgdSchedule.stepwise(0.1, 0.1, new int[] {80, 120}, 30, 60), "restart period per stage");
        assertMessage(() -> SrsgdSchedule.stepwise(0.1, 0.1, new int[] {80}, 30, 0.5), "restart periods");
        assertMessage(() -> SrsgdSchedule.stepwise(-0.1, 0.1, new int[] {80}, 30, 60), "baseLr");
        assertMessage(() -> SrsgdSchedule.stepwise(0.1, Double.NaN, new int[] {80}, 30, 60), "gamma");
        assertMessage(() -> SrsgdSchedule.withFinalDecay(0.1, 0.1, new int[] {31, 61}, new double[] {40, 80, 80}, 62), "epochs");
        assertMessage(() -> SrsgdSchedule.withFinalDecay(0.1, 0.1, new int[] {}, new double[] {40}, 90), "milestone");
        assertMessage(() -> SrsgdSchedule.stepwise(0.1, 0.1, new int[] {80}, 30, 60).lr(-1), "epoch");
        assertMessage(() -> SrsgdSchedule.linearPeriods(30, 2, 0), "stages");
    }
}
