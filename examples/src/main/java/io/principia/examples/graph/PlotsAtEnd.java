package io.principia.examples.graph;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.principia.core.train.Callback;
import io.principia.core.train.FitResult;
import io.principia.core.train.MetricPlots;
import io.principia.core.train.TrainerContext;

/**
 * Writes the run's PNG curves once, when fitting ends. Full-batch graph training has hundreds of
 * one-step epochs, where redrawing every chart after each epoch (the default) costs more than
 * the training step itself.
 */
final class PlotsAtEnd implements Callback {
    @Override
    public void onFitEnd(TrainerContext ctx, FitResult r) {
        ctx.runDir().ifPresent(dir -> {
            try {
                MetricPlots.plot(r.history(), dir.resolve("plots"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write plots to " + dir.resolve("plots"), e);
            }
        });
    }
}
