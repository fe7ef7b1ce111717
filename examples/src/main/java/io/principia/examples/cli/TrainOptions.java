package io.principia.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Options every experiment shares. Null means "the experiment's own default", which each
 * experiment states in its {@code --help}.
 */
public final class TrainOptions {
    @Option(names = "--epochs", description = "Training epochs (default: the experiment's, see below).")
    public Integer epochs;

    @Option(names = "--batch-size", description = "Mini-batch size (default: the experiment's).")
    public Integer batchSize;

    @Option(names = "--lr", description = "Learning rate (default: the experiment's).")
    public Double lr;

    @Option(names = "--seed", description = "Seed for everything (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    public long seed;

    @Option(names = "--data", description = "Data folder (default: see below).")
    public Path data;

    @Option(names = "--out", description = "Run directory (default: runs/<experiment>/<timestamp>).")
    public Path out;

    @Option(names = "--threads", description = "CPU threads for ND4J/OpenMP/BLAS (default: all cores; applied by ./principia).")
    public Integer threads;

    @Option(names = "--resume", description = "Resume from a checkpoint (e.g. runs/.../checkpoints/last.ckpt).")
    public Path resume;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /**
     * Checks the shared options before any data is read: --epochs, --batch-size and --threads
     * positive, --lr finite and >= 0, --resume an existing file. A failure is a usage error
     * naming the option.
     */
    public void validate() {
        if (epochs != null && epochs < 1) {
            throw usage("--epochs must be >= 1, got " + epochs);
        }
        if (batchSize != null && batchSize < 1) {
            throw usage("--batch-size must be >= 1, got " + batchSize);
        }
        if (lr != null && !(lr >= 0 && lr < Double.POSITIVE_INFINITY)) {
            throw usage("--lr must be a finite number >= 0, got " + lr);
        }
        if (threads != null && threads < 1) {
            throw usage("--threads must be >= 1, got " + threads);
        }
        if (resume != null && !Files.isRegularFile(resume)) {
            throw usage("--resume: no checkpoint file at " + resume);
        }
    }

    /** A usage error for this command: picocli prints the message and the usage, exit code 2. */
    public ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    public int epochs(int fallback) { return epochs == null ? fallback : epochs; }

    public int batchSize(int fallback) { return batchSize == null ? fallback : batchSize; }

    public double lr(double fallback) { return lr == null ? fallback : lr; }
}
