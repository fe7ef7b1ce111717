package io.principia.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {
    @TempDir
    Path tmp;

    private static Path sharedMnist() {
        Optional<Path> dir = DataPaths.sharedData("mnist");
        assumeTrue(dir.isPresent(), "shared data folder mnist/ is not available");
        return dir.get();
    }

    @Test
    void testSetLoadsWithTheReleaseCounts() {
        TensorDataset test = Mnist.load(sharedMnist(), Split.TEST);
        assertEquals(10000, test.size());
        assertArrayEquals(new long[] {10000, 784}, test.features().shape());
        int[] counts = TensorDatasetTest.classCounts(test, 10);
        // the MNIST test set's digit counts
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, counts);
        assertEquals(0.0, test.features().minNumber().doubleValue(), 0.0);
        assertEquals(1.0, test.features().maxNumber().doubleValue(), 0.0);
    }

    @Test
    void testSplitIsStratifiedSeededAndDisjoint() {
        Path dir = sharedMnist();
        Partition p = Mnist.testSplit(dir, 8000, 5);
        assertEquals(8000, p.train().size());
        assertEquals(2000, p.test().size());
        int[] full = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};
        int[] tr = TensorDatasetTest.classCounts(p.train(), 10);
        int[] te = TensorDatasetTest.classCounts(p.test(), 10);
        for (int c = 0; c < 10; c++) {
            assertEquals(full[c], tr[c] + te[c], "digit " + c);
            assertTrue(Math.abs(tr[c] - 0.8 * full[c]) <= 1.0, "digit " + c + ": " + tr[c] + " of " + full[c]);
        }
        Partition again = Mnist.testSplit(dir, 8000, 5, false);
        assertArrayEquals(new long[] {8000, 1, 28, 28}, again.train().features().shape());
        assertEquals(p.train().features(), again.train().features().reshape(8000, 784));
        assertTrue(!p.test().features().equals(Mnist.testSplit(dir, 8000, 6).test().features()));
    }

    @Test
    void localFilesMatchTheRecordedChecksums() {
        Path dir = sharedMnist();
        for (RemoteFile f : Mnist.FILES) {
            Path p = dir.resolve(f.name());
            if (f.sha256() == null) {
                assertEquals("train-images-idx3-ubyte.gz", f.name());
            } else if (Files.exists(p)) {
                assertEquals(f.sha256(), Downloader.sha256(p), f.name());
            }
        }
        assertNull(Mnist.FILES.get(0).sha256());
    }

    @Test
    void acceptsUncompressedAndDottedNames() {
        byte[] pixels = new byte[2 * 28 * 28];
        pixels[5] = (byte) 255;
        Idx.write(tmp.resolve("t10k-images.idx3-ubyte"), new int[] {2, 28, 28}, pixels, false);
        Idx.write(tmp.resolve("t10k-labels-idx1-ubyte"), new int[] {2}, new byte[] {3, 7}, false);
        TensorDataset ds = Mnist.load(tmp, Split.TEST);
        assertEquals(2, ds.size());
        assertArrayEquals(new long[] {3, 7}, ds.labels().toLongVector());
        assertEquals(1.0, ds.features().getDouble(0, 5), 0.0);
    }

    @Test
    void inconsistentFilesGiveNamedErrors() {
        DataException missing = assertThrows(DataException.class, () -> Mnist.load(tmp, Split.TRAIN));
        assertTrue(missing.getMessage().contains("train-images-idx3-ubyte.gz") && missing.getMessage().contains(tmp.toString()),
                missing.getMessage());
        Idx.write(tmp.resolve("t10k-images-idx3-ubyte.gz"), new int[] {3, 28, 28}, new byte[3 * 784], true);
        Idx.write(tmp.resolve("t10k-labels-idx1-ubyte.gz"), new int[] {2}, new byte[] {1, 2}, true);
        DataException count = assertThrows(DataException.class, () -> Mnist.load(tmp, Split.TEST));
        assertTrue(count.getMessage().contains("3 images") && count.getMessage().contains("2 labels"), count.getMessage());
        Idx.write(tmp.resolve("t10k-labels-idx1-ubyte.gz"), new int[] {3}, new byte[] {1, 10, 2}, true);
        DataException label = assertThrows(DataException.class, () -> Mnist.load(tmp, Split.TEST));
        assertTrue(label.getMessage().contains("label 10"), label.getMessage());
        Idx.write(tmp.resolve("t10k-images-idx3-ubyte.gz"), new int[] {0, 28, 28}, new byte[0], true);
        Idx.write(tmp.resolve("t10k-labels-idx1-ubyte.gz"), new int[] {0}, new byte[0], true);
        DataException empty = assertThrows(DataException.class, () -> Mnist.load(tmp, Split.TEST));
        assertTrue(empty.getMessage().contains("holds no images"), empty.getMessage());
    }
}
