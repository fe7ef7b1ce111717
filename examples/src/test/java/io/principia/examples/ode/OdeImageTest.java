package io.principia.examples.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.data.TensorDataset;
import io.principia.examples.cli.Launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tiny {@code ode-image} run (a first-order, a heavy-ball and a Nesterov model; the ode module's
 * tests build all seven), and its bad input.
 */
class OdeImageTest {
    static final String DATA = System.getProperty("principia.testData") + "/fashion-mnist";
    static final List<String> MODELS = List.of("ANODE", "HBNODE", "GNesterovNODE");

    @Test
    void comparesModelsAndLogsTheirNfe(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("ode");
        int rc = Launcher.commandLine().execute("train", "ode-image", "--data", DATA, "--downsample", "4", "--train-size", "20",
                "--test-size", "10", "--epochs", "1", "--models", "anode,hbnode,gnesterov", "--batch-size", "10", "--out", out.toString());
        assertEquals(0, rc);
        for (String f : new String[] {"ode_image.csv", "ode_image.md", "ode_image_nfe_forward.png", "ode_image_nfe_backward.png",
                "ode_image_accuracy.png", "ode_image_train_loss.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        List<String> csv = Files.readAllLines(out.resolve("ode_image.csv"));
        assertEquals("model,parameters,epoch,nfe_forward,nfe_backward,train_time_s,train_loss,test_loss,test_accuracy", csv.get(0));
        assertEquals(1 + MODELS.size(), csv.size(), csv.toString());
        String md = Files.readString(out.resolve("ode_image.md"));
        for (int i = 0; i < MODELS.size(); i++) {
            String[] cols = csv.get(i + 1).split(",");
            assertEquals(MODELS.get(i), cols[0]);
            // dopri5 takes at least one step of 6 evaluations plus the 2 of the initial-step heuristic
            assertTrue(Double.parseDouble(cols[3]) >= 8, csv.get(i + 1));
            assertTrue(Double.parseDouble(cols[4]) >= 8, csv.get(i + 1));
            double acc = Double.parseDouble(cols[8]);
            assertTrue(acc >= 0 && acc <= 1, csv.get(i + 1));
            assertTrue(md.contains("| " + MODELS.get(i) + " |"), MODELS.get(i));
            assertTrue(Files.exists(out.resolve(MODELS.get(i).equals("NesterovNODE") ? "nesterov"
                    : MODELS.get(i).equals("GNesterovNODE") ? "gnesterov" : MODELS.get(i).toLowerCase()).resolve("metrics.csv")));
        }
    }

    @Test
    void poolingAveragesBlocks() {
        float[] img = new float[784];
        for (int i = 0; i < 784; i++) {
            img[i] = i % 28; // column index
        }
        TensorDataset d = new TensorDataset(Nd4j.create(img, new long[] {1, 784}, 'c'), Nd4j.createFromArray(3L));
        TensorDataset pooled = OdeImage.pool(d, 2);
        assertEquals(196, pooled.features().size(1));
        assertEquals(0.5, pooled.features().getDouble(0, 0), 1e-6);   // mean of columns 0 and 1
        assertEquals(26.5, pooled.features().getDouble(0, 13), 1e-6); // columns 26 and 27
    }

    @Test
    void badOptionsAreUsageErrors(@TempDir Path tmp) {
        String[][] bad = {{"--models", "node,lstm"}, {"--downsample", "3"}, {"--sizes", "huge"}, {"--gradient", "both"},
            {"--dataset", "cifar"}, {"--tol", "0"}};
        for (String[] args : bad) {
            int rc = Launcher.commandLine().execute("train", "ode-image", "--data", DATA, args[0], args[1], "--out",
                    tmp.resolve("x").toString());
            assertEquals(2, rc, String.join(" ", args));
        }
    }
}
