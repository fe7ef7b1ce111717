package io.principia.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.nn.functional.Normalization;
import io.principia.core.tensor.Tensor;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Impossible layer settings and bad state dicts: clear errors, and a failed load changes nothing. */
class BadInputTest {
    @Test
    void negativeOrNaNEpsIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm(3, -1, 0.1, true, DataType.FLOAT));
        assertTrue(e.getMessage().contains("BatchNorm") && e.getMessage().contains("eps") && e.getMessage().contains("-1.0"));
        e = assertThrows(IllegalArgumentException.class, () -> new LayerNorm(new long[] {3}, Double.NaN, true, DataType.FLOAT));
        assertTrue(e.getMessage().contains("LayerNorm") && e.getMessage().contains("NaN"));
        e = assertThrows(IllegalArgumentException.class,
                () -> Normalization.layerNorm(Tensor.zeros(2, 3), new long[] {3}, null, null, -1e-5));
        assertTrue(e.getMessage().contains("layerNorm") && e.getMessage().contains("eps"));
    }

    @Test
    void failedLoadLeavesTheModuleUnchanged() {
        Linear m = new Linear(2, 3);
        INDArray before = m.weight.data().dup();
        Map<String, INDArray> sd = new LinkedHashMap<>();
        sd.put("weight", Nd4j.zeros(DataType.FLOAT, 3, 2)); // fits
        sd.put("bias", Nd4j.zeros(DataType.FLOAT, 4)); // does not
        var e = assertThrows(IllegalArgumentException.class, () -> m.loadStateDict(sd));
        assertTrue(e.getMessage().contains("'bias'") && e.getMessage().contains("[4]"), e.getMessage());
        assertEquals(before, m.weight.data());
    }

    @Test
    void nullOrNonFloatingEntriesAreRejected() {
        Linear m = new Linear(2, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> m.loadStateDict(null));
        assertTrue(e.getMessage().contains("null"));
        Map<String, INDArray> withNull = new HashMap<>();
        withNull.put("weight", null);
        withNull.put("bias", Nd4j.zeros(DataType.FLOAT, 3));
        e = assertThrows(IllegalArgumentException.class, () -> m.loadStateDict(withNull));
        assertTrue(e.getMessage().contains("'weight'") && e.getMessage().contains("null"), e.getMessage());
        Map<String, INDArray> bools = Map.of("weight", Nd4j.zeros(DataType.BOOL, 3, 2), "bias", Nd4j.zeros(DataType.FLOAT, 3));
        e = assertThrows(IllegalArgumentException.class, () -> m.loadStateDict(bools));
        assertTrue(e.getMessage().contains("'weight'") && e.getMessage().contains("BOOL"), e.getMessage());
        // float64 into float32 still converts, as PyTorch's copy_ does
        m.loadStateDict(Map.of("weight", Nd4j.ones(DataType.DOUBLE, 3, 2), "bias", Nd4j.zeros(DataType.DOUBLE, 3)));
        assertEquals(DataType.FLOAT, m.weight.dtype());
        assertEquals(6.0, m.weight.data().sumNumber().doubleValue(), 0);
    }
}
