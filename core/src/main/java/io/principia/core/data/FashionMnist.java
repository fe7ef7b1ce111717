package io.principia.core.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, Zalando Research, MIT licence): 28x28 grey
 * images of clothing in 10 classes, 60,000 for training and 10,000 for testing, in the four IDX
 * files {@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz},
 * {@code t10k-images-idx3-ubyte.gz}, {@code t10k-labels-idx1-ubyte.gz} (uncompressed names are
 * accepted too).
 *
 * <p>Shapes: images [N, 784] (flattened) or [N, 1, 28, 28], float32, pixel/255 in [0, 1];
 * labels int64 [N] in 0..9, named by {@link #CLASSES}.
 *
 * <p>Checksums. {@link #FILES} holds the SHA-256 of the upstream release files at
 * {@link #BASE_URL} (these files have the MD5s that the Zalando README and torchvision publish;
 * the SHA-256 values are the ones TensorFlow Datasets and other projects publish for them).
 * Debian's {@code dataset-fashion-mnist} package is not byte-identical: it re-compressed the files
 * (gzip header dated 2020-06-05, no stored name), so its copies have other digests: train-images
 * {@code b0564c3e...00c7}, train-labels {@code 0ae29f65...b056}, t10k-images
 * {@code cc1d090a...a56eaa}, t10k-labels {@code 8d3605d1...1a05} (full values in
 * src-test-data/fashion-mnist/README.md). The loaders read either copy; only downloads check
 * digests.
 */
public final class FashionMnist {
    /** Folder name under the data root and in the cache. */
    public static final String NAME = "fashion-mnist";
    public static final String BASE_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    public static final List<RemoteFile> FILES = List.of(
            file(MnistFiles.TRAIN_IMAGES, "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
            file(MnistFiles.TRAIN_LABELS, "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
            file(MnistFiles.TEST_IMAGES, "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
            file(MnistFiles.TEST_LABELS, "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"));

    private FashionMnist() {}

    /** One split from {@code dir}, images flattened to [N, 784]. */
    public static TensorDataset load(Path dir, Split split) {
        return load(dir, split, true);
    }

    /** One split from {@code dir}: images [N, 784] if {@code flatten}, else [N, 1, 28, 28]. */
    public static TensorDataset load(Path dir, Split split, boolean flatten) {
        return MnistFiles.load(NAME, dir, split, flatten, CLASSES.size());
    }

    /**
     * The data folder ({@link DataPaths#resolve}: explicit path, data root, cache), downloading
     * and verifying the four files into it first if any is missing.
     */
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
