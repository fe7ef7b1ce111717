package io.principia.core.optim;

import static io.principia.core.optim.SgdTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.principia.core.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** State dicts of every optimizer: layout, bit-exact resume, and errors naming the bad key. */
class StatefulOptimizerTest {
    static final int N = 7, K = 3;

    static final List<Function<Map<String, Tensor>, StatefulOptimizer>> OPTIMIZERS = List.of(
            m -> new Sgd(m, 0.1),
            m -> new Sgd(m, 0.1, 0.9, 0.1, 0.01, false),
            m -> new Sgd(m, 0.1, 0.9, 0, 0.01, true),
            m -> new Adam(m, 0.1),
            m -> new Adam(m, 0.1, 0.8, 0.9, 1e-6, 0.01, true),
            m -> new AdamW(m, 0.1),
            m -> new AdamW(m, 0.1, 0.8, 0.9, 1e-6, 0.1, true),
            m -> new RmsProp(m, 0.01),
            m -> new RmsProp(m, 0.01, 0.9, 1e-6, 0.01, 0.5, true),
            m -> new Adamax(m, 0.05, 0.8, 0.9, 1e-6, 0.01),
            m -> new Srsgd(m, 0.1, 0.01, 3),
            m -> new Srsgd(m, 0.1, 0, 5, 2));

