package io.principia.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The BLAS fast paths and their ND4J fallbacks give the same numbers for every layout. */
class InPlaceTest {

    /** [3, 4] arrays with known values in several layouts: c, f, a column-slice view, float32. */
    static List<INDArray> layouts(double offset) {
        INDArray c = Nd4j.linspace(DataType.DOUBLE, offset, 1.0, 12).reshape('c', 3, 4);
        INDArray big = Nd4j.zeros(DataType.DOUBLE, 3, 6);
        INDArray view = big.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 5));
        view.assign(c);
        List<INDArray> out = new ArrayList<>();
        out.add(c);
        out.add(c.dup('f'));
        out.add(view);
        out.add(c.castTo(DataType.FLOAT));
        return out;
    }

    /** Row-major values as doubles, by plain indexing (independent of layout). */
    static double[] values(INDArray a) {
        double[] v = new double[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                v[i * 4 + j] = a.getDouble(i, j);
            }
        }
        return v;
    }

    @Test
    void axpyScalAndNormAgreeWithLoops() {
        for (INDArray x : layouts(1)) {
            for (INDArray y0 : layouts(-5)) {
                if (x.dataType() != y0.dataType()) {
                    continue;
                }
                INDArray y = y0.dup(y0.ordering());
                double[] xv = values(x), yv = values(y), expected = new double[12];
                for (int k = 0; k < 12; k++) {
                    expected[k] = yv[k] + 0.25 * xv[k];
                }
                InPlace.axpy(0.25, x, y);
                assertArrayEquals(expected, values(y), 1e-6, x.ordering() + " " + y.ordering());

                INDArray out = Nd4j.createUninitialized(y.dataType(), 3, 4);
                InPlace.axpyInto(x, -2, y, out);
                double[] yv2 = values(y);
                for (int k = 0; k < 12; k++) {
                    expected[k] = xv[k] - 2 * yv2[k];
                }
                assertArrayEquals(expected, values(out), 1e-5);
            }
            INDArray s = x.dup(x.ordering());
            InPlace.scal(-0.5, s);
            double[] xv = values(x), expected = new double[12];
            double sumSq = 0;
            for (int k = 0; k < 12; k++) {
                expected[k] = -0.5 * xv[k];
                sumSq += xv[k] * xv[k];
            }
            assertArrayEquals(expected, values(s), 1e-6);
            assertEquals(Math.sqrt(sumSq), InPlace.norm2(x), 1e-5);
        }
    }

    @Test
    void viewUpdatesWriteThroughToTheParentOnly() {
        INDArray big = Nd4j.zeros(DataType.DOUBLE, 3, 6);
        INDArray view = big.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 5));
        InPlace.axpy(1, Nd4j.ones(DataType.DOUBLE, 3, 4), view);
        InPlace.scal(3, view);
        assertEquals(36.0, big.sumNumber().doubleValue(), 0);
        assertEquals(0.0, big.getColumn(0).sumNumber().doubleValue(), 0);
        assertEquals(0.0, big.getColumn(5).sumNumber().doubleValue(), 0);

        // a contiguous row block with an offset takes the BLAS path: it must write at the offset
        INDArray rows = Nd4j.zeros(DataType.FLOAT, 4, 3);
        INDArray middle = rows.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
        InPlace.axpy(2, Nd4j.ones(DataType.FLOAT, 2, 3), middle);
        InPlace.scal(0.5, middle);
        assertEquals(1, middle.elementWiseStride());
        assertArrayEquals(new float[] {0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0}, rows.data().asFloat(), 0f);
        assertEquals(Math.sqrt(6), InPlace.norm2(middle), 1e-6);
    }
}
