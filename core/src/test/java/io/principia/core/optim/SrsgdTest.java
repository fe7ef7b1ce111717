package io.principia.core.optim;

import static io.principia.core.optim.OptimTesting.single;
import static io.principia.core.optim.SgdTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SrsgdTest {

    // ---------------------------------------------------------------- spec 7.2: f(w) = ½w², w0 = 1, lr = 0.1

    /** Steps SRSGD on f(w) = ½w² (gradient w); returns w after each step and k before each step. */
    static double[][] halfSquare(Srsgd opt, Tensor w, int steps) {
        double[][] out = new double[2][steps];
        for (int t = 0; t < steps; t++) {
            out[1][t] = opt.iterCount();
            w.setGrad(w.data().dup());
            opt.step();
            out[0][t] = w.data().getDouble(0);
        }
        return out;
    }

    @Test
    void spec72NoWeightDecayRestartEveryTwoSteps() {
        Tensor w = Tensor.param(Nd4j.createFromArray(1.0));
        double[][] r = halfSquare(new Srsgd(single(w), 0.1, 0, 3), w, 6);
        assertArrayEquals(new double[] {0.9, 0.7875, 0.70875, 0.62015625, 0.558140625, 0.488373046875}, r[0], 1e-15);
        assertArrayEquals(new double[] {1, 2, 1, 2, 1, 2}, r[1], 0);
    }

    @Test
    void spec72WeightDecay() {
        Tensor w = Tensor.param(Nd4j.createFromArray(1.0));
        double[][] r = halfSquare(new Srsgd(single(w), 0.1, 0.01, 40), w, 6);
        // printed to 12 decimals in the spec
        assertArrayEquals(new double[] {0.899, 0.78550125, 0.66535147325, 0.544143649803, 0.426918950727, 0.317934508911},
                r[0], 5e-13);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, r[1], 0);
    }

    // ---------------------------------------------------------------- hand-computed steps and the restart boundary

    @Test
    void firstStepsByHand() {
        // g = (1, 2) every step, lr 0.1, no restart yet: μ = 0, 1/4, 2/5.
        // v' = (0.9, -1.2) = p;  v' = (0.8, -1.4), p = v' + ¼(v' − (0.9, -1.2)) = (0.775, -1.45);
        // v' = (0.675, -1.65), p = v' + ⅖(v' − (0.8, -1.4)) = (0.625, -1.75)
        Tensor p = Tensor.param(Nd4j.createFromArray(1.0, -1.0));
        Srsgd opt = new Srsgd(single(p), 0.1, 0, 100);
        double[][] expected = {{0.9, -1.2}, {0.775, -1.45}, {0.625, -1.75}};
        double[] mus = {0, 0.25, 0.4};
        for (int t = 0; t < 3; t++) {
            assertEquals(mus[t], opt.momentum(), 1e-16);
            p.setGrad(Nd4j.createFromArray(1.0, 2.0));
            opt.step();
            assertArrayEquals(expected[t], p.data().toDoubleVector(), 1e-14, "step " + (t + 1));
        }
        assertArrayEquals(new double[] {0.675, -1.65}, opt.stateOf("w").get(Srsgd.MOMENTUM_BUFFER).toDoubleVector(), 1e-14);
    }

    @Test
    void coefficientsAcrossTheRestartBoundary() {
        // R = 5: the counter runs 1, 2, 3, 4 and resets (k + 1 ≥ R), so a cycle is R − 1 = 4 steps
        Tensor p = Tensor.param(Nd4j.createFromArray(1.0));
        Srsgd opt = new Srsgd(single(p), 0.1, 0, 5);
        long[] ks = {1, 2, 3, 4, 1, 2, 3, 4, 1};
        double[] mus = {0, 1 / 4.0, 2 / 5.0, 3 / 6.0, 0, 1 / 4.0, 2 / 5.0, 3 / 6.0, 0};
        for (int t = 0; t < ks.length; t++) {
            assertEquals(ks[t], opt.iterCount(), "k before step " + (t + 1));
            assertEquals(mus[t], opt.momentum(), 1e-16, "μ before step " + (t + 1));
            p.setGrad(Nd4j.createFromArray(1.0));
            opt.step();
        }
        // R ≤ 2 never leaves k = 1 (plain SGD); R = +∞ never restarts (NAG: μ = (t−1)/(t+2))
        for (double r : new double[] {1, 1.5, 2}) {
            Srsgd sgd = new Srsgd(single(Tensor.param(Nd4j.createFromArray(1.0))), 0.1, 0, r);
            for (int t = 0; t < 4; t++) {
                sgd.params().get("w").setGrad(Nd4j.createFromArray(1.0));
                sgd.step();
                assertEquals(1, sgd.iterCount(), "R = " + r);
            }
        }
        Srsgd nag = new Srsgd(single(Tensor.param(Nd4j.createFromArray(1.0))), 0.1, 0, Double.POSITIVE_INFINITY);
        for (int t = 1; t <= 50; t++) {
            assertEquals((t - 1.0) / (t + 2.0), nag.momentum(), 0);
            nag.step();   // no gradient: nothing moves, but the counter advances (update_iter runs regardless)
        }
        // a fractional R (ImageNet's decayed period) restarts once k + 1 ≥ R
        Srsgd frac = new Srsgd(single(Tensor.param(Nd4j.createFromArray(1.0))), 0.1, 0, 3.5);
        long[] fk = {1, 2, 3, 1, 2, 3, 1};
        for (long k : fk) {
            assertEquals(k, frac.iterCount());
            frac.step();
        }
    }

    /** Written-out srsgd.py on doubles, with a gradient sequence; drop = step index (0-based) before which the optimizer is rebuilt. */
    static double[][] reference(double[] p0, double[][] grads, double lr, double wd, double r, int drop, double lr2, double r2) {
        double[] p = p0.clone(), v = null;
        long k = 1;
        double[][] out = new double[grads.length][];
        for (int t = 0; t < grads.length; t++) {
            if (t == drop) {
                lr = lr2;
                r = r2;
                v = null;   // new optimizer object: fresh state, iter_count handed over
            }
            double mu = (k - 1.0) / (k + 2.0);
            if (v == null) {
                v = p.clone();
            }
            for (int i = 0; i < p.length; i++) {
                double g = grads[t][i] + wd * p[i];
                double next = p[i] - lr * g;
                p[i] = next + mu * (next - v[i]);
                v[i] = next;
            }
            k++;
            if (k >= r) {
                k = 1;
            }
            out[t] = p.clone();
        }
        return out;
    }

    static double[][] grads(int steps, int n) {
        double[][] g = new double[steps][n];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                g[t][i] = Math.sin(0.9 * t + 1.7 * i) + 0.3 * i;
            }
        }
        return g;
    }

    @Test
    void matchesWrittenOutStepsWithWeightDecayRestartsAndADrop() {
        double[] p0 = {1.0, -1.5, 0.25, 2.0};
        double[][] g = grads(14, 4);
        int drop = 8;
        double[][] expected = reference(p0, g, 0.1, 5e-2, 4, drop, 0.01, 6);
        Tensor p = Tensor.param(Nd4j.createFromArray(p0.clone()));
        Srsgd opt = new Srsgd(single(p), 0.1, 5e-2, 4);
        for (int t = 0; t < g.length; t++) {
            if (t == drop) {
                opt.onLearningRateDrop(0.01, 6);
            }
            INDArray grad = Nd4j.createFromArray(g[t].clone());
            p.setGrad(grad);
            opt.step();
            assertArrayEquals(g[t], grad.toDoubleVector(), 0, "the gradient is not modified");
            assertArrayEquals(expected[t], p.data().toDoubleVector(), 1e-14, "step " + (t + 1));
        }
    }

    @Test
    void learningRateDropIsARebuildThatKeepsTheCounter() {
        Map<String, Tensor> m = StatefulOptimizerTest.model();
        Srsgd opt = new Srsgd(m, 0.1, 1e-3, 30);
        StatefulOptimizerTest.steps(opt, m, 0, 7);
        long k = opt.iterCount();
        assertEquals(8, k);
        assertNotNull(opt.stateOf("fc1.weight"));

        opt.onLearningRateDrop(0.01, 60);
        assertEquals(0.01, opt.lr(), 0);
        assertEquals(60, opt.restartPeriod(), 0);
        assertEquals(k, opt.iterCount());
        assertNull(opt.stateOf("fc1.weight"));
        assertEquals(List.of("lr", "iter_count", "restart_period"), List.copyOf(opt.stateDict().keySet()));

        // from here it is indistinguishable from the official "new SRSGD(lr, wd, iter_count = k, restarting_iter)"
        Map<String, Tensor> twin = StatefulOptimizerTest.copy(m);
        Srsgd fresh = new Srsgd(twin, 0.01, 1e-3, 60, k);
        for (int t = 7; t < 12; t++) {
            StatefulOptimizerTest.setGrads(m, t);
            StatefulOptimizerTest.setGrads(twin, t);
            opt.step();
            fresh.step();
        }
        for (String name : m.keySet()) {
            assertArrayEquals(fresh.params().get(name).data().data().asFloat(), m.get(name).data().data().asFloat(), 0f, name);
        }
        assertEquals(fresh.iterCount(), opt.iterCount());

        // setLr / setRestartPeriod only change the setting: buffers stay
        opt.setLr(0.05);
        opt.setRestartPeriod(3);
        assertNotNull(opt.stateOf("fc1.weight"));
        assertEquals(3, opt.restartPeriod(), 0);
    }

    @Test
    void counterAtOrAboveTheNewPeriodRestartsAfterOneStep() {
        // carried k = 8 ≥ new R = 5: the step uses μ_8 (as the official code), then the counter resets
        Tensor p = Tensor.param(Nd4j.createFromArray(1.0));
        Srsgd opt = new Srsgd(single(p), 0.1, 0, 100, 8);
        opt.onLearningRateDrop(0.1, 5);
        assertEquals(Srsgd.coefficient(8), opt.momentum(), 0);
        p.setGrad(Nd4j.createFromArray(1.0));
        opt.step();
        // first step after the rebuild: v = p, so p = v' + μ(v' − p) = 0.9 − 0.7·0.1
        assertEquals(0.9 - 0.7 * 0.1, p.data().getDouble(0), 1e-15);
        assertEquals(1, opt.iterCount());
    }

    @Test
    void parameterWithoutGradientIsSkippedButTheCounterAdvances() {
        Tensor a = Tensor.param(Nd4j.createFromArray(1.0, 2.0));
        Tensor b = Tensor.param(Nd4j.createFromArray(3.0, 4.0));
        Map<String, Tensor> params = new LinkedHashMap<>();
        params.put("a", a);
        params.put("b", b);
        Srsgd opt = new Srsgd(params, 0.5, 0.1, 10);
        a.setGrad(Nd4j.createFromArray(1.0, 1.0));
        opt.step();
        assertArrayEquals(new double[] {3.0, 4.0}, b.data().toDoubleVector(), 0);
        assertNull(opt.stateOf("b"));
        assertEquals(2, opt.iterCount());
    }

    // ---------------------------------------------------------------- spec 7.3: NAG / NAG-SR on the quadratic

    static final int QN = 1000;
    static final double F_STAR = -QN / (2.0 * (QN + 1));   // f* = −½·b·P⁻¹b = −½·n/(n + 1)

    /** ∇f(y) = P y − b with P = 2I − A (A = ones on the off-diagonals), b = e₁. */
    static double[] quadGrad(double[] y) {
        double[] g = new double[QN];
        for (int i = 0; i < QN; i++) {
            g[i] = 2 * y[i] - (i > 0 ? y[i - 1] : 0) - (i < QN - 1 ? y[i + 1] : 0) - (i == 0 ? 1 : 0);
        }
        return g;
    }

    static double quadGap(double[] y) {
        double[] g = quadGrad(y);   // P y − b, so ½yᵀPy − bᵀy = ½yᵀ(Py − b) − ½bᵀy
        double s = 0;
        for (int i = 0; i < QN; i++) {
            s += y[i] * g[i];
        }
        return Math.abs(0.5 * s - 0.5 * y[0] - F_STAR);
    }

    /**
     * |f(y_t) − f*| for t = 0 … steps, y_t = the SRSGD parameter after t steps of lr 1/4 from 0.
     * {@code periodAt(t)} is the restart period in force after step t (the script's k ≥ K test is R = K + 1).
     */
    static double[] quadRun(java.util.function.LongToDoubleFunction periodAt, int steps) {
        Tensor y = Tensor.param(Nd4j.zeros(DataType.DOUBLE, QN));
        Srsgd opt = new Srsgd(single(y), 0.25, 0, periodAt.applyAsDouble(1));
        double[] gaps = new double[steps + 1];
        double[] cur = new double[QN];
        gaps[0] = quadGap(cur);
        for (int t = 1; t <= steps; t++) {
            y.setGrad(Nd4j.createFromArray(quadGrad(cur)));
            opt.setRestartPeriod(periodAt.applyAsDouble(t));
            opt.step();
            cur = y.data().toDoubleVector();
            gaps[t] = quadGap(cur);
        }
        return gaps;
    }

    @Test
    void spec73QuadraticGdNagAndScheduledRestart() {
        assertEquals(-0.4995004995005, F_STAR, 1e-13);
        double[] gd = quadRun(t -> 1, 10000);
        double[] nag = quadRun(t -> Double.POSITIVE_INFINITY, 10000);
        double[] sr = quadRun(t -> t < 2000 ? 1001 : t < 10000 ? 2001 : 4001, 10000);   // the script's schedule

        assertArrayEquals(new double[] {0.4995004995005, 0.3120004995005, 0.2455942495005, 0.2089731557505},
                java.util.Arrays.copyOf(gd, 4), 1e-13);
        assertArrayEquals(new double[] {0.4995004995005, 0.3120004995005, 0.2326547963755, 0.18727515770362},
                java.util.Arrays.copyOf(nag, 4), 1e-13);
        assertEquals(1.211222e-2, gd[1000], 5e-9);
        assertEquals(5.761506e-4, nag[1000], 5e-11);
        for (int t = 0; t <= 1000; t++) {
            assertEquals(nag[t], sr[t], 1e-15 * Math.max(1, nag[t]), "NAG-SR equals NAG through t = 1000, t = " + t);
        }
        assertEquals(5.761444e-4, sr[1001], 5e-11);
        assertTrue(Math.abs(sr[1001] - nag[1001]) > 1e-9);
        assertEquals(4.624806e-4, sr[1500], 5e-11);
        // t = 10000, printed to 3 digits: NAG 3.70e-7, NAG-SR 3.10e-10, GD 3.49e-3
        assertEquals(3.70e-7, nag[10000], 5e-10);
        assertEquals(3.10e-10, sr[10000], 5e-13);
        assertEquals(3.49e-3, gd[10000], 5e-6);
    }

    // ---------------------------------------------------------------- checkpoints

    @Test
    void stateDictLayout() {
        Map<String, Tensor> m = StatefulOptimizerTest.model();
        Srsgd opt = new Srsgd(m, 0.1, 0, 7.5);
        StatefulOptimizerTest.steps(opt, m, 0, 3);
        Map<String, INDArray> s = opt.stateDict();
        assertEquals(List.of("lr", "iter_count", "restart_period", "fc1.weight.step", "fc1.weight.momentum_buffer",
                "fc1.bias.step", "fc1.bias.momentum_buffer"), List.copyOf(s.keySet()));
        assertEquals(0, s.get("iter_count").rank());
        assertEquals(DataType.LONG, s.get("iter_count").dataType());
        assertEquals(4, s.get("iter_count").getLong(0));
        assertEquals(7.5, s.get("restart_period").getDouble(0), 0);
        assertEquals(DataType.DOUBLE, s.get("restart_period").dataType());
    }

    @Test
    void resumeIsBitExactAcrossRestartsAndADrop() {
        // 12 steps, R = 4 then a drop to R = 5 before step 6; checkpoint after 3 (mid-cycle) and after 7 (just past the drop)
        for (int cut : new int[] {3, 6, 7}) {
            Map<String, Tensor> straight = StatefulOptimizerTest.model();
            Srsgd a = new Srsgd(straight, 0.1, 5e-4, 4);
            srsgdSteps(a, straight, 0, 12);

            Map<String, Tensor> first = StatefulOptimizerTest.model();
            Srsgd b = new Srsgd(first, 0.1, 5e-4, 4);
            srsgdSteps(b, first, 0, cut);
            Map<String, INDArray> state = b.stateDict();
            Map<String, Tensor> resumed = StatefulOptimizerTest.copy(first);
            Srsgd r = new Srsgd(resumed, 0.7, 5e-4, 99, 42);   // settings the state dict must override
            r.loadStateDict(state);
            assertEquals(b.iterCount(), r.iterCount());
            assertEquals(b.restartPeriod(), r.restartPeriod(), 0);
            srsgdSteps(r, resumed, cut, 12);

            assertEquals(a.iterCount(), r.iterCount(), "cut " + cut);
            assertEquals(a.lr(), r.lr(), 0);
            for (String name : straight.keySet()) {
                assertArrayEquals(straight.get(name).data().data().asFloat(), resumed.get(name).data().data().asFloat(), 0f,
                        "cut " + cut + ", " + name);
            }
        }
    }

    static void srsgdSteps(Srsgd opt, Map<String, Tensor> m, int from, int to) {
        for (int t = from; t < to; t++) {
            if (t == 5) {
                opt.onLearningRateDrop(opt.lr() * 0.1, 5);
            }
            StatefulOptimizerTest.setGrads(m, t);
            opt.step();
        }
    }

    @Test
    void badStateDictsNameTheKey() {
        Map<String, Tensor> m = StatefulOptimizerTest.model();
        Srsgd opt = new Srsgd(m, 0.1, 0, 10);
        StatefulOptimizerTest.steps(opt, m, 0, 3);
        Map<String, INDArray> good = opt.stateDict();

        for (String key : new String[] {"iter_count", "restart_period", "lr", "fc1.weight.momentum_buffer"}) {
            Map<String, INDArray> missing = new LinkedHashMap<>(good);
            missing.remove(key);
            assertMessage(() -> new Srsgd(StatefulOptimizerTest.model(), 0.1, 0, 10).loadStateDict(missing), key);
        }
        Object[][] bad = {{"iter_count", Nd4j.scalar(0L)}, {"iter_count", Nd4j.scalar(DataType.DOUBLE, 2.5)},
                {"iter_count", Nd4j.zeros(DataType.LONG, 2)}, {"restart_period", Nd4j.scalar(DataType.DOUBLE, 0.5)},
                {"restart_period", Nd4j.scalar(DataType.DOUBLE, Double.NaN)}};
        for (Object[] b : bad) {
            Map<String, INDArray> s = new LinkedHashMap<>(good);
            s.put((String) b[0], (INDArray) b[1]);
            assertMessage(() -> new Srsgd(StatefulOptimizerTest.model(), 0.1, 0, 10).loadStateDict(s), (String) b[0]);
        }

        // a failed load changes nothing, the counter included
        Map<String, INDArray> shape = new LinkedHashMap<>(good);
        shape.put("fc1.weight.momentum_buffer", Nd4j.zeros(DataType.FLOAT, 4, 3));
        Srsgd target = new Srsgd(StatefulOptimizerTest.model(), 0.05, 0, 20, 7);
        assertMessage(() -> target.loadStateDict(shape), "fc1.weight.momentum_buffer");
        assertEquals(0.05, target.lr(), 0);
        assertEquals(7, target.iterCount());
        assertEquals(20, target.restartPeriod(), 0);
        assertNull(target.stateOf("fc1.weight"));
    }

    @Test
    void invalidSettingsAreNamed() {
        Map<String, Tensor> m = single(Tensor.param(Nd4j.createFromArray(1.0, 2.0)));
        assertMessage(() -> new Srsgd(m, -0.1, 0, 10), "learning rate");
        assertMessage(() -> new Srsgd(m, 0.1, -1e-4, 10), "weightDecay");
        assertMessage(() -> new Srsgd(m, 0.1, 0, 0.5), "restartPeriod");
        assertMessage(() -> new Srsgd(m, 0.1, 0, 0), "restartPeriod");
        assertMessage(() -> new Srsgd(m, 0.1, 0, Double.NaN), "restartPeriod");
        assertMessage(() -> new Srsgd(m, 0.1, 0, 10, 0), "iterCount");
        Srsgd opt = new Srsgd(m, 0.1, 0, 10);
        assertMessage(() -> opt.onLearningRateDrop(-0.01, 10), "lr");
        assertMessage(() -> opt.onLearningRateDrop(0.01, 0.9), "restartPeriod");
        assertMessage(() -> opt.setRestartPeriod(0), "restartPeriod");
        assertMessage(() -> opt.setLr(Double.NaN), "lr");
        assertEquals(0.1, opt.lr(), 0);        // a rejected drop changes nothing
        assertEquals(10, opt.restartPeriod(), 0);
    }
}
