package io.principia.examples.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.examples.cli.Launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke run of {@code cnn-srsgd} with tiny sizes: both optimizers, the lr drop, the comparison files. */
class CnnSrsgdTest {
    private static final String DATA = System.getProperty("principia.testData") + "/fashion-mnist";

    @Test
    void trainsSrsgdAndSgdSideBySide(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("cnn");
        int rc = Launcher.commandLine().execute("train", "cnn-srsgd", "--data", DATA, "--channels", "2", "--train-size", "40",
                "--test-size", "20", "--epochs", "2", "--batch-size", "20", "--milestones", "1", "--restart", "3",
                "--out", out.toString());
        assertEquals(0, rc);
        List<String> csv = Files.readAllLines(out.resolve("compare.csv"));
        assertEquals(1 + 2 * 2, csv.size(), csv.toString());
        assertTrue(Files.exists(out.resolve("compare_loss.png")) && Files.exists(out.resolve("compare_accuracy.png")));
        for (String run : new String[] {"srsgd", "sgd"}) {
            List<String> m = Files.readAllLines(out.resolve(run).resolve("metrics.csv"));
            int lr = List.of(m.get(0).split(",")).indexOf("lr");
            assertEquals(0.1, Double.parseDouble(m.get(1).split(",")[lr]), 1e-12, run);    // epoch 0
            assertEquals(0.01, Double.parseDouble(m.get(2).split(",")[lr]), 1e-12, run);   // after the drop at epoch 1
        }
    }

    @Test
    void defaultMilestonesAreHalfAndThreeQuartersOfTheEpochs() {
        assertArrayEquals(new int[] {3, 4}, CnnSrsgd.defaultMilestones(6));
        assertArrayEquals(new int[] {100, 150}, CnnSrsgd.defaultMilestones(200));
        assertArrayEquals(new int[] {}, CnnSrsgd.defaultMilestones(1));
    }
}
