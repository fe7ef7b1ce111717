package io.principia.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.optim.Srsgd;
import io.principia.core.optim.SrsgdSchedule;
import io.principia.core.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The SRSGD schedule callback: rebuilds at milestones, and only once per epoch (resume-safe). */
class SrsgdEpochsTest {
    private static final SrsgdSchedule SCHEDULE = SrsgdSchedule.stepwise(0.1, 0.1, new int[] {2, 4}, 10, 20, 30);

    private static Map<String, Tensor> params(Tensor w) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("w", w);
        return m;
    }

    private static void step(Srsgd opt, Tensor w) {
        w.setGrad(Nd4j.createFromArray(1.0, -2.0));
        opt.step();
    }

    @Test
    void rebuildsOnlyAtMilestonesWithTheStageSettings() {
        Tensor w = Tensor.param(Nd4j.createFromArray(1.0, 2.0));
        Srsgd opt = SCHEDULE.build(params(w), 0);
        SrsgdEpochs cb = new SrsgdEpochs(opt, SCHEDULE);
        assertFalse(cb.apply(0));
        assertFalse(cb.apply(1));
        step(opt, w);
        assertTrue(opt.stateDict().containsKey("w." + Srsgd.MOMENTUM_BUFFER));
        assertTrue(cb.apply(2));
        assertEquals(0.1 * 0.1, opt.lr(), 0);
        assertEquals(20, opt.restartPeriod(), 0);
        assertFalse(opt.stateDict().containsKey("w." + Srsgd.MOMENTUM_BUFFER), "buffers dropped at the rebuild");
        assertFalse(cb.apply(3));
        assertTrue(cb.apply(4));
        assertEquals(30, opt.restartPeriod(), 0);
    }

    @Test
    void aSecondStartOfTheSameEpochKeepsTheBuffers() {
        Tensor w = Tensor.param(Nd4j.createFromArray(1.0, 2.0));
        Srsgd opt = SCHEDULE.build(params(w), 0);
        SrsgdEpochs cb = new SrsgdEpochs(opt, SCHEDULE);
        step(opt, w);
        cb.onEpochStart(null, 2);
        step(opt, w);
        step(opt, w);
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> before = opt.stateDict();
        long k = opt.iterCount();
        // a resumed run restores the optimizer from a mid-epoch checkpoint and starts epoch 2 again
        Tensor w2 = Tensor.param(w.data().dup());
        Srsgd resumed = SCHEDULE.build(params(w2), 0);
        resumed.loadStateDict(before);
        assertFalse(new SrsgdEpochs(resumed, SCHEDULE).apply(2));
        assertEquals(before.get("w." + Srsgd.MOMENTUM_BUFFER), resumed.stateDict().get("w." + Srsgd.MOMENTUM_BUFFER));
        assertEquals(k, resumed.iterCount());
        step(opt, w);
        step(resumed, w2);
        assertEquals(w.data(), w2.data(), "the resumed run continues exactly");
    }

    @Test
    void nullArgumentsAreRejected() {
        Srsgd opt = SCHEDULE.build(params(Tensor.param(Nd4j.createFromArray(1.0))), 0);
        assertThrows(IllegalArgumentException.class, () -> new SrsgdEpochs(null, SCHEDULE));
        assertThrows(IllegalArgumentException.class, () -> new SrsgdEpochs(opt, null));
    }
}
