package io.principia.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class FashionMnistTest {
    private static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    /** The SHA-256 values src-test-data/fashion-mnist/README.md documents. */
    private static final Map<String, String> SHIPPED = Map.of(
            "train-images-idx3-ubyte.gz", "74df153e1d736137c085533200d77928ad1330a766dbfab0bc33ffdf137c8b83",
            "train-labels-idx1-ubyte.gz", "2f79ac363aa5db62f0fa8e5c6d76afd2f96e347af63b899a85be6c3f255bc024",
            "t10k-images-idx3-ubyte.gz", "04516f9d284037ea6cce7310aafaed77e8f8c1547f1127ef4aa754c46f47f8f5",
            "t10k-labels-idx1-ubyte.gz", "540f63e62544edb8406d1292429a47e6cdb42e4fa2eaa233f072b34e1f6bc46c");

    /** src-test-data/fashion-mnist, from the property surefire sets (or the module's parent folder). */
    static Path shippedSubset() {
        String root = System.getProperty("principia.testData");
        return (root != null ? Path.of(root) : Path.of("..", "src-test-data")).resolve(FashionMnist.NAME);
    }

    @Test
    void shippedSubsetHasExactCountsPerClassAndUnitRangePixels() {
        Path dir = shippedSubset();
        assertTrue(Files.isDirectory(dir), "missing " + dir.toAbsolutePath());
        TensorDataset train = FashionMnist.load(dir, Split.TRAIN);
        TensorDataset test = FashionMnist.load(dir, Split.TEST);
        assertEquals(6000, train.size());
        assertEquals(1000, test.size());
        assertArrayEquals(new long[] {6000, 784}, train.features().shape());
        assertArrayEquals(new long[] {1000}, test.labels().shape());
        assertEquals(DataType.FLOAT, train.features().dataType());
        assertEquals(DataType.INT64, train.labels().dataType());
        int[] perClassTrain = new int[10];
        int[] perClassTest = new int[10];
        for (int c = 0; c < 10; c++) {
            perClassTrain[c] = 600;
            perClassTest[c] = 100;
        }
        assertArrayEquals(perClassTrain, TensorDatasetTest.classCounts(train, 10));
        assertArrayEquals(perClassTest, TensorDatasetTest.classCounts(test, 10));
        for (TensorDataset ds : new TensorDataset[] {train, test}) {
            assertEquals(0.0, ds.features().minNumber().doubleValue(), 0.0);
            assertEquals(1.0, ds.features().maxNumber().doubleValue(), 0.0);
            double mean = ds.features().meanNumber().doubleValue();
            assertTrue(mean > 0.2 && mean < 0.4, "mean pixel " + mean); // Fashion-MNIST's is about 0.286
        }
        TensorDataset images = FashionMnist.load(dir, Split.TEST, false);
        assertArrayEquals(new long[] {1000, 1, 28, 28}, images.features().shape());
        assertEquals(test.features(), images.features().reshape(1000, 784));
        assertEquals(10, FashionMnist.CLASSES.size());
    }

    @Test
    void shippedFilesMatchTheirDocumentedChecksums() {
        Path dir = shippedSubset();
        SHIPPED.forEach((name, sha) -> assertEquals(sha, Downloader.sha256(dir.resolve(name)), name));
    }

    @Test
    void fullDebianSetHasTheReleaseCountsAndContainsTheSubset() {
        assumeTrue(Files.isDirectory(DEBIAN), "Debian's dataset-fashion-mnist is not installed");
        TensorDataset train = FashionMnist.load(DEBIAN, Split.TRAIN);
        TensorDataset test = FashionMnist.load(DEBIAN, Split.TEST);
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        int[] expectTrain = new int[10];
        int[] expectTest = new int[10];
        java.util.Arrays.fill(expectTrain, 6000);
        java.util.Arrays.fill(expectTest, 1000);
        assertArrayEquals(expectTrain, TensorDatasetTest.classCounts(train, 10));
        assertArrayEquals(expectTest, TensorDatasetTest.classCounts(test, 10));
        // the shipped subset is the first 600 (100) of each class in file order
        checkSubset(test, FashionMnist.load(shippedSubset(), Split.TEST), 100);
        checkSubset(train, FashionMnist.load(shippedSubset(), Split.TRAIN), 600);
    }

    private static void checkSubset(TensorDataset full, TensorDataset subset, int perClass) {
        int[] labels = full.labels().toIntVector();
        int[] taken = new int[10];
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (taken[labels[i]] < perClass) {
                taken[labels[i]]++;
                keep.add(i);
            }
        }
        Batch expected = full.batch(keep.stream().mapToInt(Integer::intValue).toArray());
        assertEquals(expected.x().data(), subset.features());
        assertEquals(expected.y().data(), subset.labels());
    }

    @Test
    void remoteFilesAreTheUpstreamRelease() {
        assertEquals(4, FashionMnist.FILES.size());
        for (RemoteFile f : FashionMnist.FILES) {
            assertEquals(FashionMnist.BASE_URL + f.name(), f.url().toString());
            assertEquals(64, f.sha256().length());
        }
    }
}
