package io.principia.core.util;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Impossible distribution settings are errors, not silently clipped or sign-flipped samples. */
class RngBadInputTest {
    private static void assertNames(Runnable r, String... parts) {
        var e = assertThrows(IllegalArgumentException.class, r::run);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + e.getMessage() + "' should name " + p);
        }
    }

    @Test
    void impossibleSettings() {
        Rng rng = new Rng(1);
        assertNames(() -> rng.bernoulli(DataType.FLOAT, 2.0, 3), "bernoulli", "2.0");
        assertNames(() -> rng.bernoulli(DataType.FLOAT, Double.NaN, 3), "bernoulli", "NaN");
        assertNames(() -> rng.normal(DataType.FLOAT, 0, -1, 3), "normal", "std -1.0");
        assertNames(() -> rng.uniform(DataType.FLOAT, 1, 0, 3), "uniform", "[1.0, 0.0)");
        assertNames(() -> rng.permutation(-1), "permutation", "-1");
    }
}
