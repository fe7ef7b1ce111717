package io.principia.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Adam flushes moments that have decayed below 1e-30 to exactly 0, so they never become denormal floats. */
class AdamDenormalTest {

    @Test
    void decayedFirstMomentsAreFlushedToZeroAndLiveOnesKept() {
        Tensor p = Tensor.param(Nd4j.createFromArray(1f, 1f));
        Adam adam = new Adam(Map.of("p", p), 1e-3);
        p.setGrad(Nd4j.createFromArray(1e-3f, 1f));
        adam.step();
        // From now on the first entry gets no gradient, the second a constant one.
        int steps = 1023; // total 1024 = 16 flushes
        for (int i = 0; i < steps; i++) {
            p.setGrad(Nd4j.createFromArray(0f, 1f));
            adam.step();
        }
        INDArray m = adam.stateDict().get("p.exp_avg");
        // Without the flush m[0] would be 1e-4 * 0.9^1023 ≈ 3e-51, below float's smallest normal (1.2e-38).
        assertEquals(0.0, m.getDouble(0), 0.0);
        // The live moment converges to the constant gradient and is untouched by the flush.
        assertEquals(1.0, m.getDouble(1), 1e-5);
        // v[0] = 1e-6 * (1 - 0.999) * 0.999^1023 ≈ 3.6e-10 is far above the threshold and kept.
        INDArray v = adam.stateDict().get("p.exp_avg_sq");
        assertEquals(1e-9 * Math.pow(0.999, 1023), v.getDouble(0), 1e-12);
        for (int i = 0; i < m.length(); i++) {
            double x = Math.abs(m.getDouble(i));
            assertTrue(x == 0 || x >= Float.MIN_NORMAL, "denormal left in m: " + x);
        }
        assertEquals(DataType.FLOAT, m.dataType());
    }
}
