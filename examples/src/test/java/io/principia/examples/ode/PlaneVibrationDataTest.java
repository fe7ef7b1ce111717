package io.principia.examples.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.principia.core.data.DataException;
import io.principia.core.data.DataPaths;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The plane-vibration loader on a synthetic CSV whose values encode their row, and on the real file. */
class PlaneVibrationDataTest {

    /** Row r, channel c holds r·(c + 1) + c, so a standardized value can be mapped back to its row. */
    static Path syntheticCsv(Path dir, int rows) throws Exception {
        StringBuilder sb = new StringBuilder("\"Force\",\"Voltage\",\"Acceleration1\",\"Acceleration2\",\"Acceleration3\",\"Fs\",\n");
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < 5; c++) {
                sb.append(r * (c + 1) + c).append(',');
            }
            sb.append(r == 0 ? "400," : ",").append('\n');
        }
        Path f = dir.resolve("pv.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    private static int row(PlaneVibrationData.Data d, INDArray a, int c, long... idx) {
        double raw = a.getDouble(idx) * d.std()[c] + d.mean()[c];
        return (int) Math.round((raw - c) / (c + 1));
    }

    @Test
    void windowsHoldNextStepTargetsGapsAndForecasts(@TempDir Path tmp) throws Exception {
        Path f = syntheticCsv(tmp, 60);
        PlaneVibrationData.Data d = PlaneVibrationData.load(f, 3, 2, 0.1, 7);
        // 60 rows, 59 candidate indices, 53 kept; train 26 → 6 windows of 4, valid 13 → 3, test 14 → 3
        assertEquals(53, d.kept());
        assertArrayEquals(new long[] {6, 3, 5}, d.train().x().shape());
        assertArrayEquals(new long[] {6, 3}, d.train().dt().shape());
        assertArrayEquals(new long[] {6, 2, 5}, d.train().forecast().shape());
        assertEquals(3, d.valid().size());
        assertEquals(3, d.test().size());
        int lastTrainRow = -1;
        for (PlaneVibrationData.Windows w : new PlaneVibrationData.Windows[] {d.train(), d.valid(), d.test()}) {
            for (int g = 0; g < w.size(); g++) {
                int first = row(d, w.x().data(), 0, g, 0, 0);
                assertTrue(first > lastTrainRow, "splits and windows are in time order");
                for (int i = 0; i < 3; i++) {
                    int xr = row(d, w.x().data(), 0, g, i, 0), yr = row(d, w.y().data(), 0, g, i, 0);
                    for (int c = 1; c < 5; c++) { // every channel of one step comes from the same row
                        assertEquals(xr, row(d, w.x().data(), c, g, i, c));
                    }
                    assertEquals(yr - xr, w.dt().data().getDouble(g, i), 0.0, "gap = difference of rows");
                    assertTrue(yr - xr >= 1);
                    if (i < 2) {
                        assertEquals(yr, row(d, w.x().data(), 0, g, i + 1, 0), "y is x shifted by one observation");
                    }
                }
                int lastRow = row(d, w.y().data(), 0, g, 2, 0);
                for (int k = 0; k < 2; k++) {
                    assertEquals(lastRow + k, row(d, w.forecast().data(), 0, g, k, 0), "forecast rows are consecutive");
                }
                lastTrainRow = lastRow;
            }
        }
        // the same seed drops the same rows; another seed does not
        assertEquals(d.train().dt().data(), PlaneVibrationData.load(f, 3, 2, 0.1, 7).train().dt().data());
        assertTrue(!d.train().dt().data().equals(PlaneVibrationData.load(f, 3, 2, 0.1, 8).train().dt().data()));
    }

    @Test
    void realFileIsStandardizedOnItsTrainSplit() {
        Optional<Path> f = DataPaths.sharedData(PlaneVibrationData.FILE);
        assumeTrue(f.isPresent(), "shared data folder not available");
        PlaneVibrationData.Data d = PlaneVibrationData.load(f.get(), 64, 8, 0.1, 1);
        assertEquals(73728, d.rows());
        assertEquals((int) (73721 * 0.9), d.kept());
        assertArrayEquals(new long[] {510, 64, 5}, d.train().x().shape());
        assertArrayEquals(new long[] {255, 64, 5}, d.test().y().shape());
        assertArrayEquals(new long[] {255, 8, 5}, d.valid().forecast().shape());
        INDArray x = d.train().x().data().reshape('c', 510 * 64, 5);
        for (int c = 0; c < 5; c++) {
            INDArray col = x.getColumn(c);
            assertEquals(0.0, col.meanNumber().doubleValue(), 0.02, "train mean of channel " + c);
            assertEquals(1.0, col.stdNumber().doubleValue(), 0.02, "train std of channel " + c);
        }
        double dtMean = d.train().dt().data().meanNumber().doubleValue();
        assertEquals(1 / 0.9, dtMean, 0.02, "10% dropped: mean gap ≈ 1/0.9");
        assertEquals(1.0, d.train().dt().data().minNumber().doubleValue(), 0.0);
    }

    @Test
    void badFilesAreNamed(@TempDir Path tmp) throws Exception {
        DataException e = assertThrows(DataException.class, () -> PlaneVibrationData.load(tmp.resolve("absent.csv"), 3, 2, 0.1, 1));
        assertTrue(e.getMessage().contains("no file at") && e.getMessage().contains("absent.csv"), e.getMessage());

        Path ragged = tmp.resolve("ragged.csv");
        Files.writeString(ragged, "a,b,c,d,e,\n1,2,3,4,5,\n1,2,3,\n");
        e = assertThrows(DataException.class, () -> PlaneVibrationData.load(ragged, 3, 2, 0.1, 1));
        assertTrue(e.getMessage().contains("line 3: 4 fields, expected at least 5"), e.getMessage());

        Path nan = tmp.resolve("nan.csv");
        Files.writeString(nan, "a,b,c,d,e,\n1,2,3,4,5,\n1,2,NaN,4,5,\n");
        e = assertThrows(DataException.class, () -> PlaneVibrationData.load(nan, 3, 2, 0.1, 1));
        assertTrue(e.getMessage().contains("line 3 column 3: value NaN is not finite"), e.getMessage());

        Path text = tmp.resolve("text.csv");
        Files.writeString(text, "a,b,c,d,e,\n1,2,3,4,x5,\n");
        e = assertThrows(DataException.class, () -> PlaneVibrationData.load(text, 3, 2, 0.1, 1));
        assertTrue(e.getMessage().contains("line 2 column 5: 'x5' is not a number"), e.getMessage());

        Path empty = tmp.resolve("empty.csv");
        Files.writeString(empty, "");
        e = assertThrows(DataException.class, () -> PlaneVibrationData.load(empty, 3, 2, 0.1, 1));
        assertTrue(e.getMessage().contains("empty file"), e.getMessage());

        Path shortFile = syntheticCsv(tmp, 60);
        e = assertThrows(DataException.class, () -> PlaneVibrationData.load(shortFile, 64, 8, 0.1, 1));
        assertTrue(e.getMessage().contains("60 rows keep 47 time indices") && e.getMessage().contains("need at least 260"),
                e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> PlaneVibrationData.load(shortFile, 3, 2, 1.0, 1));
        assertTrue(a.getMessage().contains("drop rate must be in [0, 1), got 1.0"), a.getMessage());
    }
}
