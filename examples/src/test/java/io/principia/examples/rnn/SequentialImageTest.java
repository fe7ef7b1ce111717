package io.principia.examples.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.autograd.Grad;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;
import io.principia.examples.cli.Launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Smoke runs of {@code seq-image} with tiny sizes, and the data modes it reads images in. */
class SequentialImageTest {
    static final String DATA = System.getProperty("principia.testData") + "/fashion-mnist";

    private static JsonNode json(Path file) throws Exception {
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void rowModeRunWritesARunDirectoryWithPerEpochTestMetrics(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        int rc = Launcher.commandLine().execute("train", "seq-image", "--cell", "momentum-lstm", "--mode", "row", "--hidden", "8",
                "--train-size", "100", "--test-size", "50", "--epochs", "1", "--batch-size", "50", "--data", DATA,
                "--out", run.toString(), "--seed", "3");
        assertEquals(0, rc);
        JsonNode r = json(run.resolve("results.json"));
        assertEquals("completed", r.get("status").asText());
        assertTrue(r.get("test").get("test_loss").asDouble() > 0, r.toString());
        List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(2, csv.size());                                   // header + 1 epoch
        assertTrue(csv.get(0).contains("val_accuracy"), csv.get(0));   // the test set, evaluated every epoch
        JsonNode hp = json(run.resolve("hparams.json"));
        assertTrue(hp.toString().contains("mu 0.600, s 0.600"), hp.toString());
        assertTrue(hp.toString().contains("\"train_examples\":100"), hp.toString());
    }

    @Test
    void theRnnFamilyCellsTrainOneEpochInRowMode(@TempDir Path tmp) {
        // the five LSTM-family cells run in RnnCompareTest
        for (CellKind k : new CellKind[] {CellKind.RNN, CellKind.GRU, CellKind.MOMENTUM_RNN}) {
            int rc = Launcher.commandLine().execute("train", "seq-image", "--cell", k.cliName, "--mode", "row", "--hidden", "4",
                    "--train-size", "10", "--test-size", "10", "--epochs", "1", "--batch-size", "10", "--data", DATA,
                    "--out", tmp.resolve(k.cliName).toString());
            assertEquals(0, rc, k.cliName);
        }
    }

    @Test
    void pixelModeReadsOneStepPerPixel() {
        SequenceClassifier m = new SequenceClassifier(CellKind.LSTM.build(1, 3, CellKind.LSTM.recipe(CellKind.Recipe.MNIST),
                new Rng(1), DataType.FLOAT), 784, 1, 10, new Rng(2), DataType.FLOAT);
        try (var g = Grad.off()) {
            Tensor logits = m.forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 2, 784)));
            assertArrayEquals(new long[] {2, 10}, logits.shape());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 2, 28, 28))));
        assertTrue(e.getMessage().contains("[B, 784]") && e.getMessage().contains("[2, 28, 28]"), e.getMessage());
    }

    @Test
    void mnistFolderWithOnlyTheTestSetIsSplitForTraining(@TempDir Path tmp) throws Exception {
        Path mnist = Files.createDirectories(tmp.resolve("mnist"));
        for (String f : new String[] {"t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            Files.copy(Path.of(DATA, f), mnist.resolve(f));           // stands in for the shared MNIST test set
        }
        SeqImageData.Data d = SeqImageData.load(SeqImageData.Source.MNIST, mnist, SeqImageData.Mode.ROW, null, null, 1, 800);
        assertEquals(800, d.train().size());
        assertEquals(200, d.test().size());
        assertTrue(d.origin().contains("split 800/200"), d.origin());
        Path run = tmp.resolve("run");
        assertEquals(0, Launcher.commandLine().execute("train", "seq-image", "--dataset", "mnist", "--data", mnist.toString(),
                "--mnist-train", "800", "--train-size", "50", "--test-size", "20", "--mode", "row", "--hidden", "4",
                "--epochs", "1", "--out", run.toString()));
        assertTrue(json(run.resolve("hparams.json")).toString().contains("split 800/200"));
    }

    @Test
    void permutedModeIsAFixedSeededPermutationOfThePixels() {
        SeqImageData.Data pixel = SeqImageData.load(SeqImageData.Source.FASHION, Path.of(DATA), SeqImageData.Mode.PIXEL, 50, 20, 5);
        SeqImageData.Data a = SeqImageData.load(SeqImageData.Source.FASHION, Path.of(DATA), SeqImageData.Mode.PERMUTED, 50, 20, 5);
        SeqImageData.Data b = SeqImageData.load(SeqImageData.Source.FASHION, Path.of(DATA), SeqImageData.Mode.PERMUTED, 50, 20, 5);
        SeqImageData.Data other = SeqImageData.load(SeqImageData.Source.FASHION, Path.of(DATA), SeqImageData.Mode.PERMUTED, 50, 20, 6);
        assertEquals(a.train().features(), b.train().features());
        assertNotEquals(pixel.train().features(), a.train().features());
        // same multiset of pixel values per image, same labels
        INDArray sortedPixel = org.nd4j.linalg.factory.Nd4j.sort(pixel.test().features().dup(), 1, true);
        INDArray sortedPerm = org.nd4j.linalg.factory.Nd4j.sort(a.test().features().dup(), 1, true);
        assertEquals(sortedPixel, sortedPerm);
        assertEquals(pixel.test().labels(), a.test().labels());
        // the permutation changes with the seed (spec 1.7); seed 6 also draws other images, so compare its own pixel order
        SeqImageData.Data pixel6 = SeqImageData.load(SeqImageData.Source.FASHION, Path.of(DATA), SeqImageData.Mode.PIXEL, 50, 20, 6);
        assertNotEquals(pixel6.train().features(), other.train().features());
    }

    @Test
    void badOptionsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CellKind.parse("transformer"));
        assertTrue(e.getMessage().contains("--cell") && e.getMessage().contains("momentum-lstm"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SequentialImage.parseMode("column"));
        assertTrue(e.getMessage().contains("--mode"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SeqImageData.load(SeqImageData.Source.FASHION, Path.of(DATA),
                SeqImageData.Mode.ROW, 5, null, 1));
        assertTrue(e.getMessage().contains("--train-size"), e.getMessage());
    }

    @Test
    void recipeCoefficientsFollowTheSpec() {
        assertEquals(new CellKind.Coefficients(0.6, 0.6, Double.NaN, 0), CellKind.MOMENTUM_LSTM.recipe(CellKind.Recipe.MNIST));
        assertEquals(1.0, CellKind.MOMENTUM_LSTM.recipe(CellKind.Recipe.PMNIST).s());
        assertEquals(0.1, CellKind.ADAM_LSTM.recipe(CellKind.Recipe.MNIST).beta());
        assertEquals(0.01, CellKind.RMSPROP_LSTM.recipe(CellKind.Recipe.PMNIST).beta());
        assertEquals(2, CellKind.SR_LSTM.recipe(CellKind.Recipe.MNIST).restart());
        assertEquals(40, CellKind.SR_LSTM.recipe(CellKind.Recipe.PMNIST).restart());
        assertEquals(0.9, CellKind.SR_LSTM.recipe(CellKind.Recipe.PMNIST).s());
        assertEquals(0.3, CellKind.MOMENTUM_LSTM.recipe(CellKind.Recipe.MNIST).overriddenBy(0.3, null, null, null).mu());
    }
}
