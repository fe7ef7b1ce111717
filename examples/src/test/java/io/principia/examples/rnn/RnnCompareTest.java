package io.principia.examples.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.examples.cli.Launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke runs of {@code rnn-compare} and {@code momentum-vs-lstm} with tiny sizes. */
class RnnCompareTest {

    static void assertComparisonFiles(Path out, List<String> models, int epochs) throws Exception {
        for (String f : new String[] {"compare.csv", "compare.md", "compare_loss.png", "compare_accuracy.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        List<String> csv = Files.readAllLines(out.resolve("compare.csv"));
        assertEquals("model,epoch,train_loss,test_loss,test_accuracy,elapsed_s", csv.get(0));
        assertEquals(1 + models.size() * epochs, csv.size(), csv.toString());
        String md = Files.readString(out.resolve("compare.md"));
        for (String m : models) {
            assertTrue(csv.stream().anyMatch(l -> l.startsWith(m + ",")), m);
            assertTrue(md.contains("| " + m + " |"), m);
        }
    }

    @Test
    void comparesAllFiveCellsOnTheSameData(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("cmp");
        int rc = Launcher.commandLine().execute("train", "rnn-compare", "--dataset", "fashion", "--data", SequentialImageTest.DATA,
                "--hidden", "4", "--train-size", "60", "--test-size", "30", "--epochs", "1", "--batch-size", "30", "--out", out.toString());
        assertEquals(0, rc);
        assertComparisonFiles(out, List.of("LSTM", "MomentumLSTM", "AdamLSTM", "RMSPropLSTM", "SRLSTM"), 1);
        for (String cell : new String[] {"lstm", "momentum-lstm", "adam-lstm", "rmsprop-lstm", "sr-lstm"}) {
            assertTrue(Files.exists(out.resolve(cell).resolve("results.json")), cell);
        }
    }

    @Test
    void momentumVsLstmWritesItsTableAndPlots(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("mvl");
        int rc = Launcher.commandLine().execute("train", "momentum-vs-lstm", "--data", SequentialImageTest.DATA, "--hidden", "4",
                "--train-size", "60", "--test-size", "30", "--epochs", "2", "--batch-size", "30", "--out", out.toString());
        assertEquals(0, rc);
        assertComparisonFiles(out, List.of("LSTM", "MomentumLSTM"), 2);
    }
}
