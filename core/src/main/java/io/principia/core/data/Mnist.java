package io.principia.core.data;

import java.nio.file.Path;
import java.util.List;

/**
 * MNIST (LeCun, Cortes and Burges): 28x28 grey images of handwritten digits, 60,000 for training
 * and 10,000 for testing, in the same four-file IDX layout as {@link FashionMnist}.
 *
 * <p>Shapes: images [N, 784] (flattened) or [N, 1, 28, 28], float32, pixel/255 in [0, 1];
 * labels int64 [N] in 0..9.
 *
 * <p>Downloads come from {@link #BASE_URL}, the mirror torchvision uses first (the original host
 * {@code http://yann.lecun.com/exdb/mnist/} often refuses requests). The SHA-256 of the test
 * images, test labels and train labels were computed here from local copies whose MD5s match the
 * canonical ones. <b>The train-images checksum is left out</b> ({@code sha256 == null}): no copy
 * of that file was available to verify, so it downloads unverified with a logged warning (several
 * projects publish {@code 440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609} for
 * it; it was not checked here). When only the test set is at hand, {@link #testSplit} divides it
 * into a train and a test part.
 */
public final class Mnist {
    /** Folder name under the data root and in the cache. */
    public static final String NAME = "mnist";
    public static final String BASE_URL = "https://ossci-datasets.s3.amazonaws.com/mnist/";
    public static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    public static final List<RemoteFile> FILES = List.of(
            file(MnistFiles.TRAIN_IMAGES, null),
            file(MnistFiles.TRAIN_LABELS, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
            file(MnistFiles.TEST_IMAGES, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
            file(MnistFiles.TEST_LABELS, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"));

    private Mnist() {}

    /** One split from {@code dir}, images flattened to [N, 784]. */
    public static TensorDataset load(Path dir, Split split) {
        return load(dir, split, true);
    }

    /** One split from {@code dir}: images [N, 784] if {@code flatten}, else [N, 1, 28, 28]. */
    public static TensorDataset load(Path dir, Split split, boolean flatten) {
        return MnistFiles.load(NAME, dir, split, flatten, CLASSES.size());
    }

    /**
     * Splits the 10,000-image test set in {@code dir} into {@code trainCount} training examples
     * and the rest for testing, stratified by digit (each digit in proportion to its count; which
     * images go to training is a shuffle seeded by {@code seed}). Images flattened to [N, 784].
     * Only the two t10k files are needed.
     */
    public static Partition testSplit(Path dir, int trainCount, long seed) {
        return testSplit(dir, trainCount, seed, true);
    }

    /** {@link #testSplit(Path, int, long)} with images [N, 784] or [N, 1, 28, 28]. */
    public static Partition testSplit(Path dir, int trainCount, long seed, boolean flatten) {
        return load(dir, Split.TEST, flatten).stratifiedSplit(trainCount, seed);
    }

    /** The data folder ({@link DataPaths#resolve}), downloading any missing file into it first. */
    public static Path locate(Path explicit) {
        return MnistFiles.locate(NAME, FILES, explicit);
    }

    /** Downloads the four files into {@code dir} (files already there with the right digest are kept). */
    public static Path download(Path dir) {
        return MnistFiles.download(FILES, dir);
    }

    private static RemoteFile file(String stem, String sha256) {
        return MnistFiles.remote(BASE_URL, stem, sha256);
    }
}
