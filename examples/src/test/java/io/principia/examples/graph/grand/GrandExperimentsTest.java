package io.principia.examples.graph.grand;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.principia.examples.cli.Launcher;

/**
 * Tiny runs of grand-lowlabel and grand-oversmoothing on a synthetic LINQS dataset: 90 papers in
 * 3 classes, 12 binary features (4 per class, on with probability 0.5 for the own class and 0.1
 * otherwise), citations mostly within a class; 45 development nodes, so 45 test nodes.
 */
class GrandExperimentsTest {
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
        for (int i = 0; i < 90; i++) { // a ring inside each class keeps the graph connected
            cites.append('p').append(i).append("\tp").append((i + 3) % 90).append('\n');
        }
        for (int e = 0; e < 60; e++) {
            int a = r.nextInt(90);
            int b = r.nextDouble() < 0.9 ? (a + 3 * (1 + r.nextInt(29))) % 90 : r.nextInt(90);
            cites.append('p').append(a).append("\tp").append(b).append('\n');
        }
        Path dir = tmp.resolve("data");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("cora.content"), content);
        Files.writeString(dir.resolve("cora.cites"), cites);
        return dir;
    }

    @Test
    void lowLabelWritesOneCellPerModelAndLabelCount() throws IOException {
        Path run = tmp.resolve("low");
        int rc = Launcher.commandLine().execute("train", "grand-lowlabel", "--data", writeToy().toString(), "--datasets", "cora",
                "--labels", "2,5", "--splits", "2", "--dev", "45", "--models", "gcn,grand,grand++", "--epochs", "6",
                "--baseline-epochs", "6", "--time", "2", "--out", run.toString());
        assertEquals(0, rc);
        List<String> runs = Files.readAllLines(run.resolve("runs.csv"));
        assertEquals(1 + 2 * 2 * 3, runs.size()); // header, 2 splits x 2 k x 3 models
        for (String line : runs.subList(1, runs.size())) {
            String[] f = line.split(",");
            double val = Double.parseDouble(f[4]), test = Double.parseDouble(f[5]);
            assertTrue(val >= 0 && val <= 1 && test >= 0 && test <= 1, line);
            assertEquals(0, Math.round(test * 45) - test * 45, 0.01, "45 test nodes: " + line); // accuracy is a multiple of 1/45
            int epoch = Integer.parseInt(f[7]);
            assertTrue(epoch >= 1 && epoch <= 6, line);
            if (f[2].startsWith("grand")) {
                assertEquals(2.0, Double.parseDouble(f[8]), 0, "final-time protocol reads T: " + line);
            }
        }
        List<String> summary = Files.readAllLines(run.resolve("lowlabel.csv"));
        assertEquals(1 + 2 * 3, summary.size());
        assertTrue(summary.get(1).matches("cora,2,gcn,0\\.\\d{4},\\d\\.\\d{4},2,.*"), summary.get(1));
        String md = Files.readString(run.resolve("lowlabel.md"));
        assertTrue(md.contains("| model | k = 2 | k = 5 |"), md);
        assertTrue(md.contains("test accuracy at time T of the epoch with the best validation accuracy"), md);
        assertTrue(md.lines().filter(l -> l.startsWith("| grand++ |")).findFirst().orElseThrow().contains("(2)"), md);
    }

    @Test
    void earlyStopProtocolSelectsOverTimesUpToThreeT() throws IOException {
        Path run = tmp.resolve("es");
        int rc = Launcher.commandLine().execute("train", "grand-lowlabel", "--data", writeToy().toString(), "--datasets", "cora",
                "--labels", "3", "--splits", "1", "--dev", "45", "--models", "grand,grand++", "--epochs", "4", "--time", "1",
                "--step", "0.5", "--protocol", "early-stop", "--out", run.toString());
        assertEquals(0, rc);
        List<String> runs = Files.readAllLines(run.resolve("runs.csv"));
        assertEquals(3, runs.size());
        for (String line : runs.subList(1, 3)) {
            double t = Double.parseDouble(line.split(",")[8]);
            assertTrue(t > 0 && t <= 3.0 && Math.abs(t * 2 - Math.rint(t * 2)) < 1e-9, "time on the 0.5 grid in (0, 3T]: " + line);
        }
        assertTrue(Files.readString(run.resolve("lowlabel.md")).contains("validation-selected (epoch, time)"));
    }

    @Test
    void oversmoothingWritesTableAndPlotInParts() throws IOException {
        Path run = tmp.resolve("over");
        String data = writeToy().toString();
        // in two parts: T = 1, then T = 4 appended to the same run directory
        for (String t : new String[] {"1", "4"}) {
            int rc = Launcher.commandLine().execute("train", "grand-oversmoothing", "--data", data, "--labels", "3", "--splits", "1",
                    "--dev", "45", "--times", t, "--epochs", "3", "--append", "--out", run.toString());
            assertEquals(0, rc);
        }
        assertEquals(1 + 2 * 2, Files.readAllLines(run.resolve("runs.csv")).size());
        // appending T = 1, 4 again trains nothing new: both are in runs.csv
        assertEquals(0, Launcher.commandLine().execute("train", "grand-oversmoothing", "--data", data, "--labels", "3", "--splits", "1",
                "--dev", "45", "--times", "1,4", "--epochs", "3", "--append", "--out", run.toString()));
        assertEquals(1 + 2 * 2, Files.readAllLines(run.resolve("runs.csv")).size());
        List<String> summary = Files.readAllLines(run.resolve("oversmoothing.csv"));
        assertEquals(List.of("dataset,T_=,model,mean_test,std_test,runs,mean_seconds"), summary.subList(0, 1));
        assertEquals(1 + 2 * 2, summary.size());
        assertTrue(summary.get(3).startsWith("cora,4,grand,"), summary.get(3));
        assertTrue(Files.size(run.resolve("oversmoothing.png")) > 1000);
        assertTrue(Files.readString(run.resolve("oversmoothing.md")).contains("| model | T = 1 | T = 4 |"));
    }

    @Test
    void badOptionsAreUsageErrors() throws IOException {
        String data = writeToy().toString();
        assertEquals(2, Launcher.commandLine().execute("train", "grand-oversmoothing", "--data", data, "--models", "gcn"));
        assertEquals(2, Launcher.commandLine().execute("train", "grand-lowlabel", "--data", data, "--protocol", "best"));
        assertEquals(2, Launcher.commandLine().execute("train", "grand-lowlabel", "--data", data, "--time", "0"));
        assertEquals(2, Launcher.commandLine().execute("train", "grand-lowlabel", "--data", data, "--models", "mlp"));
        assertEquals(2, Launcher.commandLine().execute("train", "grand-lowlabel", "--data", data, "--datasets", "pubmed",
                "--out", tmp.resolve("x").toString()));
    }

    @Test
    void earlyStopGridHoldsTAndItsMultiple() {
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, FullBatchFit.grid(2, 3, 1), 1e-12);
        assertArrayEquals(new double[] {1, 2, 2.5, 3, 4, 5, 6, 7, 7.5}, FullBatchFit.grid(2.5, 3, 1), 1e-12);
    }
}
