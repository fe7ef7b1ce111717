package io.principia.examples.rnn;

import io.principia.core.data.DataLoader;
import io.principia.examples.cli.TrainOptions;
import io.principia.examples.common.RunDirs;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Sequential image classification with any recurrent cell, the MNIST / permuted-MNIST task of
 * Nguyen et al., <i>MomentumRNN</i> (NeurIPS 2020, spec §1.7). The MomentumLSTM cell is
 * <pre>
 *   v_t = μ v_{t−1} + s W_x x_t,    [i f g o] = v_t + U h_{t−1} + b,    c_t = σ(f) c_{t−1} + σ(i) tanh(g),   h_t = σ(o) tanh(c_t)
 * </pre>
 * (the other cells in {@link CellKind}); the image is read pixel by pixel (784 steps), in a fixed
 * permuted pixel order, or row by row (28 steps of 28), and logits = W h_T + b are trained with
 * cross-entropy.
 *
 * <p>Defaults follow the official recipe: RMSprop(lr 1e-3, α 0.9), batch 128, gradient clipping to
 * global norm 1.0, hidden 128, the per-cell μ, s, β, restart period of the MNIST recipe (PMNIST
 * recipe in permuted mode). Not the recipe's: 10 epochs instead of 150, and Fashion-MNIST (the
 * shipped subset) unless {@code --dataset mnist}. As in the official script the test set is
 * evaluated after every epoch (it is the Trainer's validation source: {@code val_*} columns are
 * test metrics) and the best test accuracy over epochs is printed next to the last one.
 */
@Command(name = "seq-image", mixinStandardHelpOptions = true,
        footer = "%nDefaults: --epochs 10, --batch-size 128, --lr 1e-3 (RMSprop).",
        description = "Sequential (pixel / permuted / row) image classification with any recurrent cell (MomentumRNN paper recipe).")
public final class SequentialImage implements Callable<Integer> {
    public static final String NAME = "seq-image";

    @Mixin
    TrainOptions opts = new TrainOptions();

    @Option(names = "--cell", description = "lstm, momentum-lstm, adam-lstm, rmsprop-lstm, sr-lstm, rnn, gru, momentum-rnn "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "momentum-lstm")
    String cell;

    @Option(names = "--hidden", description = "Hidden size H (default: ${DEFAULT-VALUE}).", defaultValue = "128")
    int hidden;

    @Option(names = "--mode", description = "pixel (784 steps of 1), permuted (fixed pixel permutation from the seed), "
            + "row (28 steps of 28; about 28x faster) (default: ${DEFAULT-VALUE}).", defaultValue = "pixel")
    String mode;

    @Option(names = "--dataset", description = "fashion (shipped subset unless --data) or mnist (--data, else the shared "
            + "data folder; its test set is split for training when the training images are absent) (default: ${DEFAULT-VALUE}).",
            defaultValue = "fashion")
    String dataset;

    @Option(names = "--train-size", description = "Use this many training images (stratified subsample; default: all).")
    Integer trainSize;

    @Option(names = "--mnist-train", description = "When the MNIST folder holds only the test set: this many of its images "
            + "train, the rest test (default: ${DEFAULT-VALUE}).", defaultValue = "8000")
    int mnistTrain;

    @Option(names = "--test-size", description = "Use this many test images (stratified subsample; default: all).")
    Integer testSize;

    @Option(names = "--alpha", description = "RMSprop smoothing alpha (default: ${DEFAULT-VALUE}, the recipe's).", defaultValue = "0.9")
    double alpha;

    @Option(names = "--clip", description = "Clip the global gradient norm to this (0: off; default: ${DEFAULT-VALUE}).", defaultValue = "1.0")
    double clip;

    @Option(names = "--mu", description = "Momentum mu of the momentum/Adam cells (default: the recipe's).")
    Double mu;

    @Option(names = "--s", description = "Step size s (default: the recipe's).")
    Double s;

    @Option(names = "--beta", description = "beta of the Adam/RMSProp cells (default: the recipe's).")
    Double beta;

    @Option(names = "--restart", description = "Restart period of sr-lstm (default: the recipe's).")
    Integer restart;

    @Override
    public Integer call() {
        CellKind kind = CellKind.parse(cell);
        SeqImageData.Mode m = parseMode(mode);
        SeqImageData.Source source = parseSource(dataset);
        SeqImageTraining.Config c = new SeqImageTraining.Config(kind, kind.recipe(m.recipe()).overriddenBy(mu, s, beta, restart), m,
                hidden, opts.epochs(10), opts.batchSize(128), opts.lr(1e-3), alpha, clip, opts.seed);
        SeqImageData.Data data = SeqImageData.load(source, opts.data, m, trainSize, testSize, opts.seed, mnistTrain);
        SeqImageTraining.Run run = SeqImageTraining.fit(c, data, RunDirs.defaultFor(NAME, opts.out, opts.resume), opts.resume,
                Map.of("experiment", NAME, "dataset", source.name().toLowerCase(Locale.ROOT)));
        Map<String, Double> test = run.trainer().test(run.task(), DataLoader.sequential(data.test(), 500));
        double best = run.fit().history().stream().mapToDouble(r -> r.getOrDefault("val_accuracy", Double.NaN)).max().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "%s: %s (%s), %s mode, H %d, %d epochs: test_loss %.4f, test_accuracy %.4f, "
                        + "best test_accuracy over epochs %.4f%n", NAME, kind.displayName, kind.describe(c.coefficients()), m.cliName(),
                hidden, run.fit().epochsRun(), test.get("test_loss"), test.get("test_accuracy"), best);
        return 0;
    }

    static SeqImageData.Mode parseMode(String name) {
        for (SeqImageData.Mode m : SeqImageData.Mode.values()) {
            if (m.cliName().equals(name.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("--mode: unknown mode '" + name + "'; expected pixel, permuted or row");
    }

    static SeqImageData.Source parseSource(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "fashion", "fashion-mnist" -> SeqImageData.Source.FASHION;
            case "mnist" -> SeqImageData.Source.MNIST;
            default -> throw new IllegalArgumentException("--dataset: unknown dataset '" + name + "'; expected fashion or mnist");
        };
    }
}
