package io.principia.examples.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.principia.core.data.DataPaths;
import io.principia.examples.cli.Launcher;

/**
 * Tiny runs of gnn-planetoid on a synthetic LINQS dataset: 90 papers in 3 classes, 12 binary
 * features (4 per class, each on with probability 0.5 for its own class and 0.1 otherwise),
 * citations mostly within a class. Chance accuracy is 1/3. Also a short run on the public Cora split
 * when shared/data is present.
 */
class GnnPlanetoidTest {
    @TempDir
    Path tmp;

    private Path writeToy() throws IOException {
        Random r = new Random(5);
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < 90; i++) {
            int c = i % 3;
            content.append("p").append(i);
            for (int f = 0; f < 12; f++) {
                content.append('\t').append(r.nextDouble() < (f / 4 == c ? 0.5 : 0.1) ? 1 : 0);
            }
            content.append('\t').append("class").append((char) ('A' + c)).append('\n');
        }
        StringBuilder cites = new StringBuilder();
        for (int e = 0; e < 200; e++) {
            int a = r.nextInt(90);
            int b = r.nextDouble() < 0.9 ? (a + 3 * (1 + r.nextInt(29))) % 90 : r.nextInt(90); // same class 90% of the time
            cites.append('p').append(a).append('\t').append('p').append(b).append('\n');
        }
        Path dir = tmp.resolve("data");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("cora.content"), content);
        Files.writeString(dir.resolve("cora.cites"), cites);
        return dir;
    }

    @Test
    void trainsGcnAndGatAndWritesRunDirectories() throws IOException {
        Path data = writeToy();
        Path run = tmp.resolve("run");
        int rc = Launcher.commandLine().execute("train", "gnn-planetoid", "--split", "random", "--data", data.toString(), "--epochs", "40",
                "--per-class", "5", "--val", "15", "--test", "45", "--out", run.toString(), "--seed", "3", "--lr", "0.02");
        assertEquals(0, rc);
        List<String> summary = Files.readAllLines(run.resolve("summary.csv"));
        assertEquals(3, summary.size()); // header, gcn, gat
        for (String line : summary.subList(1, 3)) {
            double test = Double.parseDouble(line.split(",")[2]);
            assertTrue(test > 0.6, "test accuracy above chance (1/3): " + line);
        }
        for (String m : new String[] {"gcn", "gat"}) {
            for (String f : new String[] {"hparams.json", "metrics.csv", "results.json", "checkpoints/last.ckpt", "plots/loss.png"}) {
                assertTrue(Files.exists(run.resolve(m).resolve(f)), m + "/" + f);
            }
            assertEquals(41, Files.readAllLines(run.resolve(m).resolve("metrics.csv")).size()); // header + 40 epochs
        }
    }

    @Test
    void impossibleSplitsAndUnknownModelsAreUsageErrors() throws IOException {
        Path data = writeToy();
        assertEquals(2, Launcher.commandLine().execute("train", "gnn-planetoid", "--split", "random", "--data", data.toString(), "--per-class", "31",
                "--out", tmp.resolve("a").toString()));
        assertEquals(2, Launcher.commandLine().execute("train", "gnn-planetoid", "--split", "random", "--data", data.toString(), "--models", "gin",
                "--out", tmp.resolve("b").toString()));
        assertEquals(2, Launcher.commandLine().execute("train", "gnn-planetoid", "--split", "kipf", "--out", tmp.resolve("c").toString()));
        // the public split is fixed: its sizes cannot be changed
        assertEquals(2, Launcher.commandLine().execute("train", "gnn-planetoid", "--per-class", "10", "--out", tmp.resolve("d").toString()));
    }

    @Test
    void publicSplitOnRealCora() throws IOException {
        assumeTrue(DataPaths.sharedData("planetoid/ind.cora.x").isPresent(), "shared/data/planetoid not available");
        Path run = tmp.resolve("public");
        int rc = Launcher.commandLine().execute("train", "gnn-planetoid", "--models", "gcn", "--epochs", "30", "--data",
                DataPaths.sharedData("planetoid").orElseThrow().toString(), "--out", run.toString());
        assertEquals(0, rc);
        String[] gcn = Files.readAllLines(run.resolve("summary.csv")).get(1).split(",");
        // 140 labelled nodes, 7 classes (the largest is 30% of the test nodes); 30 epochs of GCN reach about 0.78
        assertTrue(Double.parseDouble(gcn[2]) > 0.7, "GCN test accuracy on the public Cora split: " + String.join(",", gcn));
    }
}
