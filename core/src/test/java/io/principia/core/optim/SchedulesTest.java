package io.principia.core.optim;

import static io.principia.core.optim.SgdTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Every schedule against values worked out by hand (or, for cosines, by a separate formula). */
class SchedulesTest {

    @Test
    void constant() {
        LrSchedule s = new Constant(0.1);
        assertEquals(0.1, s.lr(0), 0);
        assertEquals(0.1, s.lr(1_000_000), 0);
        assertMessage(() -> new Constant(-1), "lr");
        assertMessage(() -> s.lr(-1), "step");
    }

    @Test
    void stepLr() {
        LrSchedule s = new StepLr(0.1, 10, 0.5);
        assertEquals(0.1, s.lr(0), 0);
        assertEquals(0.1, s.lr(9), 0);
        assertEquals(0.05, s.lr(10), 0);
        assertEquals(0.05, s.lr(19), 0);
        assertEquals(0.025, s.lr(25), 1e-17);
        assertMessage(() -> new StepLr(0.1, 0, 0.5), "stepSize");
        assertMessage(() -> new StepLr(0.1, 10, -0.5), "gamma");
    }

    @Test
    void cosineAnnealing() {
        LrSchedule s = new CosineAnnealing(1.0, 100, 0.1);
        assertEquals(1.0, s.lr(0), 1e-15);
        assertEquals(0.55, s.lr(50), 1e-15);                               // cos(π/2) = 0: halfway
        assertEquals(0.1 + 0.45 * (1 + Math.sqrt(0.5)), s.lr(25), 1e-15); // cos(π/4) = √½
        assertEquals(0.1 + 0.45 * (1 - Math.sqrt(0.5)), s.lr(75), 1e-15);
        assertEquals(0.1, s.lr(100), 1e-15);
        assertEquals(0.1, s.lr(5000), 0);                                  // stays at minLr after T
        assertEquals(0.0, new CosineAnnealing(2.0, 10).lr(10), 1e-15);
        assertMessage(() -> new CosineAnnealing(1.0, 0, 0.1), "totalSteps");
    }

    @Test
    void linearWarmup() {
        LrSchedule s = new LinearWarmup(new Constant(0.1), 10);
        assertEquals(0.0, s.lr(0), 0);
        assertEquals(0.05, s.lr(5), 1e-17);
        assertEquals(0.09, s.lr(9), 1e-16);
        assertEquals(0.1, s.lr(10), 0);
        assertEquals(0.1, s.lr(500), 0);

        LrSchedule half = new LinearWarmup(new Constant(0.1), 10, 0.5);
        assertEquals(0.05, half.lr(0), 1e-16);
        assertEquals(0.075, half.lr(5), 1e-16);

        // the inner schedule's clock starts after the warmup
        LrSchedule cos = new LinearWarmup(new CosineAnnealing(1.0, 100), 20);
        assertEquals(0.5, cos.lr(10), 1e-15);
        assertEquals(1.0, cos.lr(20), 1e-15);
        assertEquals(0.5, cos.lr(70), 1e-15);
        assertEquals(0.0, cos.lr(120), 1e-15);

        assertEquals(0.1, new LinearWarmup(new Constant(0.1), 0).lr(0), 0);
        assertMessage(() -> new LinearWarmup(new Constant(0.1), -1), "warmupSteps");
        assertMessage(() -> new LinearWarmup(new Constant(0.1), 5, 1.5), "startFactor");
    }

    @Test
    void oneCycle() {
        OneCycle s = new OneCycle(1.0, 100);
        assertEquals(29.0, s.peakStep(), 1e-12);                           // 0.3·100 − 1
        assertEquals(1.0 / 25, s.lr(0), 1e-15);                            // maxLr / divFactor
        assertEquals(1.0, s.lr(29), 1e-15);                                // the peak
        assertEquals(1.0 / (25 * 1e4), s.lr(99), 1e-18);                   // maxLr / (divFactor · finalDivFactor)
        // inside the phases: b + (a − b)(1 + cos(πx))/2, values from PyTorch's OneCycleLR formula
        // evaluated independently in Python
        assertEquals(0.29516394846410077, s.lr(10), 1e-15);                // x = 10/29 of the ramp up
        assertEquals(0.9994965352845243, s.lr(30), 1e-15);                 // x = 1/70 of the anneal
        assertEquals(0.793893450575732, s.lr(50), 1e-15);                  // x = 21/70
        // halfway down the anneal: x = 1/2, lr = (max + min)/2
        assertEquals((1.0 + 4e-6) / 2, s.lr(64), 1e-15);
        assertEquals(0.0005074647154757324, s.lr(100), 1e-15);             // PyTorch still answers step T
        assertMessage(() -> s.lr(101), "totalSteps");

        OneCycle custom = new OneCycle(0.5, 11, 0.5, 10, 100);             // peak at 4.5, ends at 10
        assertEquals(0.05, custom.lr(0), 1e-15);
        assertEquals(0.05 + 0.45 * (1 - Math.cos(Math.PI * 2 / 4.5)) / 2, custom.lr(2), 1e-15);
        assertEquals(0.0005, custom.lr(10), 1e-15);

        assertMessage(() -> new OneCycle(1.0, 100, 0.005, 25, 1e4), "pctStart");
        assertMessage(() -> new OneCycle(1.0, 100, 1.0, 25, 1e4), "pctStart");
        assertMessage(() -> new OneCycle(1.0, 100, 0.3, 0, 1e4), "divFactor");
        assertMessage(() -> new OneCycle(1.0, 1), "totalSteps");
    }
}
