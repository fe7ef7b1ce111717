package io.principia.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * A careless command line gets one clear line naming the option or file at fault: usage errors
 * (exit 2) before any data is read, run failures (exit 1) without a stack trace.
 */
class LauncherBadInputTest {
    private static final String DATA = System.getProperty("principia.testData") + "/fashion-mnist";

    @TempDir
    Path tmp;

    private record Outcome(int rc, String err) {}

    private Outcome run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = Launcher.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        String[] all = new String[args.length + 4];
        all[0] = "train";
        all[1] = "mlp-fashion";
        all[2] = "--out";
        all[3] = tmp.resolve("run").toString();
        System.arraycopy(args, 0, all, 4, args.length);
        int rc = cli.execute(all);
        return new Outcome(rc, err.toString());
    }

    private void assertUsageError(String expected, String... args) {
        Outcome o = run(args);
        assertEquals(2, o.rc(), o.err());
        assertTrue(o.err().contains(expected), o.err());
        assertFalse(Files.exists(tmp.resolve("run")), "a rejected command line must not create a run directory");
    }

    private void assertRunError(String expected, String... args) {
        Outcome o = run(args);
        assertEquals(1, o.rc(), o.err());
        assertTrue(o.err().contains("principia train mlp-fashion: error: ") && o.err().contains(expected), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    }

    @Test
    void impossibleSettingsAreUsageErrorsNamingTheOption() {
        assertUsageError("--epochs must be >= 1, got 0", "--epochs", "0");
        assertUsageError("--epochs must be >= 1, got -1", "--epochs", "-1");
        assertUsageError("--batch-size must be >= 1, got 0", "--batch-size", "0");
        assertUsageError("--lr must be a finite number >= 0, got -1.0", "--lr", "-1");
        assertUsageError("--lr must be a finite number >= 0, got NaN", "--lr", "NaN");
        assertUsageError("--lr must be a finite number >= 0, got Infinity", "--lr", "Infinity");
        assertUsageError("--val-fraction must be in (0, 1), got 1.5", "--val-fraction", "1.5");
        assertUsageError("--hidden must be >= 1, got 0", "--hidden", "0");
        assertUsageError("--dropout must be in [0, 1), got 1.0", "--dropout", "1");
        assertUsageError("--resume: no checkpoint file at", "--resume", tmp.resolve("missing.ckpt").toString());
    }

    @Test
    void missingOrGarbageDataIsOneLineNamingTheFile() throws Exception {
        assertRunError("data folder " + tmp.resolve("nowhere") + " does not exist", "--data", tmp.resolve("nowhere").toString());
        Path garbage = Files.createDirectories(tmp.resolve("garbage"));
        for (String f : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte"}) {
            Files.writeString(garbage.resolve(f), "not an idx file");
        }
        assertRunError("train-images-idx3-ubyte: bad magic number", "--data", garbage.toString());
    }

    @Test
    void resumingAFinishedRunWithFewerEpochsSaysSo() throws Exception {
        String[] common = {"--hidden", "8", "--data", DATA, "--batch-size", "512"};
        Outcome first = run(concat(new String[] {"--epochs", "2"}, common));
        assertEquals(0, first.rc(), first.err());
        Path last = tmp.resolve("run/checkpoints/last.ckpt");
        byte[] before = Files.readAllBytes(last);
        assertRunError("already completed 2 epoch(s), so epochs = 1 leaves nothing to train",
                concat(new String[] {"--epochs", "1", "--resume", last.toString()}, common));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(last)), "the checkpoint must be left as it was");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
