package io.principia.examples.graph;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.principia.core.train.Callback;
import io.principia.core.train.FitResult;
import io.principia.core.train.MetricPlots;
import io.principia.core.train.TrainerContext;

/**
 * Writes {@code checkpoints/last.ckpt} and the PNG curves once, when fitting ends. Full-batch
 * graph training has hundreds of one-step epochs, where an fsync'ed checkpoint and a redraw of
 * every chart after each epoch (the defaults) cost more than the training step itself.
 */
final class AtFitEnd implements Callback {
    @Override
    public void onFitEnd(TrainerContext ctx, FitResult r) {
        ctx.runDir().ifPresent(dir -> {
            try {
                ctx.saveCheckpoint(dir.resolve("checkpoints").resolve("last.ckpt"));
                MetricPlots.plot(r.history(), dir.resolve("plots"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the final checkpoint or plots into " + dir, e);
            }
        });
    }

    @Override
    public String stateKey() {
        return "AtFitEnd";
    }
}
