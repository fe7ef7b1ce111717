package io.principia.examples.mlp;

import io.principia.core.data.DataLoader;
import io.principia.core.data.FashionMnist;
import io.principia.core.data.Partition;
import io.principia.core.data.Split;
import io.principia.core.data.TensorDataset;
import io.principia.core.nn.Activation;
import io.principia.core.nn.MLP;
import io.principia.core.optim.Adam;
import io.principia.core.train.FitResult;
import io.principia.core.train.Trainer;
import io.principia.core.util.Seed;
import io.principia.examples.cli.Launcher;
import io.principia.examples.cli.TrainOptions;
import io.principia.examples.common.ClassifierTask;
import io.principia.examples.common.RunDirs;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A two-hidden-layer MLP classifier on Fashion-MNIST (Xiao et al. 2017), the smallest end-to-end
 * run through the core: data, layers, Adam, the Trainer, checkpoints and the run directory.
 *
 * <p>logits = W₃ relu(W₂ relu(W₁ x + b₁) + b₂) + b₃, trained with cross-entropy. 10% of the
 * training set (stratified, seeded) is held out for validation; the test split is scored once at
 * the end.
 */
@Command(name = "mlp-fashion", mixinStandardHelpOptions = true,
        description = "MLP (784-256-256-10) classifier on Fashion-MNIST through the shared Trainer.",
        footer = {"", "Defaults: --epochs 10, --batch-size 128, --lr 0.001 (Adam).",
                "Data: --data DIR, else <data root>/fashion-mnist (PRINCIPIA_DATA), else the shipped subset src-test-data/fashion-mnist."})
public final class MlpFashionMnist implements Callable<Integer> {
    public static final String NAME = "mlp-fashion";

    @Mixin
    TrainOptions opts = new TrainOptions();

    @Option(names = "--hidden", description = "Hidden width (default: ${DEFAULT-VALUE}).", defaultValue = "256")
    int hidden;

    @Option(names = "--dropout", description = "Dropout after each hidden layer (default: ${DEFAULT-VALUE}).", defaultValue = "0.0")
    double dropout;

    @Option(names = "--val-fraction", description = "Share of training data held out for validation (default: ${DEFAULT-VALUE}).",
            defaultValue = "0.1")
    double valFraction;

    @Override
    public Integer call() {
        opts.validate();
        if (!(valFraction > 0 && valFraction < 1)) {
            throw opts.usage("--val-fraction must be in (0, 1), got " + valFraction);
        }
        if (hidden < 1) {
            throw opts.usage("--hidden must be >= 1, got " + hidden);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw opts.usage("--dropout must be in [0, 1), got " + dropout);
        }
        int epochs = opts.epochs(10);
        int batchSize = opts.batchSize(128);
        double lr = opts.lr(1e-3);
        Path dataDir = RunDirs.fashionMnist(opts.data);

        Seed.everything(opts.seed);
        TensorDataset full = FashionMnist.load(dataDir, Split.TRAIN);   // [N, 784] in [0, 1]
        TensorDataset test = FashionMnist.load(dataDir, Split.TEST);
        Partition parts = full.stratifiedSplit((int) Math.round(full.size() * (1 - valFraction)), opts.seed);

        MLP model = new MLP(new int[] {784, hidden, hidden, 10}, Activation::relu, dropout);
        Adam optimizer = new Adam(model.namedParameters(), lr);
        Trainer trainer = Trainer.builder()
                .epochs(epochs)
                .optimizer(optimizer)
                .seed(opts.seed)
                .runDir(RunDirs.defaultFor(NAME, opts.out, opts.resume))
                .commandLine(Launcher.arguments())
                .resumeFrom(opts.resume)
                .hparam("experiment", NAME).hparam("data", dataDir.toString())
                .hparam("hidden", hidden).hparam("dropout", dropout)
                .hparam("batch_size", batchSize).hparam("lr", lr).hparam("epochs", epochs)
                .hparam("train_examples", parts.train().size()).hparam("val_examples", parts.test().size())
                .build();

        ClassifierTask task = new ClassifierTask(model);
        FitResult fit = trainer.fit(task,
                DataLoader.of(parts.train(), batchSize, true, opts.seed, false),
                DataLoader.sequential(parts.test(), 1000));
        Map<String, Double> testMetrics = trainer.test(task, DataLoader.sequential(test, 1000));
        System.out.printf("%s: %d epoch(s), val_accuracy %.4f, test_accuracy %.4f, test_loss %.4f; run directory %s%n", NAME,
                fit.epochsRun(), fit.metrics().getOrDefault("val_accuracy", Double.NaN), testMetrics.get("test_accuracy"),
                testMetrics.get("test_loss"), fit.runDir());
        return 0;
    }
}
