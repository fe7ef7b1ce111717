package io.principia.core.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.evaluation.EvaluationAveraging;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Epoch averages of {@link StepResult}s: loss and extra metrics weighted by example count, and,
 * when {@code classify} is on and steps return predictions, accuracy and macro F1 from ND4J's
 * {@link Evaluation} over the whole pass.
 */
final class MetricAccumulator {
    private final boolean classify;
    private double lossSum;
    private long count;
    private final Map<String, double[]> extras = new LinkedHashMap<>(); // name -> {weighted sum, weight}
    private Evaluation evaluation;
    private int numClasses = -1;

    MetricAccumulator(boolean classify) {
        this.classify = classify;
    }

    void add(StepResult r, double loss) {
        lossSum += loss * r.count();
        count += r.count();
        for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
            double[] acc = extras.computeIfAbsent(e.getKey(), k -> new double[2]);
            acc[0] += e.getValue() * r.count();
            acc[1] += r.count();
        }
        if (classify && r.predictions() != null) {
            addClassification(r.predictions(), r.labels());
        }
    }

    double meanLoss() {
        return count == 0 ? Double.NaN : lossSum / count;
    }

    private void addClassification(INDArray predictions, INDArray labels) {
        int n = (int) predictions.size(0);
        int c = (int) predictions.size(1);
        INDArray scores = predictions;
        if (c == 1) { // one logit column: class 1 iff z > 0, i.e. argmax over [0, z]
            scores = Nd4j.hstack(Nd4j.zeros(predictions.dataType(), n, 1), predictions);
            c = 2;
        }
        if (numClasses < 0) {
            numClasses = c;
            evaluation = new Evaluation(c);
        } else if (numClasses != c) {
            throw new IllegalArgumentException("classification outputs changed from " + numClasses + " to " + c
                    + " classes within one pass (predictions " + Arrays.toString(predictions.shape()) + ")");
        }
        int[] y = labels.toIntVector();
        int kept = 0;
        for (int v : y) {
            if (v >= 0) {
                kept++;
            }
        }
        if (kept == 0) {
            return;
        }
        float[] onehot = new float[kept * c];
        int[] rows = new int[kept];
        for (int i = 0, k = 0; i < n; i++) {
            if (y[i] < 0) {
                continue;
            }
            if (y[i] >= c) {
                throw new IllegalArgumentException("label " + y[i] + " at row " + i + " is not a class index in [0, " + c + ")");
            }
            onehot[k * c + y[i]] = 1f;
            rows[k++] = i;
        }
        INDArray kept2d = kept == n ? scores : scores.getRows(rows);
        evaluation.eval(Nd4j.create(onehot, new long[] {kept, c}, 'c'), kept2d.castTo(DataType.FLOAT));
    }

    /** The loss and extra-metric sums (not the classification counts), for a mid-epoch checkpoint. */
    Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("loss_sum", lossSum);
        s.put("count", count);
        Map<String, double[]> copy = new LinkedHashMap<>();
        extras.forEach((k, v) -> copy.put(k, v.clone()));
        s.put("extras", copy);
        return s;
    }

    @SuppressWarnings("unchecked")
    void loadState(Map<String, Object> s) {
        lossSum = io.principia.core.io.Json.toDouble(s.get("loss_sum"));
        count = io.principia.core.io.Json.toLong(s.get("count"));
        extras.clear();
        ((Map<String, java.util.List<Object>>) s.get("extras")).forEach((k, v) -> extras.put(k,
                new double[] {io.principia.core.io.Json.toDouble(v.get(0)), io.principia.core.io.Json.toDouble(v.get(1))}));
    }

    /** {@code prefix + "loss"}, the extras, and {@code accuracy}/{@code f1} when classification ran. */
    Map<String, Double> result(String prefix) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(prefix + "loss", meanLoss());
        if (evaluation != null) {
            out.put(prefix + "accuracy", evaluation.accuracy());
            out.put(prefix + "f1", evaluation.f1(EvaluationAveraging.Macro));
        }
        extras.forEach((k, v) -> out.put(prefix + k, v[0] / v[1]));
        return out;
    }
}
