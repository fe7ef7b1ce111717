package io.principia.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The four-file IDX layout that MNIST and Fashion-MNIST share. */
final class MnistFiles {
    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private MnistFiles() {}

    /**
     * Loads one split from {@code dir}: images [N, 784] ({@code flatten}) or [N, 1, 28, 28],
     * float32 in [0, 1]; labels int64 [N] in [0, numClasses).
     */
    static TensorDataset load(String dataset, Path dir, Split split, boolean flatten, int numClasses) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new DataException(dataset + ": data folder " + dir + " does not exist");
        }
        boolean train = split == Split.TRAIN;
        Path imageFile = find(dataset, dir, train ? TRAIN_IMAGES : TEST_IMAGES);
        Path labelFile = find(dataset, dir, train ? TRAIN_LABELS : TEST_LABELS);
        INDArray images = Idx.readImages(imageFile); // [N, rows, cols]
        INDArray labels = Idx.readLabels(labelFile); // [N]
        long n = images.size(0), rows = images.size(1), cols = images.size(2);
        if (labels.size(0) != n) {
            throw new DataException(dataset + ": " + imageFile.getFileName() + " holds " + n + " images but "
                    + labelFile.getFileName() + " holds " + labels.size(0) + " labels (in " + dir + ")");
        }
        if (n == 0) {
            throw new DataException(dataset + ": " + imageFile + " holds no images");
        }
        long maxLabel = labels.maxNumber().longValue();
        if (maxLabel >= numClasses) {
            throw new DataException(dataset + ": " + labelFile + " has label " + maxLabel + ", expected classes 0.."
                    + (numClasses - 1));
        }
        INDArray x = flatten
                ? images.reshape('c', n, rows * cols) // [N, rows*cols]
                : images.reshape('c', n, 1, rows, cols); // [N, 1, rows, cols]
        return new TensorDataset(x, labels);
    }

    /** {@code stem.gz}, {@code stem}, or the variant with a dot before "idx" (some mirrors use it). */
    static Path find(String dataset, Path dir, String stem) {
        String dotted = stem.replace("-idx", ".idx");
        List<String> names = List.of(stem + ".gz", stem, dotted + ".gz", dotted);
        for (String name : names) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new DataException(dataset + ": none of " + names + " found in " + dir);
    }

    /** True if {@code dir} holds both files of both splits (in any accepted naming). */
    static boolean complete(Path dir) {
        for (String stem : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
            try {
                find("", dir, stem);
            } catch (DataException e) {
                return false;
            }
        }
        return true;
    }

    /** The data folder of {@code dataset} ({@link DataPaths#resolve}), downloading any missing file into it first. */
    static Path locate(String dataset, java.util.List<RemoteFile> files, Path explicit) {
        Path dir = DataPaths.resolve(dataset, explicit);
        return complete(dir) ? dir : download(files, dir);
    }

    /** Downloads {@code files} into {@code dir} (files already there with the right digest are kept). */
    static Path download(java.util.List<RemoteFile> files, Path dir) {
        for (RemoteFile f : files) {
            f.fetch(dir);
        }
        return dir;
    }

    /** The gzip file {@code <stem>.gz} under {@code baseUrl}. */
    static RemoteFile remote(String baseUrl, String stem, String sha256) {
        return new RemoteFile(stem + ".gz", baseUrl + stem + ".gz", sha256);
    }
}
