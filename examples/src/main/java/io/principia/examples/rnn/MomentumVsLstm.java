package io.principia.examples.rnn;

import io.principia.examples.cli.TrainOptions;
import io.principia.examples.common.Comparison;
import io.principia.examples.common.RunDirs;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * MomentumLSTM against the LSTM baseline (Nguyen et al., <i>MomentumRNN</i>, NeurIPS 2020): the
 * momentum cell replaces the input term of the LSTM gates by a momentum state,
 * <pre>
 *   LSTM:          z_t = W_x x_t + U h_{t−1} + b
 *   MomentumLSTM:  v_t = μ v_{t−1} + s W_x x_t,   z_t = v_t + U h_{t−1} + b      (μ = 0.6, s = 0.6)
 * </pre>
 * A quick demonstration on the shipped Fashion-MNIST subset, read row by row (28 steps of 28
 * pixels), with the MNIST recipe (RMSprop lr 1e-3, α 0.9, clip 1.0, batch 128). Default sizes
 * (H 128, all 6,000 training and 1,000 test images, 8 epochs) finish in under a minute on two
 * cores. Both runs share the data and the seed; the test set is evaluated after every epoch (the
 * Trainer's validation source). Writes {@code compare.csv}, {@code compare.md},
 * {@code compare_loss.png}, {@code compare_accuracy.png} and one run directory per cell.
 */
@Command(name = "momentum-vs-lstm", mixinStandardHelpOptions = true,
        footer = "%nDefaults: --epochs 8, --batch-size 128, --lr 1e-3 (RMSprop alpha 0.9, clip 1.0).",
        description = "MomentumLSTM vs LSTM, row-by-row on the shipped Fashion-MNIST subset (under a minute on 2 cores): table + plot.")
public final class MomentumVsLstm implements Callable<Integer> {
    public static final String NAME = "momentum-vs-lstm";

    @Mixin
    TrainOptions opts = new TrainOptions();

    @Option(names = "--hidden", description = "Hidden size H (default: ${DEFAULT-VALUE}).", defaultValue = "128")
    int hidden;

    @Option(names = "--train-size", description = "Training images (stratified subsample; default: all).")
    Integer trainSize;

    @Option(names = "--test-size", description = "Test images (stratified subsample; default: all).")
    Integer testSize;

    @Override
    public Integer call() {
        SeqImageData.Mode m = SeqImageData.Mode.ROW;
        SeqImageTraining.Config base = new SeqImageTraining.Config(CellKind.LSTM, CellKind.LSTM.recipe(m.recipe()), m, hidden,
                opts.epochs(8), opts.batchSize(128), opts.lr(1e-3), 0.9, 1.0, opts.seed);
        SeqImageData.Data data = SeqImageData.load(SeqImageData.Source.FASHION, opts.data, m, trainSize, testSize, opts.seed);
        Path out = RunDirs.defaultFor(NAME, opts.out);
        Comparison cmp = RnnCompare.compare(NAME, "MomentumLSTM vs LSTM, row-by-row Fashion-MNIST",
                List.of(CellKind.LSTM, CellKind.MOMENTUM_LSTM), base, data, out);
        RnnCompare.print(cmp, out);
        return 0;
    }
}
