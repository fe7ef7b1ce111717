package io.principia.examples.cnn;

import io.principia.core.data.DataLoader;
import io.principia.core.data.FashionMnist;
import io.principia.core.data.Split;
import io.principia.core.data.TensorDataset;
import io.principia.core.nn.Activation;
import io.principia.core.nn.BatchNorm;
import io.principia.core.nn.Conv2d;
import io.principia.core.nn.Flatten;
import io.principia.core.nn.Linear;
import io.principia.core.nn.MaxPool2d;
import io.principia.core.nn.Sequential;
import io.principia.core.optim.Optimizer;
import io.principia.core.optim.Sgd;
import io.principia.core.optim.Srsgd;
import io.principia.core.optim.SrsgdSchedule;
import io.principia.core.train.Callback;
import io.principia.core.train.FitResult;
import io.principia.core.train.SrsgdEpochs;
import io.principia.core.train.Trainer;
import io.principia.core.train.TrainerContext;
import io.principia.core.util.Seed;
import io.principia.examples.cli.Launcher;
import io.principia.examples.cli.TrainOptions;
import io.principia.examples.common.ClassifierTask;
import io.principia.examples.common.Comparison;
import io.principia.examples.common.RunDirs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A small Fashion-MNIST CNN trained with SRSGD, Nesterov SGD with scheduled restarts (Wang, Nguyen,
 * Bertozzi, Baraniuk, Osher, <i>Scheduled Restart Momentum for Accelerated Stochastic Gradient
 * Descent</i>, arXiv 2002.10583, spec §2), against SGD with momentum 0.9 for the same epochs:
 * <pre>
 *   v_{k+1} = w_k − lr ∇f(w_k),   w_{k+1} = v_{k+1} + (k − 1)/(k + 2) · (v_{k+1} − v_k),   k ← 1 every R iterations
 * </pre>
 * Model: conv3x3(16)-BN-ReLU-maxpool2, conv3x3(32)-BN-ReLU-maxpool2, linear(32·7·7 → 10). Both
 * optimizers use lr 0.1 and weight decay 5e-4 with ×0.1 drops at 50% and 75% of the epochs (the
 * CIFAR recipe's 80/120 of 200, scaled); SRSGD's restart periods are linear, F_i = F_1·(1 + (r−1)·i)
 * (CIFAR-10: 30, 60, 90), applied at epoch starts by {@link SrsgdEpochs}, which also drops the
 * momentum buffers at each drop, as the official scripts do by building a new optimizer. The test
 * set is each Trainer's validation source (per-epoch test metrics). Writes {@code compare.csv},
 * {@code compare.md}, {@code compare_loss.png}, {@code compare_accuracy.png} and run directories
 * {@code srsgd/} and {@code sgd/}.
 */
@Command(name = "cnn-srsgd", mixinStandardHelpOptions = true,
        footer = "%nDefaults: --epochs 6, --batch-size 128, --lr 0.1 (both optimizers).",
        description = "Small Fashion-MNIST CNN: SRSGD (scheduled restarts) vs SGD with momentum 0.9, same epochs; table + plot.")
public final class CnnSrsgd implements Callable<Integer> {
    public static final String NAME = "cnn-srsgd";

    @Mixin
    TrainOptions opts = new TrainOptions();

    @Option(names = "--train-size", description = "Training images (stratified subsample; default: ${DEFAULT-VALUE}).",
            defaultValue = "3000")
    int trainSize;

    @Option(names = "--test-size", description = "Test images (stratified subsample; default: all).")
    Integer testSize;

    @Option(names = "--channels", description = "Channels of the first conv; the second has twice as many (default: ${DEFAULT-VALUE}).",
            defaultValue = "16")
    int channels;

    @Option(names = "--weight-decay", description = "Weight decay of both optimizers (default: ${DEFAULT-VALUE}).", defaultValue = "5e-4")
    double weightDecay;

    @Option(names = "--restart", description = "First restart period F_1 in iterations (default: ${DEFAULT-VALUE}).", defaultValue = "30")
    double restart;

    @Option(names = "--restart-ratio", description = "Linear growth r of the restart periods (default: ${DEFAULT-VALUE}).",
            defaultValue = "2")
    double restartRatio;

    @Option(names = "--milestones", split = ",", description = "Epochs (0-based) of the x0.1 lr drops (default: 50%% and 75%% of --epochs).")
    int[] milestones;

    @Override
    public Integer call() {
        int epochs = opts.epochs(6);
        int batchSize = opts.batchSize(128);
        double lr = opts.lr(0.1);
        int[] drops = milestones != null ? milestones : defaultMilestones(epochs);
        SrsgdSchedule schedule = SrsgdSchedule.stepwise(lr, 0.1, drops,
                SrsgdSchedule.linearPeriods(restart, restartRatio, drops.length + 1));

        Path dir = opts.data != null ? opts.data : RunDirs.shippedFashionMnist();
        TensorDataset train = subsample("--train-size", FashionMnist.load(dir, Split.TRAIN, false), trainSize, opts.seed);  // [N, 1, 28, 28]
        TensorDataset test = testSize == null ? FashionMnist.load(dir, Split.TEST, false)
                : subsample("--test-size", FashionMnist.load(dir, Split.TEST, false), testSize, opts.seed + 1);
        Path out = RunDirs.defaultFor(NAME, opts.out);
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
        String note = String.format(Locale.ROOT, "%s, %d training / %d test images, CNN %d-%d channels, %d epochs, batch %d, lr %s "
                        + "with x0.1 drops at epochs %s (0-based), weight decay %s, seed %d. SRSGD restart periods %s iterations "
                        + "(linear, F1 %s, r %s). Test loss and accuracy are measured on the test set after every epoch (each "
                        + "Trainer's validation source). Command: `%s`.",
                opts.data != null ? "Fashion-MNIST from " + dir : "the shipped Fashion-MNIST subset", train.size(), test.size(),
                channels, 2 * channels, epochs, batchSize, lr, Arrays.toString(drops), weightDecay, opts.seed,
                Arrays.toString(SrsgdSchedule.linearPeriods(restart, restartRatio, drops.length + 1)), restart, restartRatio,
                String.join(" ", Launcher.arguments()));
        Comparison cmp = new Comparison("SRSGD vs SGD (momentum 0.9), small CNN on Fashion-MNIST", note);

        Seed.everything(opts.seed);
        Sequential srsgdModel = model(channels);
        Srsgd srsgd = schedule.build(srsgdModel.namedParameters(), weightDecay);
        FitResult a = fit(srsgdModel, srsgd, new SrsgdEpochs(srsgd, schedule), train, test, epochs, batchSize, out.resolve("srsgd"),
                "SRSGD");
        cmp.add("SRSGD", "restarts " + Arrays.toString(SrsgdSchedule.linearPeriods(restart, restartRatio, drops.length + 1)),
                a.history());
        cmp.write(out);

        Seed.everything(opts.seed);
        Sequential sgdModel = model(channels);
        Sgd sgd = new Sgd(sgdModel.namedParameters(), lr, 0.9, 0, weightDecay, false);
        FitResult b = fit(sgdModel, sgd, new StepDrops(sgd, schedule), train, test, epochs, batchSize, out.resolve("sgd"), "SGD");
        cmp.add("SGD", "momentum 0.9", b.history());
        cmp.write(out);

        System.out.println(cmp.markdown());
        System.out.println("wrote " + out.resolve("compare.md") + ", compare.csv, compare_loss.png, compare_accuracy.png");
        return 0;
    }

    /** conv-bn-relu-pool twice, then a linear classifier: [N, 1, 28, 28] → [N, 10]. */
    static Sequential model(int c) {
        return new Sequential(
                new Conv2d(1, c, 3, 1, 1), new BatchNorm(c), Activation.relu(), new MaxPool2d(2),             // [N, c, 14, 14]
                new Conv2d(c, 2 * c, 3, 1, 1), new BatchNorm(2 * c), Activation.relu(), new MaxPool2d(2),     // [N, 2c, 7, 7]
                new Flatten(), new Linear(2 * c * 7 * 7, 10));                                                  // [N, 10]
    }

    private FitResult fit(Sequential model, Optimizer opt, Callback schedule, TensorDataset train, TensorDataset test, int epochs,
                          int batchSize, Path runDir, String optimizerName) {
        Trainer trainer = Trainer.builder()
                .epochs(epochs)
                .optimizer(opt)
                .seed(opts.seed)
                .runDir(runDir)
                .commandLine(Launcher.arguments())
                .callbacks(schedule)
                .hparam("experiment", NAME).hparam("optimizer", optimizerName).hparam("channels", channels)
                .hparam("weight_decay", weightDecay).hparam("batch_size", batchSize).hparam("epochs", epochs)
                .hparam("train_examples", train.size()).hparam("test_examples", test.size())
                .hparam("validation", "the test set (val_* = test metrics after each epoch)")
                .build();
        return trainer.fit(new ClassifierTask(model), DataLoader.of(train, batchSize, true, opts.seed, false),
                DataLoader.sequential(test, 500));
    }

    /** 50% and 75% of the epochs, deduplicated, within [1, epochs − 1]. */
    static int[] defaultMilestones(int epochs) {
        return java.util.stream.IntStream.of(epochs / 2, (3 * epochs) / 4).filter(e -> e >= 1 && e < epochs).distinct().toArray();
    }

    private static TensorDataset subsample(String option, TensorDataset d, int size, long seed) {
        if (size == d.size()) {
            return d;
        }
        if (size < 10 || size > d.size()) {
            throw new IllegalArgumentException(option + " must be in [10, " + d.size() + "], got " + size);
        }
        return d.stratifiedSplit(size, seed).train();
    }

    /** The baseline's lr drops: lr(e) of the same schedule at every epoch start (no state, so resuming is trivially safe). */
    static final class StepDrops implements Callback {
        private final Optimizer optimizer;
        private final SrsgdSchedule schedule;

        StepDrops(Optimizer optimizer, SrsgdSchedule schedule) {
            this.optimizer = optimizer;
            this.schedule = schedule;
        }

        @Override
        public void onEpochStart(TrainerContext ctx, int epoch) {
            optimizer.setLr(schedule.lr(epoch));
        }
    }
}
