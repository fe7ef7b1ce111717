package io.principia.examples.ode;

import io.principia.core.train.Callback;
import io.principia.core.train.TrainerContext;
import io.principia.ode.models.OdeBlock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-epoch averages of an {@link OdeBlock}'s function evaluations over the training batches:
 * forward NFE (the solve in the forward pass) and backward NFE (the adjoint solve in backward),
 * read after each optimizer step, and the epoch's training time (first batch to last step,
 * without the test pass).
 */
final class NfeMonitor implements Callback {
    /** One epoch's averages. */
    record Epoch(double nfeForward, double nfeBackward, double trainSeconds) {}

    private final OdeBlock block;
    private final List<Epoch> epochs = new ArrayList<>();
    private long start;
    private long lastStep;
    private double forward;
    private double backward;
    private int batches;

    NfeMonitor(OdeBlock block) {
        this.block = block;
    }

    @Override
    public void onEpochStart(TrainerContext ctx, int epoch) {
        start = System.nanoTime();
        lastStep = start;
        forward = 0;
        backward = 0;
        batches = 0;
    }

    @Override
    public void onBatchEnd(TrainerContext ctx, long step, double loss) {
        forward += block.lastNfeForward();
        backward += block.lastNfeBackward();
        batches++;
        lastStep = System.nanoTime();
    }

    @Override
    public void onEpochEnd(TrainerContext ctx, int epoch, Map<String, Double> metrics) {
        epochs.add(new Epoch(forward / Math.max(1, batches), backward / Math.max(1, batches), (lastStep - start) / 1e9));
    }

    List<Epoch> epochs() {
        return List.copyOf(epochs);
    }
}
