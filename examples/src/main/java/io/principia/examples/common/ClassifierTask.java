package io.principia.examples.common;

import io.principia.core.data.Batch;
import io.principia.core.nn.Layer;
import io.principia.core.nn.Module;
import io.principia.core.ops.Losses;
import io.principia.core.tensor.Tensor;
import io.principia.core.train.Phase;
import io.principia.core.train.StepResult;
import io.principia.core.train.TrainingTask;

/** Cross-entropy classification of a {@link Layer} that maps a batch's inputs to logits [N, C]. */
public final class ClassifierTask implements TrainingTask<Batch> {
    private final Layer model;

    public ClassifierTask(Layer model) {
        this.model = model;
    }

    @Override
    public Module model() { return model; }

    @Override
    public StepResult step(Batch batch, Phase phase) {
        Tensor logits = model.forward(batch.x()); // [N, C]
        Tensor loss = Losses.crossEntropy(logits, batch.y());
        return StepResult.of(loss, batch.size()).withClassification(logits.data(), batch.y().data());
    }
}
