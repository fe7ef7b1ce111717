package io.principia.examples.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.examples.cli.Launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke runs of the MLP experiment on the shipped Fashion-MNIST subset, through the launcher's command tree. */
class MlpFashionMnistTest {
    private static final String DATA = System.getProperty("principia.testData") + "/fashion-mnist";

    private static JsonNode results(Path run) throws Exception {
        return new ObjectMapper().readTree(run.resolve("results.json").toFile());
    }

    @Test
    void trainsOnTheShippedSubsetAndWritesACompleteRunDirectory(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        int rc = Launcher.commandLine().execute("train", "mlp-fashion", "--epochs", "2", "--hidden", "64",
                "--data", DATA, "--out", run.toString(), "--seed", "7");
        assertEquals(0, rc);
        for (String f : new String[] {"hparams.json", "provenance.json", "metrics.csv", "results.json",
                "checkpoints/last.ckpt", "checkpoints/best.ckpt", "plots/loss.png"}) {
            assertTrue(Files.exists(run.resolve(f)), f);
        }
        JsonNode r = results(run);
        assertEquals("completed", r.get("status").asText());
        // Ten balanced classes: chance is 0.10. Two epochs of a small MLP on 5,400 images is far above it.
        assertTrue(r.get("test").get("test_accuracy").asDouble() > 0.6, r.toString());
        assertEquals(3, Files.readAllLines(run.resolve("metrics.csv")).size()); // header + 2 epochs
    }

    @Test
    void resumingPartWayGivesTheSameFinalMetricsAsAnUninterruptedRun(@TempDir Path tmp) throws Exception {
        String[] common = {"--hidden", "32", "--dropout", "0.2", "--data", DATA, "--seed", "3", "--batch-size", "256"};
        Path straight = tmp.resolve("straight");
        Path parted = tmp.resolve("parted");
        assertEquals(0, Launcher.commandLine().execute(concat(new String[] {"train", "mlp-fashion", "--epochs", "3",
                "--out", straight.toString()}, common)));
        assertEquals(0, Launcher.commandLine().execute(concat(new String[] {"train", "mlp-fashion", "--epochs", "1",
                "--out", parted.toString()}, common)));
        assertEquals(0, Launcher.commandLine().execute(concat(new String[] {"train", "mlp-fashion", "--epochs", "3",
                "--resume", parted.resolve("checkpoints/last.ckpt").toString()}, common)));
        JsonNode a = results(straight), b = results(parted);
        assertEquals(a.get("test").get("test_loss").asDouble(), b.get("test").get("test_loss").asDouble(), 0.0);
        assertEquals(a.get("val").get("val_accuracy").asDouble(), b.get("val").get("val_accuracy").asDouble(), 0.0);
        assertEquals(a.get("global_step").asLong(), b.get("global_step").asLong());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
