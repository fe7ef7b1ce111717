package io.principia.examples.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * Options every experiment shares. Null means "the experiment's own default", which each
 * experiment states in its {@code --help}.
 */
public final class TrainOptions {
    @Option(names = "--epochs", description = "Training epochs.")
    public Integer epochs;

    @Option(names = "--batch-size", description = "Mini-batch size.")
    public Integer batchSize;

    @Option(names = "--lr", description = "Learning rate.")
    public Double lr;

    @Option(names = "--seed", description = "Seed for everything (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    public long seed;

    @Option(names = "--data", description = "Data folder (default: the shipped subset in src-test-data, or the data root).")
    public Path data;

    @Option(names = "--out", description = "Run directory (default: runs/<experiment>/<timestamp>).")
    public Path out;

    @Option(names = "--threads", description = "CPU threads for ND4J/OpenMP/BLAS (default: all cores; applied by ./principia).")
    public Integer threads;

    @Option(names = "--resume", description = "Resume from a checkpoint (e.g. runs/.../checkpoints/last.ckpt).")
    public Path resume;

    public int epochs(int fallback) { return epochs == null ? fallback : epochs; }

    public int batchSize(int fallback) { return batchSize == null ? fallback : batchSize; }

    public double lr(double fallback) { return lr == null ? fallback : lr; }
}
