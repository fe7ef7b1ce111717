package io.principia.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.principia.core.tensor.Tensor;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MetricAccumulatorTest {
    private static StepResult result(double loss, int n) {
        return StepResult.of(Tensor.scalar(loss), n);
    }

    @Test
    void lossAndExtrasAreAveragedWeightedByCount() {
        MetricAccumulator acc = new MetricAccumulator(false);
        acc.add(result(1.0, 2).withMetric("mse", 4.0), 1.0);
        acc.add(result(4.0, 6).withMetric("mse", 8.0), 4.0);
        Map<String, Double> m = acc.result("train_");
        assertEquals((1.0 * 2 + 4.0 * 6) / 8, m.get("train_loss"), 1e-12);
        assertEquals((4.0 * 2 + 8.0 * 6) / 8, m.get("train_mse"), 1e-12);
        assertFalse(m.containsKey("train_accuracy"));
    }

    /** Accuracy and macro F1 against a hand count over two batches, with one ignored label. */
    @Test
    void classificationMatchesAHandCount() {
        MetricAccumulator acc = new MetricAccumulator(true);
        // argmax rows: 0, 1, 2, 1 | 2, 0
        INDArray p1 = Nd4j.create(new float[][] {{5, 1, 0}, {0, 3, 1}, {0, 0, 2}, {1, 2, 0}});
        INDArray y1 = Nd4j.createFromArray(0, 1, 1, 1);
        INDArray p2 = Nd4j.create(new float[][] {{0, 1, 9}, {4, 0, 0}, {0, 9, 0}});
        INDArray y2 = Nd4j.createFromArray(2, 1, -1); // the last row is ignored
        acc.add(result(0.5, 4).withClassification(p1, y1), 0.5);
        acc.add(result(0.5, 2).withClassification(p2, y2), 0.5);
        Map<String, Double> m = acc.result("val_");
        // pairs (pred, true): (0,0) (1,1) (2,1) (1,1) (2,2) (0,1); 4 of 6 right
        assertEquals(4.0 / 6, m.get("val_accuracy"), 1e-12);
        double f0 = f1(1, 1, 0); // class 0: tp 1, fp 1 (row 6), fn 0
        double f1 = f1(2, 0, 2); // class 1: tp 2, fp 0, fn 2
        double f2 = f1(1, 1, 0); // class 2: tp 1, fp 1 (row 3), fn 0
        assertEquals((f0 + f1 + f2) / 3, m.get("val_f1"), 1e-12);
    }

    private static double f1(int tp, int fp, int fn) {
        double precision = tp / (double) (tp + fp);
        double recall = tp / (double) (tp + fn);
        return 2 * precision * recall / (precision + recall);
    }

    @Test
    void oneColumnIsTheLogitOfClassOne() {
        MetricAccumulator acc = new MetricAccumulator(true);
        INDArray logits = Nd4j.create(new float[][] {{2}, {-1}, {0.5f}, {-3}});
        acc.add(result(0.1, 4).withClassification(logits, Nd4j.createFromArray(1, 0, 0, 0)), 0.1);
        assertEquals(0.75, acc.result("val_").get("val_accuracy"), 1e-12);
    }

    @Test
    void badShapesAndLabelsAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> result(1, 2).withClassification(Nd4j.zeros(2, 3), Nd4j.zeros(3)));
        MetricAccumulator acc = new MetricAccumulator(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> acc.add(
                result(1, 2).withClassification(Nd4j.zeros(2, 3), Nd4j.createFromArray(0, 3)), 1));
        assertEquals("label 3 at row 1 is not a class index in [0, 3)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StepResult.of(Tensor.zeros(2), 1));
        assertThrows(IllegalArgumentException.class, () -> StepResult.of(Tensor.scalar(1), 0));
    }
}
