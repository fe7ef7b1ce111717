package io.principia.core.ops;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;

import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Integer, empty and non-integral inputs to float ops get an error naming the op, never a raw ND4J failure. */
class OpsBadInputTest {
    private static Tensor ints(long... shape) { return Tensor.of(Nd4j.ones(DataType.INT, shape)); }

    private static void assertNames(Supplier<Tensor> op, String... parts) {
        var e = assertThrows(IllegalArgumentException.class, op::get);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + e.getMessage() + "' should name " + p);
        }
    }

    @Test
    void integerTensorsIntoFloatOps() {
        assertNames(() -> ints(2, 2).exp(), "exp", "floating-point", "INT");
        assertNames(() -> ints(2, 2).log(), "log", "INT");
        assertNames(() -> Tensor.of(Nd4j.ones(DataType.LONG, 2)).sqrt(), "sqrt", "LONG");
        assertNames(() -> ints(2).tanh(), "tanh");
        assertNames(() -> ints(2).sigmoid(), "sigmoid");
        assertNames(() -> ints(2, 3).softmax(1), "softmax");
        assertNames(() -> ints(2, 3).logsumexp(1, false), "logsumexp");
        assertNames(() -> Losses.crossEntropy(ints(2, 3), Tensor.of(Nd4j.createFromArray(0L, 1L))), "crossEntropy", "INT");
        assertNames(() -> Losses.bceWithLogits(ints(2), ints(2)), "bceWithLogits", "INT");
    }

    @Test
    void integerMeanIsAnErrorNotATruncation() {
        Tensor x = Tensor.of(Nd4j.createFromArray(1, 2)); // mean 1.5 would truncate to 1
        assertNames(() -> x.mean(), "mean", "INT");
        assertNames(() -> x.mean(0, false), "mean", "INT");
        assertNames(() -> Losses.mse(x, Tensor.of(Nd4j.createFromArray(0, 0))), "mse", "INT");
        assertNames(() -> Reductions.var(x, false), "var", "INT");
    }

    @Test
    void emptyTensorsIntoReductionsAndProducts() {
        Tensor e = Tensor.zeros(0, 3);
        assertNames(e::sum, "sum", "empty", "[0, 3]");
        assertNames(e::mean, "mean", "empty");
        assertNames(() -> e.max(0, false), "max", "empty");
        assertNames(() -> e.matmul(Tensor.zeros(3, 2)), "matmul", "[0, 3]", "empty");
        assertNames(() -> LinearAlgebra.linear(e, Tensor.zeros(2, 3), null), "linear", "[0, 3]");
        assertNames(() -> Losses.mse(Tensor.zeros(0), Tensor.zeros(0)), "mse", "empty");
        assertNames(() -> Losses.crossEntropy(e, Tensor.of(Nd4j.zeros(DataType.LONG, 0))), "crossEntropy", "[0, 3]");
    }

    @Test
    void fractionalOrNaNTargetsAreNotTruncated() {
        Tensor logits = Tensor.zeros(2, 3);
        assertNames(() -> Losses.crossEntropy(logits, Tensor.of(new float[] {1.7f, 0f}, 2)), "crossEntropy", "1.7", "row 0");
        assertNames(() -> Losses.crossEntropy(logits, Tensor.of(new float[] {0f, Float.NaN}, 2)), "NaN", "row 1");
        // whole-number float targets still work
        Losses.crossEntropy(logits, Tensor.of(new float[] {2f, 0f}, 2));
    }
}
