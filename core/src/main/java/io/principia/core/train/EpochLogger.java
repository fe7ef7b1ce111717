package io.principia.core.train;

import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SLF4J log lines (logger {@code io.principia.core.train.Trainer}): the setup at fit start, one
 * line per epoch with every metric, optionally one every {@code logEvery} optimizer steps, and a
 * summary at the end.
 */
public final class EpochLogger implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    private final int logEvery;

    /** @param logEvery log a step line every this many optimizer steps; 0 for none */
    public EpochLogger(int logEvery) {
        if (logEvery < 0) {
            throw new IllegalArgumentException("EpochLogger: logEvery must be >= 0, got " + logEvery);
        }
        this.logEvery = logEvery;
    }

    @Override
    public void onFitStart(TrainerContext ctx) {
        LOG.info("fit {} ({} parameters) for {} epochs of {} batches, optimizer {} (lr {}){}{}",
                ctx.model().getClass().getSimpleName(), ctx.model().parameterCount(), ctx.epochs(), ctx.numBatches(),
                ctx.optimizer().getClass().getSimpleName(), ctx.optimizer().lr(),
                ctx.history().isEmpty() ? "" : ", resuming after epoch " + (ctx.history().size()),
                ctx.runDir().map(d -> ", run dir " + d).orElse(""));
    }

    @Override
    public void onBatchEnd(TrainerContext ctx, long step, double loss) {
        if (logEvery > 0 && step % logEvery == 0) {
            LOG.info(String.format(Locale.ROOT, "epoch %d/%d step %d loss %.6g lr %.3g", ctx.epoch() + 1, ctx.epochs(), step,
                    loss, ctx.optimizer().lr()));
        }
    }

    @Override
    public void onEpochEnd(TrainerContext ctx, int epoch, Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, ctx.epochs()));
        metrics.forEach((k, v) -> {
            if (!k.equals("epoch")) {
                sb.append(' ').append(k).append('=').append(format(k, v));
            }
        });
        LOG.info(sb.toString());
    }

    @Override
    public void onFitEnd(TrainerContext ctx, FitResult r) {
        LOG.info(String.format(Locale.ROOT, "fit done: %d epochs, %d steps, best %s %.6g at epoch %d%s, %.1f s",
                r.epochsRun(), r.globalStep(), r.monitor(), r.bestScore(), r.bestEpoch() + 1,
                r.stopReason() == null ? "" : " (stopped: " + r.stopReason() + ")", r.wallSeconds()));
    }

    @Override
    public void onException(TrainerContext ctx, Throwable error) {
        LOG.error("training failed in epoch {}/{} at global step {}: {}", ctx.epoch() + 1, ctx.epochs(), ctx.globalStep(),
                error.toString());
    }

    private static String format(String key, double v) {
        if (key.equals("step") || key.equals("epoch")) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, key.equals("elapsed_s") ? "%.1f" : "%.6g", v);
    }
}
