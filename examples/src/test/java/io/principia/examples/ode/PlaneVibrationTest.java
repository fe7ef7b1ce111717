package io.principia.examples.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.examples.cli.Launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny run of {@code plane-vibration} over every model kind, and its usage errors. */
class PlaneVibrationTest {

    @Test
    void everyModelTrainsAndIsTabulated(@TempDir Path tmp) throws Exception {
        Path csv = PlaneVibrationDataTest.syntheticCsv(tmp, 200);
        Path out = tmp.resolve("pv");
        int rc = Launcher.commandLine().execute("train", "plane-vibration", "--data", csv.toString(), "--window", "6", "--forecast", "3",
                "--train-windows", "4", "--test-windows", "2", "--epochs", "1", "--batch-size", "2", "--tol", "1e-3", "--out", out.toString());
        assertEquals(0, rc);
        List<String> lines = Files.readAllLines(out.resolve("compare.csv"));
        assertEquals("model,epoch,train_loss,test_forecast_mse,test_next_step_mse,test_loss,nfe_forward,nfe_backward,elapsed_s", lines.get(0));
        assertEquals(1 + 7, lines.size(), lines.toString());
        String md = Files.readString(out.resolve("compare.md"));
        // parameter counts of the matched models at window 6 (ic = Linear(30 -> state))
        for (String row : new String[] {"| NODE-RNN | nhid 21 | 9896 |", "| ANODE-RNN | nhid 27 | 15280 |",
                "| SONODE-RNN | nhid 19 | 5629 |", "| HBNODE-RNN | nhid 20 | 4527 |", "| GHBNODE-RNN | nhid 20 | 4527 |",
                "| NesterovNODE-RNN | nhid 20 | 4525 |", "| GNesterovNODE-RNN | nhid 20 | 4526 |"}) {
            assertTrue(md.contains(row), row + " in\n" + md);
        }
        for (String png : new String[] {"compare_test_forecast_mse.png", "compare_train_loss.png", "compare_nfe_forward.png"}) {
            assertTrue(Files.size(out.resolve(png)) > 0, png);
        }
        for (String l : lines.subList(1, lines.size())) {
            double testLoss = Double.parseDouble(l.split(",")[5]);
            assertTrue(Double.isFinite(testLoss) && testLoss > 0, l);
        }
    }

    @Test
    void modelSizesAreMatchedAsInThePaper() {
        // window 64: ic = Linear(320 -> state); NODE 8547 (df) + 6741 (ic) + 588 (jump) + 110 (out) = 15986, etc.
        long[] expected = {15986, 16730, 16649, 16127, 16127, 16125, 16126};
        PvModel.Kind[] kinds = PvModel.Kind.values();
        for (int i = 0; i < kinds.length; i++) {
            PvModel m = new PvModel(kinds[i], 64, io.principia.ode.seq.SolverSettings.dopri5(1e-3, io.principia.ode.GradientMode.BACKPROP),
                    new io.principia.core.util.Rng(1));
            assertEquals(expected[i], m.parameterCount(), kinds[i].displayName);
        }
    }

    @Test
    void badOptionsAreUsageErrors(@TempDir Path tmp) throws Exception {
        Path csv = PlaneVibrationDataTest.syntheticCsv(tmp, 200);
        assertEquals(2, Launcher.commandLine().execute("train", "plane-vibration", "--data", csv.toString(), "--models", "node,lstm"));
        assertEquals(2, Launcher.commandLine().execute("train", "plane-vibration", "--data", csv.toString(), "--tol", "0"));
        assertEquals(2, Launcher.commandLine().execute("train", "plane-vibration", "--data", csv.toString(), "--train-windows", "-1"));
    }
}
