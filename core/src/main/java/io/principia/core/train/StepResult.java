package io.principia.core.train;

import io.principia.core.tensor.Tensor;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The outcome of one {@link TrainingTask#step}: the scalar loss, how many examples it averages
 * over (the weight of this batch in epoch averages), named extra metrics (averaged over an epoch
 * weighted by {@code count}), and optionally classification outputs, predictions {@code [N, C]}
 * (scores or logits; a single column is read as the logit of class 1) with integer labels
 * {@code [N]} (negative labels are ignored), which the Trainer scores with ND4J's
 * {@code Evaluation} (accuracy, macro F1) on validation and test.
 */
public record StepResult(Tensor loss, long count, Map<String, Double> metrics, INDArray predictions, INDArray labels) {

    public StepResult {
        if (loss == null || loss.length() != 1) {
            throw new IllegalArgumentException("StepResult: loss must be a one-element tensor, got "
                    + (loss == null ? "null" : Arrays.toString(loss.shape())));
        }
        if (count <= 0) {
            throw new IllegalArgumentException("StepResult: count (examples in the batch) must be positive, got " + count);
        }
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics == null ? Map.of() : metrics));
        if ((predictions == null) != (labels == null)) {
            throw new IllegalArgumentException("StepResult: predictions and labels come together");
        }
        if (predictions != null) {
            if (predictions.rank() != 2 || labels.rank() != 1 || predictions.size(0) != labels.size(0)) {
                throw new IllegalArgumentException("StepResult: classification needs predictions [N, C] and labels [N], got "
                        + Arrays.toString(predictions.shape()) + " and " + Arrays.toString(labels.shape()));
            }
        }
    }

    /** A loss averaged over {@code count} examples, with no extra metrics. */
    public static StepResult of(Tensor loss, long count) {
        return new StepResult(loss, count, Map.of(), null, null);
    }

    /** This result plus one named metric (e.g. {@code "mse"}, {@code "nfe"}). */
    public StepResult withMetric(String name, double value) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("StepResult: metric name is empty");
        }
        Map<String, Double> m = new LinkedHashMap<>(metrics);
        m.put(name, value);
        return new StepResult(loss, count, m, predictions, labels);
    }

    /** This result plus classification outputs: {@code predictions [N, C]}, {@code labels [N]}. */
    public StepResult withClassification(INDArray predictions, INDArray labels) {
        return new StepResult(loss, count, metrics, predictions, labels);
    }
}