    static Map<String, Tensor> model() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("fc1.weight", Tensor.param(Nd4j.linspace(-1, 1, 12, DataType.FLOAT).reshape(3, 4)));
        m.put("fc1.bias", Tensor.param(Nd4j.linspace(0.5, -0.5, 4, DataType.FLOAT)));
        m.put("fc2.weight", Tensor.param(Nd4j.linspace(2, 3, 4, DataType.FLOAT).reshape(2, 2)));
        return m;
    }

    static Map<String, Tensor> copy(Map<String, Tensor> m) {
        Map<String, Tensor> c = new LinkedHashMap<>();
        m.forEach((k, v) -> c.put(k, Tensor.param(v.data().dup())));
        return c;
    }

    /** A fixed gradient for step t; fc2.weight has none before step 5, so its state starts late. */
    static void setGrads(Map<String, Tensor> m, int t) {
        int k = 0;
        for (Map.Entry<String, Tensor> e : m.entrySet()) {
            k++;
            Tensor p = e.getValue();
            if (e.getKey().equals("fc2.weight") && t < 5) {
                p.zeroGrad();
                continue;
            }
            float[] g = new float[(int) p.length()];
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) Math.sin(0.7 * t + 1.3 * i + k);
            }
            p.setGrad(Nd4j.create(g, p.shape(), 'c'));
        }
    }

    static void steps(StatefulOptimizer opt, Map<String, Tensor> m, int from, int to) {
        for (int t = from; t < to; t++) {
            if (t == 2) {
                opt.setLr(opt.lr() * 0.3);   // the resumed optimizer must pick this lr up from the state dict
            }
            setGrads(m, t);
            opt.step();
        }
    }

    @Test
    void resumeIsBitExact() {
        for (int c = 0; c < OPTIMIZERS.size(); c++) {
            Function<Map<String, Tensor>, StatefulOptimizer> make = OPTIMIZERS.get(c);
            Map<String, Tensor> straight = model();
            StatefulOptimizer a = make.apply(straight);
            steps(a, straight, 0, N);

            Map<String, Tensor> first = model();
            StatefulOptimizer b = make.apply(first);
            steps(b, first, 0, K);
            Map<String, INDArray> state = b.stateDict();
            Map<String, Tensor> resumed = copy(first);
            StatefulOptimizer r = make.apply(resumed);
            r.loadStateDict(state);
            assertEquals(b.lr(), r.lr(), 0, "config " + c);
            steps(r, resumed, K, N);

            String what = a.getClass().getSimpleName() + " (config " + c + ")";
            assertEquals(a.lr(), r.lr(), 0, what);
            for (String name : straight.keySet()) {
                assertArrayEquals(straight.get(name).data().data().asFloat(), resumed.get(name).data().data().asFloat(), 0f,
                        what + ", " + name);
            }
            assertEquals(a.stateDict().keySet(), r.stateDict().keySet(), what);
        }
    }

    @Test
    void memoryLayoutDoesNotChangeTheResult() {
        // 'f'-ordered parameters and gradients take the ND4J fallbacks instead of BLAS
        for (Function<Map<String, Tensor>, StatefulOptimizer> make : OPTIMIZERS) {
            Map<String, Tensor> c = model(), f = new LinkedHashMap<>();
            c.forEach((k, v) -> f.put(k, Tensor.param(v.data().dup('f'))));
            StatefulOptimizer oc = make.apply(c), of = make.apply(f);
            for (int t = 0; t < N; t++) {
                setGrads(c, t);
                setGrads(f, t);
                f.values().forEach(p -> p.setGrad(p.grad() == null ? null : p.grad().dup('f')));
                oc.step();
                of.step();
            }
            for (String name : c.keySet()) {
                INDArray a = c.get(name).data(), b = f.get(name).data();
                assertEquals('f', b.ordering());
                assertArrayEquals(a.data().asFloat(), b.dup('c').data().asFloat(), 1e-6f, oc.getClass().getSimpleName() + " " + name);
            }
        }
    }

    @Test
    void layoutHasLrStepsAndSlots() {
        Map<String, Tensor> m = model();
        Adam adam = new Adam(m, 0.1, 0.9, 0.999, 1e-8, 0, true);
        steps(adam, m, 0, 2);
        Map<String, INDArray> s = adam.stateDict();
        assertEquals(List.of("lr", "fc1.weight.step", "fc1.weight.exp_avg", "fc1.weight.exp_avg_sq", "fc1.weight.max_exp_avg_sq",
                "fc1.bias.step", "fc1.bias.exp_avg", "fc1.bias.exp_avg_sq", "fc1.bias.max_exp_avg_sq"), List.copyOf(s.keySet()));
        assertEquals(0, s.get("lr").rank());
        assertEquals(0, s.get("fc1.bias.step").rank());
        assertEquals(2, s.get("fc1.bias.step").getLong(0));
        assertEquals(0.1, s.get("lr").getDouble(0), 0);
        assertArrayEquals(new long[] {3, 4}, s.get("fc1.weight.exp_avg").shape());
        assertNotSame(adam.stateOf("fc1.weight").get("exp_avg"), s.get("fc1.weight.exp_avg"));   // a copy
    }

    @Test
    void badStateDictsNameTheKey() {
        Map<String, Tensor> m = model();
        RmsProp opt = new RmsProp(m, 0.01, 0.99, 1e-8, 0, 0.9, true);
        steps(opt, m, 0, 2);
        Map<String, INDArray> good = opt.stateDict();

        Map<String, INDArray> missing = new LinkedHashMap<>(good);
        missing.remove("fc1.bias.grad_avg");
        assertMessage(() -> new RmsProp(model(), 0.01, 0.99, 1e-8, 0, 0.9, true).loadStateDict(missing), "fc1.bias.grad_avg");

        Map<String, INDArray> noLr = new LinkedHashMap<>(good);
        noLr.remove("lr");
        assertMessage(() -> new RmsProp(model(), 0.01, 0.99, 1e-8, 0, 0.9, true).loadStateDict(noLr), "'lr'");

        Map<String, INDArray> extra = new LinkedHashMap<>(good);
        extra.put("fc3.weight.square_avg", Nd4j.zeros(2));
        assertMessage(() -> new RmsProp(model(), 0.01, 0.99, 1e-8, 0, 0.9, true).loadStateDict(extra), "fc3.weight.square_avg");

        // a slot this configuration does not keep is unexpected too (no momentum here)
        assertMessage(() -> new RmsProp(model(), 0.01, 0.99, 1e-8, 0, 0, true).loadStateDict(good), "fc1.weight.momentum_buffer");

        Map<String, INDArray> shape = new LinkedHashMap<>(good);
        shape.put("fc1.weight.square_avg", Nd4j.zeros(DataType.FLOAT, 4, 3));
        assertMessage(() -> new RmsProp(model(), 0.01, 0.99, 1e-8, 0, 0.9, true).loadStateDict(shape), "fc1.weight.square_avg");

        Map<String, INDArray> step = new LinkedHashMap<>(good);
        step.put("fc1.weight.step", Nd4j.scalar(-1L));
        assertMessage(() -> new RmsProp(model(), 0.01, 0.99, 1e-8, 0, 0.9, true).loadStateDict(step), "fc1.weight.step");

        // a failed load changes nothing
        RmsProp target = new RmsProp(model(), 0.05, 0.99, 1e-8, 0, 0.9, true);
        assertMessage(() -> target.loadStateDict(shape), "shape");
        assertEquals(0.05, target.lr(), 0);
        assertEquals(null, target.stateOf("fc1.weight"));
    }
}
