package io.principia.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MetricsCsvTest {
    @Test
    void fixedColumnsFirstThenExtrasAndEmptyCellsForMissingValues() {
        Map<String, Double> e0 = new LinkedHashMap<>();
        e0.put("epoch", 0.0);
        e0.put("step", 10.0);
        e0.put("train_loss", 0.5);
        e0.put("lr", 0.1);
        e0.put("elapsed_s", 1.25);
        e0.put("train_nfe", 26.0);
        Map<String, Double> e1 = new LinkedHashMap<>(e0);
        e1.put("epoch", 1.0);
        e1.put("step", 20.0);
        e1.put("val_loss", Double.NaN);
        e1.put("val_ppl", 3.0);
        assertEquals("epoch,step,train_loss,val_loss,val_accuracy,lr,elapsed_s,train_nfe,val_ppl\n"
                + "0,10,0.5,,,0.1,1.25,26.0,\n"
                + "1,20,0.5,NaN,,0.1,1.25,26.0,3.0\n", MetricsCsv.render(List.of(e0, e1)));
    }
}
