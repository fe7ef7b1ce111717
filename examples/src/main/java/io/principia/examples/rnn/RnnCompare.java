package io.principia.examples.rnn;

import io.principia.examples.cli.TrainOptions;
import io.principia.examples.common.Comparison;
import io.principia.examples.common.RunDirs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * LSTM against the four momentum-family cells of Nguyen et al., <i>MomentumRNN</i> (NeurIPS 2020,
 * spec §1.8), each trained once with the recipe's settings on the same data and seed:
 * <pre>
 *   LSTM            z_t = W_x x_t + U h_{t−1} + b
 *   MomentumLSTM    v_t = μ v_{t−1} + s W_x x_t,             z_t = v_t + U h_{t−1} + b
 *   AdamLSTM        r_t = β r_{t−1} + (1−β) (W_x x_t)²,      z_t = v_t / √(r_t + ε) + U h_{t−1} + b
 *   RMSPropLSTM     AdamLSTM with μ = 0
 *   SRLSTM          Nesterov with restarts: u_t = U h_{t−1} + b − s W_x x_t,  z_t = u_t + κ_k (u_t − u_{t−1})
 * </pre>
 * The paper's claim: the momentum cells reach a lower test loss sooner (MNIST, H = 256, epoch 10:
 * LSTM 0.774 vs MomentumLSTM 0.387 test cross-entropy). Each run gets its own run directory under
 * {@code <out>/<cell>/}; the test set is the Trainer's validation source, so the comparison's
 * per-epoch test loss and accuracy are the runs' {@code val_loss} / {@code val_accuracy}. Writes
 * {@code compare.csv}, {@code compare.md}, {@code compare_loss.png} and {@code compare_accuracy.png}
 * into {@code <out>}.
 */
@Command(name = "rnn-compare", mixinStandardHelpOptions = true,
        footer = "%nDefaults: --epochs 10, --batch-size 128, --lr 1e-3 (RMSprop).",
        description = "LSTM vs MomentumLSTM, AdamLSTM, RMSPropLSTM and SRLSTM on sequential images: test loss/accuracy per epoch, table + plot.")
public final class RnnCompare implements Callable<Integer> {
    public static final String NAME = "rnn-compare";
    static final String DEFAULT_CELLS = "lstm,momentum-lstm,adam-lstm,rmsprop-lstm,sr-lstm";

    @Mixin
    TrainOptions opts = new TrainOptions();

    @Option(names = "--cells", split = ",", description = "Cells to compare (default: " + DEFAULT_CELLS + ").",
            defaultValue = DEFAULT_CELLS)
    List<String> cells;

    @Option(names = "--hidden", description = "Hidden size H (default: ${DEFAULT-VALUE}).", defaultValue = "128")
    int hidden;

    @Option(names = "--mode", description = "pixel, permuted or row (default: ${DEFAULT-VALUE}, for speed; the paper's is pixel).",
            defaultValue = "row")
    String mode;

    @Option(names = "--dataset", description = "mnist (--data, else the shared data folder, test set split by --mnist-train when the "
            + "training images are absent) or fashion (default: ${DEFAULT-VALUE}).", defaultValue = "mnist")
    String dataset;

    @Option(names = "--train-size", description = "Use this many training images (stratified subsample; default: ${DEFAULT-VALUE}).",
            defaultValue = "4000")
    Integer trainSize;

    @Option(names = "--mnist-train", description = "When the MNIST folder holds only the test set: this many of its images "
            + "train, the rest test (default: ${DEFAULT-VALUE}).", defaultValue = "8000")
    int mnistTrain;

    @Option(names = "--test-size", description = "Use this many test images (stratified subsample; default: all).")
    Integer testSize;

    @Option(names = "--alpha", description = "RMSprop alpha (default: ${DEFAULT-VALUE}).", defaultValue = "0.9")
    double alpha;

    @Option(names = "--clip", description = "Global gradient-norm clip, 0 off (default: ${DEFAULT-VALUE}).", defaultValue = "1.0")
    double clip;

    @Override
    public Integer call() {
        SeqImageData.Mode m = SequentialImage.parseMode(mode);
        SeqImageData.Source source = SequentialImage.parseSource(dataset);
        List<CellKind> kinds = cells.stream().map(CellKind::parse).toList();
        SeqImageTraining.Config base = new SeqImageTraining.Config(CellKind.LSTM, CellKind.LSTM.recipe(m.recipe()), m, hidden,
                opts.epochs(10), opts.batchSize(128), opts.lr(1e-3), alpha, clip, opts.seed);
        SeqImageData.Data data = SeqImageData.load(source, opts.data, m, trainSize, testSize, opts.seed, mnistTrain);
        Path out = RunDirs.defaultFor(NAME, opts.out);
        Comparison cmp = compare(NAME, "Recurrent cells on sequential " + (source == SeqImageData.Source.MNIST ? "MNIST" : "Fashion-MNIST"), kinds, base, data, out);
        print(cmp, out);
        return 0;
    }

    /**
     * Trains each cell with {@code base}'s settings and its recipe coefficients (one Trainer run
     * each, in {@code out/<cell>}), and writes the comparison into {@code out} after every run.
     */
    static Comparison compare(String experiment, String title, List<CellKind> kinds, SeqImageTraining.Config base,
                              SeqImageData.Data data, Path out) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
        String note = String.format(Locale.ROOT, "%s; %s mode (T %d, F %d), H %d, %d training / %d test images, %d epochs, "
                        + "batch %d, RMSprop(lr %s, alpha %s), clip %s, seed %d. Test loss and accuracy are measured on the test set "
                        + "after every epoch (it is each Trainer's validation source). Command: `%s`.",
                data.origin(), base.mode().cliName(), base.mode().steps, base.mode().features, base.hidden(), data.train().size(),
                data.test().size(), base.epochs(), base.batchSize(), base.lr(), base.alpha(), base.clip(), base.seed(),
                String.join(" ", io.principia.examples.cli.Launcher.arguments()));
        Comparison cmp = new Comparison(title, note);
        for (CellKind k : kinds) {
            CellKind.Coefficients c = k.recipe(base.mode().recipe());
            SeqImageTraining.Run run = SeqImageTraining.fit(base.withCell(k, c), data, out.resolve(k.cliName), null,
                    Map.of("experiment", experiment));
            cmp.add(k.displayName, k.describe(c), run.fit().history());
            cmp.write(out);
        }
        return cmp;
    }

    static void print(Comparison cmp, Path out) {
        System.out.println(cmp.markdown());
        List<String> files = new ArrayList<>();
        for (String f : new String[] {"compare.csv", "compare.md", "compare_loss.png", "compare_accuracy.png"}) {
            files.add(out.resolve(f).toString());
        }
        System.out.println("wrote " + String.join(", ", files));
    }
}
