package io.principia.core.train;

import io.principia.core.nn.Module;

/**
 * What a model contributes to training: the loss (and metrics) of one batch. Everything else,
 * epochs, gradients, optimizer steps, evaluation, logging and checkpoints, is the
 * {@link Trainer}'s job, so every model in Principia trains through the same loop.
 *
 * <pre>{@code
 * TrainingTask<Batch> task = new TrainingTask<>() {
 *     public Module model() { return net; }
 *     public StepResult step(Batch b, Phase phase) {
 *         Tensor logits = net.forward(b.x());                       // [N, C]
 *         Tensor loss = Losses.crossEntropy(logits, b.y());
 *         return StepResult.of(loss, b.size()).withClassification(logits.data(), b.y().data());
 *     }
 * };
 * }</pre>
 *
 * <p>During {@link Phase#TRAIN} the model is in training mode and the Trainer calls
 * {@code backward()} on the returned loss; otherwise the model is in eval mode and the step runs
 * with gradient recording off.
 *
 * @param <B> the batch type
 */
public interface TrainingTask<B> {
    /** The module whose parameters are trained and checkpointed. */
    Module model();

    /** Forward pass and loss of one batch. */
    StepResult step(B batch, Phase phase);
}
