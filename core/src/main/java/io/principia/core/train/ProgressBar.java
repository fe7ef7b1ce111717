package io.principia.core.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * A terminal progress bar with live loss and ETA, on stderr. On a terminal it redraws one line
 * with {@code \r} (at most ten times a second); without one ({@code System.console() == null})
 * or in CI ({@code CI} set) it prints a compact line every {@code everyPercent} % of an epoch.
 *
 * <pre>epoch 3/10 [##########----------]  50/100 loss 0.4123 lr 1.00e-03 12.3 it/s ETA 0:04</pre>
 */
public final class ProgressBar implements Callback {
    private static final int WIDTH = 20;
    private final PrintStream out;
    private final boolean interactive;
    private final int everyPercent;
    private long epochStartNanos;
    private long lastDrawNanos;
    private int nextPercent;
    private boolean midLine;

    /** stderr; interactive when there is a console and {@code CI} is unset; compact lines every 25 %. */
    public ProgressBar() {
        this(System.err, System.console() != null && System.getenv("CI") == null, 25);
    }

    public ProgressBar(PrintStream out, boolean interactive, int everyPercent) {
        if (everyPercent < 1 || everyPercent > 100) {
            throw new IllegalArgumentException("ProgressBar: everyPercent must be in [1, 100], got " + everyPercent);
        }
        this.out = out;
        this.interactive = interactive;
        this.everyPercent = everyPercent;
    }

    @Override
    public void onEpochStart(TrainerContext ctx, int epoch) {
        epochStartNanos = System.nanoTime();
        lastDrawNanos = 0;
        nextPercent = everyPercent;
    }

    @Override
    public void onBatchEnd(TrainerContext ctx, long step, double loss) {
        int done = ctx.batchIndex() + 1;
        int total = Math.max(ctx.numBatches(), done);
        long now = System.nanoTime();
        if (interactive) {
            if (now - lastDrawNanos > 100_000_000L || done == total) {
                out.print("\r" + line(ctx, done, total, now));
                out.flush();
                midLine = true;
                lastDrawNanos = now;
            }
        } else if (done * 100L >= (long) nextPercent * total) {
            out.println(line(ctx, done, total, now));
            while (done * 100L >= (long) nextPercent * total) {
                nextPercent += everyPercent;
            }
        }
    }

    @Override
    public void onEpochEnd(TrainerContext ctx, int epoch, Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        for (String k : new String[] {"val_loss", "val_accuracy"}) {
            Double v = metrics.get(k);
            if (v != null) {
                sb.append(' ').append(k).append(' ').append(String.format(Locale.ROOT, "%.4f", v));
            }
        }
        if (sb.length() > 0) {
            if (interactive && midLine) {
                out.println(sb);
            } else {
                out.println("epoch " + (epoch + 1) + "/" + ctx.epochs() + sb);
            }
        } else if (midLine) {
            out.println();
        }
        midLine = false;
        out.flush();
    }

    @Override
    public void onException(TrainerContext ctx, Throwable error) {
        if (midLine) {
            out.println();
            midLine = false;
        }
    }

    private String line(TrainerContext ctx, int done, int total, long now) {
        double secs = (now - epochStartNanos) / 1e9;
        double rate = done / Math.max(secs, 1e-9);
        int filled = (int) ((long) WIDTH * done / total);
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        String counter = String.format(Locale.ROOT, "%" + String.valueOf(total).length() + "d/%d", done, total);
        return String.format(Locale.ROOT, "epoch %d/%d [%s] %s loss %.4f lr %.2e %.1f it/s %s %s",
                ctx.epoch() + 1, ctx.epochs(), bar, counter, ctx.runningLoss(), ctx.optimizer().lr(), rate,
                done == total ? "took" : "ETA", clock(done == total ? secs : secs / done * (total - done)));
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
