package io.principia.examples.rnn;

import io.principia.core.data.FashionMnist;
import io.principia.core.data.Mnist;
import io.principia.core.data.Partition;
import io.principia.core.data.Split;
import io.principia.core.data.TensorDataset;
import io.principia.core.util.Rng;
import io.principia.examples.common.RunDirs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The data of a sequential-image run: Fashion-MNIST or MNIST as [N, 784] rows in [0, 1] (no
 * normalization, as the official {@code ToTensor}), optionally subsampled (stratified) and with
 * the pixels permuted.
 *
 * <p>Where the data comes from: Fashion-MNIST from {@code --data}, else the shipped subset
 * (6,000 / 1,000). MNIST from {@code --data}, else the shared data folder (system property
 * {@code principia.sharedData}, else {@code <principia.home>/../shared/data}) {@code /mnist}; if
 * that folder lacks the training images (the shared copy holds only the 10,000 test images), the
 * test set is split by {@link Mnist#testSplit} into {@code mnistTrainCount} training images and the
 * rest for testing.
 */
public final class SeqImageData {
    private SeqImageData() {}

    /** How an image becomes a sequence. */
    public enum Mode {
        /** 784 steps of 1 pixel, row-major. */
        PIXEL(784, 1),
        /** 784 steps of 1 pixel in a fixed random order drawn from the seed (spec §1.7: the permutation changes with the seed). */
        PERMUTED(784, 1),
        /** 28 steps of one 28-pixel row. */
        ROW(28, 28);

        public final int steps;
        public final int features;

        Mode(int steps, int features) {
            this.steps = steps;
            this.features = features;
        }

        /** The recipe whose coefficients fit this mode: PMNIST for permuted, MNIST otherwise. */
        public CellKind.Recipe recipe() {
            return this == PERMUTED ? CellKind.Recipe.PMNIST : CellKind.Recipe.MNIST;
        }

        public String cliName() { return name().toLowerCase(Locale.ROOT); }
    }

    /** Which image set. */
    public enum Source { FASHION, MNIST }

    /** Training and test sets ([N, 784], permuted if asked) and where they came from. */
    public record Data(TensorDataset train, TensorDataset test, Path dir, String origin) {}

    /** The default number of MNIST test images that go to training when only the test set exists. */
    public static final int MNIST_TEST_SPLIT_TRAIN = 8000;

    /**
     * Loads {@code source}, keeps {@code trainSize} / {@code testSize} examples of each split
     * (stratified by class, seeded; null keeps all), and permutes the pixels for {@link Mode#PERMUTED}.
     */
    public static Data load(Source source, Path explicit, Mode mode, Integer trainSize, Integer testSize, long seed) {
        return load(source, explicit, mode, trainSize, testSize, seed, MNIST_TEST_SPLIT_TRAIN);
    }

    /** As above; {@code mnistTrainCount} test images go to training when the MNIST folder has no training images. */
    public static Data load(Source source, Path explicit, Mode mode, Integer trainSize, Integer testSize, long seed,
                            int mnistTrainCount) {
        TensorDataset train, test;
        Path dir;
        String origin;
        if (source == Source.FASHION) {
            dir = explicit != null ? explicit : RunDirs.shippedFashionMnist();
            train = FashionMnist.load(dir, Split.TRAIN);                      // [N, 784]
            test = FashionMnist.load(dir, Split.TEST);
            origin = explicit != null ? "Fashion-MNIST from " + dir : "the shipped Fashion-MNIST subset";
        } else {
            dir = explicit != null ? explicit : sharedMnist();
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("--dataset mnist: no MNIST folder at " + dir.toAbsolutePath()
                        + "; pass --data DIR holding the IDX files (at least t10k-images/t10k-labels)");
            }
            if (hasTrainImages(dir)) {
                train = Mnist.load(dir, Split.TRAIN);
                test = Mnist.load(dir, Split.TEST);
                origin = "MNIST from " + dir;
            } else {
                Partition p = Mnist.testSplit(dir, mnistTrainCount, seed);
                train = p.train();
                test = p.test();
                origin = "MNIST test set of " + dir + " split " + train.size() + "/" + test.size() + " (no training images there)";
            }
        }
        train = subsample("--train-size", train, trainSize, seed);
        test = subsample("--test-size", test, testSize, seed + 1);
        if (mode == Mode.PERMUTED) {
            int[] perm = new Rng(seed).permutation(784);
            train = permute(train, perm);
            test = permute(test, perm);
        }
        return new Data(train, test, dir, origin);
    }

    /** {@code <sharedData>/mnist}: property {@code principia.sharedData}, else {@code <principia.home>/../shared/data}. */
    public static Path sharedMnist() {
        String shared = System.getProperty("principia.sharedData");
        Path root = shared != null && !shared.isBlank() ? Path.of(shared) : RunDirs.home().resolve("..").resolve("shared").resolve("data");
        return root.resolve("mnist").toAbsolutePath().normalize();
    }

    private static boolean hasTrainImages(Path dir) {
        return Files.exists(dir.resolve("train-images-idx3-ubyte.gz")) || Files.exists(dir.resolve("train-images-idx3-ubyte"));
    }

    private static TensorDataset subsample(String option, TensorDataset d, Integer size, long seed) {
        if (size == null || size == d.size()) {
            return d;
        }
        if (size < 10 || size > d.size()) {
            throw new IllegalArgumentException(option + " must be in [10, " + d.size() + "] (the split's size), got " + size);
        }
        return d.stratifiedSplit(size, seed).train();
    }

    private static TensorDataset permute(TensorDataset d, int[] perm) {
        return new TensorDataset(d.features().getColumns(perm), d.labels());    // [N, 784], column j = pixel perm[j]
    }
}
