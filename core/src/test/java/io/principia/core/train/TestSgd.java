package io.principia.core.train;

import io.principia.core.optim.Optimizer;
import io.principia.core.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Test-only SGD with heavy-ball momentum, {@code v = mu v + g; p -= lr v}, so checkpoints carry
 * optimizer state ({@code <param>.momentum_buffer}, plus a rank-0 {@code step} count).
 */
final class TestSgd extends Optimizer {
    private final double momentum;
    private final Map<String, INDArray> buffers = new LinkedHashMap<>();
    private long steps;

    TestSgd(Map<String, Tensor> params, double lr, double momentum) {
        super(params, lr);
        this.momentum = momentum;
    }

    @Override
    public void step() {
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            INDArray g = e.getValue().grad();
            if (g == null) {
                continue;
            }
            INDArray v = buffers.get(e.getKey());
            if (v == null) {
                v = g.dup();
                buffers.put(e.getKey(), v);
            } else {
                v.muli(momentum).addi(g);
            }
            e.getValue().data().subi(v.mul(lr));
        }
        steps++;
    }

    @Override
    public Map<String, INDArray> stateDict() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        buffers.forEach((k, v) -> out.put(k + ".momentum_buffer", v.dup()));
        out.put("step", Nd4j.scalar(steps));
        return out;
    }

    @Override
    public void loadStateDict(Map<String, INDArray> state) {
        buffers.clear();
        state.forEach((k, v) -> {
            if (k.equals("step")) {
                steps = v.getLong(0);
            } else if (k.endsWith(".momentum_buffer")) {
                String name = k.substring(0, k.length() - ".momentum_buffer".length());
                if (!params.containsKey(name)) {
                    throw new IllegalArgumentException("optimizer state for unknown parameter '" + name + "'");
                }
                buffers.put(name, v.dup());
            } else {
                throw new IllegalArgumentException("unexpected optimizer state key '" + k + "'");
            }
        });
    }

    long steps() { return steps; }
}
