package io.principia.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
    @Test
    void modeAndMinDelta() {
        assertTrue(Mode.MIN.improves(0.9, 1.0, 0.05));
        assertFalse(Mode.MIN.improves(0.96, 1.0, 0.05));
        assertTrue(Mode.MAX.improves(0.7, 0.6, 0.05));
        assertFalse(Mode.MAX.improves(0.62, 0.6, 0.05));
        assertTrue(Mode.MIN.improves(5, Double.NaN, 0));
        assertFalse(Mode.MAX.improves(Double.NaN, 0.3, 0));
    }

    @Test
    void stateRoundTripsThroughJsonTypes() {
        EarlyStopping a = new EarlyStopping("val_accuracy", Mode.MAX, 3, 0.01);
        Map<String, Object> s = a.state();
        assertEquals(Double.NaN, s.get("best"));
        EarlyStopping b = new EarlyStopping("val_accuracy", Mode.MAX, 3, 0.01);
        b.loadState(Map.of("best", "NaN", "best_epoch", 2, "wait", 1, "stopped_epoch", -1));
        assertEquals(1, b.waitCount());
        assertEquals(2, b.bestEpoch());
        assertEquals("EarlyStopping[val_accuracy,MAX]", b.stateKey());
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("val_loss", Mode.MIN, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("val_loss", Mode.MIN, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("", Mode.MIN, 1, 0));
    }
}
