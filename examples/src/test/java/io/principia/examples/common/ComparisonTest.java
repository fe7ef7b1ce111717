package io.principia.examples.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The comparison table: long CSV, summary (min loss / best accuracy and their 1-based epochs) and wide tables. */
class ComparisonTest {

    private static Map<String, Double> row(int epoch, double loss, double acc) {
        return Map.of("epoch", (double) epoch, "train_loss", loss + 0.1, "val_loss", loss, "val_accuracy", acc, "elapsed_s", 2.0 * (epoch + 1));
    }

    @Test
    void tablesHoldEveryModelAndEpoch() {
        Comparison c = new Comparison("T", "note")
                .add("A", "-", List.of(row(0, 1.0, 0.5), row(1, 0.5, 0.7), row(2, 0.6, 0.8)))
                .add("B", "mu 0.6", List.of(row(0, 0.9, 0.6), row(1, 0.8, 0.65), row(2, 0.7, 0.6)));
        String[] csv = c.csv().split("\n");
        assertEquals(7, csv.length);
        assertEquals("A,1,1.10000,1.00000,0.500000,2.00000", csv[1]);
        String md = c.markdown();
        assertTrue(md.contains("| A | - | 0.6000 | 0.5000 (2) | 0.8000 | 0.8000 (3) | 6 |"), md);
        assertTrue(md.contains("| B | mu 0.6 | 0.7000 | 0.7000 (3) | 0.6000 | 0.6500 (2) | 6 |"), md);
        assertTrue(md.contains("| epoch | A | B |"), md);
        assertTrue(md.contains("| 2 | 0.5000 | 0.8000 |"), md);
    }
}
