package io.principia.examples.graph.grand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class AccuracyTableTest {

    private static FullBatchFit.Result result(double test) {
        return new FullBatchFit.Result(0.5, test, 1.0, 3, Double.NaN, 1.0);
    }

    @Test
    void numericColumnsComeInNumericOrderWhateverTheRunOrder() {
        // runs merged from per-(split, k) folders arrive in directory order: k = 1, 10, 2, 20, 5
        AccuracyTable t = new AccuracyTable("t", "k =", List.of());
        for (String k : new String[] {"1", "10", "2", "20", "5"}) {
            t.add(new AccuracyTable.Run("cora", k, "gcn", 0, result(0.5)));
            t.add(new AccuracyTable.Run("cora", k, "gcn", 1, result(0.7)));
        }
        assertEquals(List.of("1", "2", "5", "10", "20"), List.copyOf(t.columns()));
        String md = t.markdown();
        assertTrue(md.contains("| model | k = 1 | k = 2 | k = 5 | k = 10 | k = 20 |"), md);
        // mean 60.0, sample std of {50, 70} = 14.1
        assertTrue(md.contains("| gcn | 60.0 ± 14.1 (2) |"), md);
    }

    @Test
    void nonNumericColumnsKeepTheirOrder() {
        AccuracyTable t = new AccuracyTable("t", "", List.of());
        t.add(new AccuracyTable.Run("cora", "b", "gcn", 0, result(0.5)));
        t.add(new AccuracyTable.Run("cora", "a", "gcn", 0, result(0.5)));
        assertEquals(List.of("b", "a"), List.copyOf(t.columns()));
    }
}
