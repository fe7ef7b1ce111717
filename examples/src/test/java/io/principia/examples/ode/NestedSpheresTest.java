package io.principia.examples.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;
import io.principia.core.util.Rng;
import io.principia.examples.cli.Launcher;
import io.principia.ode.GradientMode;
import io.principia.ode.models.SolverConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The nested-spheres generator, the smooth-L1 loss, model sizes and a tiny run of the experiment. */
class NestedSpheresTest {

    @Test
    void pointsLieInTheirShellsWithTheirLabels() {
        NestedSpheresData.Points p = NestedSpheresData.standard(3);
        assertEquals(120, p.size());
        INDArray x = p.x().data(), y = p.y().data();
        for (int i = 0; i < 120; i++) {
            double r = Math.hypot(x.getDouble(i, 0), x.getDouble(i, 1));
            if (i < 40) {
                assertTrue(r <= 0.5, "inner radius " + r);
                assertEquals(-1.0, y.getDouble(i, 0), 0.0);
            } else {
                assertTrue(r >= 0.85 && r <= 1.0, "outer radius " + r);
                assertEquals(1.0, y.getDouble(i, 0), 0.0);
            }
        }
        assertEquals(x, NestedSpheresData.standard(3).x().data(), "same seed, same points");
        assertTrue(!x.equals(NestedSpheresData.standard(4).x().data()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NestedSpheresData.generate(2, 40, 80, 0.9, 0.85, 1.0, 1));
        assertTrue(e.getMessage().contains("0 < innerMax < outerMin <= outerMax, got 0.9, 0.85, 1.0"), e.getMessage());
    }

    @Test
    void smoothL1MatchesItsPiecesAndGradient() {
        Tensor pred = Tensor.of(Nd4j.createFromArray(0.5, -2.0, 1.0, 3.0).reshape(4, 1));
        Tensor target = Tensor.of(Nd4j.createFromArray(0.0, 0.0, 1.0, 1.5).reshape(4, 1));
        // 0.5·0.25, 2 − 0.5, 0, 1.5 − 0.5 → mean 2.625 / 4
        assertEquals(2.625 / 4, NestedSpheres.smoothL1(pred, target).item(), 1e-12);
        Tensor p = GradCheck.randomInput(1, 6, 1);
        Tensor t6 = Tensor.of(Nd4j.linspace(-1, 1, 6).reshape(6, 1).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE));
        GradCheck.check(in -> NestedSpheres.smoothL1(in[0], t6), p);
    }

    @Test
    void modelSizesFollowTheReleasedScript() {
        // NODE 542 + decoder 3; ANODE 583 + 4; SONODE 288 + v0 249 + 3 (the released SONODE also counts an unused γ: 541);
        // HB/GHB 296 + γ + v0 282 + 3; Nesterov 296 + 282 + 3
        long[] expected = {545, 587, 540, 582, 582, 581, 581};
        SphereModel.Kind[] kinds = SphereModel.Kind.values();
        for (int i = 0; i < kinds.length; i++) {
            SphereModel m = new SphereModel(kinds[i], 2, SolverConfig.dopri5(1e-3, GradientMode.ADJOINT), new Rng(1));
            assertEquals(expected[i], m.parameterCount(), kinds[i].displayName);
        }
    }

    @Test
    void tinyRunWritesTableWithNfe(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("ns");
        int rc = Launcher.commandLine().execute("train", "nested-spheres", "--epochs", "1", "--runs", "2", "--tol", "1e-3", "--out",
                out.toString());
        assertEquals(0, rc);
        List<String> lines = Files.readAllLines(out.resolve("compare.csv"));
        assertEquals("model,epoch,loss,accuracy,nfe_forward,nfe_backward,elapsed_s", lines.get(0));
        assertEquals(1 + 7, lines.size());
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            double loss = Double.parseDouble(f[2]), nfeF = Double.parseDouble(f[4]), nfeB = Double.parseDouble(f[5]);
            assertTrue(loss > 0 && loss < 2, l); // smooth-L1 of predictions in [−1, 1] against ±1 is at most 1.5
            assertTrue(nfeF >= 6 && nfeB >= 6, "dopri5 costs at least one step forward and backward: " + l);
        }
        String md = Files.readString(out.resolve("compare.md"));
        assertTrue(md.contains("| HBNODE | nhid 14 | 582 | 2 |"), md);
        assertTrue(Files.size(out.resolve("compare_nfe_backward.png")) > 0);
        assertEquals(2, Launcher.commandLine().execute("train", "nested-spheres", "--runs", "0"));
        assertEquals(2, Launcher.commandLine().execute("train", "nested-spheres", "--models", "resnet"));
    }
}
