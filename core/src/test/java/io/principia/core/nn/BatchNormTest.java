package io.principia.core.nn;

import static io.principia.core.testing.GradCheck.randomInput;
import static io.principia.core.testing.TestArrays.assertClose;
import static io.principia.core.testing.TestArrays.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.LayerCheck;
import io.principia.core.testing.Oracles;
import io.principia.core.util.Rng;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class BatchNormTest {
    private static final double EPS = 1e-5;

    private static BatchNorm randomized(int c) {
        BatchNorm bn = new BatchNorm(c, EPS, 0.1, true, DataType.DOUBLE);
        Rng rng = new Rng(7);
        bn.weight.data().assign(Init.normal(rng, DataType.DOUBLE, 1, 0.5, c));
        bn.bias.data().assign(Init.normal(rng, DataType.DOUBLE, 0, 0.5, c));
        return bn;
    }

    @Test
    void namesMatchPyTorch() {
        BatchNorm bn = new BatchNorm(3);
        assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"), List.copyOf(bn.stateDict().keySet()));
        assertEquals(List.of("weight", "bias"), List.copyOf(bn.namedParameters().keySet()));
    }

    @Test
    void trainingNormalizesWithBatchStatsAndTracksRunningStats() {
        for (long[] shape : new long[][] {{8, 3}, {2, 3, 4, 5}}) {
            BatchNorm bn = randomized(3);
            int n = (int) shape[0], s = shape.length == 4 ? 20 : 1, m = n * s;
            double[] rm = {0, 0, 0}, rv = {1, 1, 1};
            for (int step = 0; step < 2; step++) {
                Tensor x = randomInput(10 + step, shape);
                Tensor y = bn.forward(x);
                double[][] st = Oracles.channelStats(values(x.data()), n, 3, s);
                assertClose(Oracles.batchNorm(values(x.data()), n, 3, s, st[0], st[1], values(bn.weight.data()), values(bn.bias.data()), EPS),
                        shape, y.data(), 1e-10);
                for (int k = 0; k < 3; k++) {
                    rm[k] = 0.9 * rm[k] + 0.1 * st[0][k];
                    rv[k] = 0.9 * rv[k] + 0.1 * st[1][k] * m / (m - 1);
                }
            }
            assertClose(rm, new long[] {3}, bn.runningMean(), 1e-12);
            assertClose(rv, new long[] {3}, bn.runningVar(), 1e-12);
            assertEquals(2, bn.numBatchesTracked());
        }
    }

    @Test
    void evalUsesRunningStatsAndDiffersFromTraining() {
        BatchNorm bn = randomized(3);
        bn.forward(randomInput(20, 4, 3, 2, 2)); // move the running stats away from (0, 1)
        Tensor x = randomInput(21, 4, 3, 2, 2);
        bn.eval();
        INDArray rm = bn.runningMean().dup(), rv = bn.runningVar().dup();
        Tensor yEval = bn.forward(x);
        assertClose(Oracles.batchNorm(values(x.data()), 4, 3, 4, values(rm), values(rv), values(bn.weight.data()), values(bn.bias.data()), EPS),
                x.shape(), yEval.data(), 1e-10);
        assertEquals(rm, bn.runningMean()); // eval leaves them alone
        assertEquals(1, bn.numBatchesTracked());
        bn.train();
        Tensor yTrain = bn.forward(x);
        assertTrue(yTrain.data().sub(yEval.data()).amaxNumber().doubleValue() > 1e-3);
    }

    @Test
    void gradientsInTrainingAndEval() {
        BatchNorm bn = randomized(3);
        Tensor x = randomInput(22, 2, 3, 2, 3);
        LayerCheck.checkParameters(bn, () -> bn.forward(x), x);
        bn.eval();
        LayerCheck.checkParameters(bn, () -> bn.forward(x), x);
        BatchNorm bn1 = randomized(3);
        Tensor x2 = randomInput(23, 5, 3);
        LayerCheck.checkParameters(bn1, () -> bn1.forward(x2), x2);
    }

    @Test
    void stateDictRoundTrip() {
        BatchNorm a = randomized(3);
        a.forward(randomInput(24, 6, 3));
        BatchNorm b = new BatchNorm(3, EPS, 0.1, true, DataType.DOUBLE);
        b.loadStateDict(a.stateDict());
        for (Map.Entry<String, INDArray> e : a.stateDict().entrySet()) {
            assertEquals(e.getValue(), b.stateDict().get(e.getKey()), e.getKey());
        }
    }

    @Test
    void wrongChannelCountIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> randomized(3).forward(randomInput(25, 2, 4, 5)));
        assertTrue(e.getMessage().contains("BatchNorm") && e.getMessage().contains("[2, 4, 5]") && e.getMessage().contains("3"), e.getMessage());
    }
}
