package io.principia.graph.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;
import io.principia.ode.Method;
import io.principia.ode.OdeSolution;
import io.principia.ode.Odeint;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GRAND and GRAND++ on the 4-node path 0-1-2-3 with self-loops of weight 1 (spec
 * graph_generative.md §6, T1-T5; expected values computed there with scipy's expm).
 */
class DiffusionClosedFormTest {
    private static final double[] DEG = {2, 3, 3, 2};

    /** W + I of the path graph. */
    private static double[][] weights() {
        double[][] w = new double[4][4];
        for (int i = 0; i < 4; i++) {
            w[i][i] = 1;
            if (i + 1 < 4) {
                w[i][i + 1] = 1;
                w[i + 1][i] = 1;
            }
        }
        return w;
    }

    private static DenseAdjacency normalized(String kind) {
        double[][] w = weights();
        double[][] a = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                a[i][j] = switch (kind) {
                    case "col" -> w[i][j] / DEG[j];
                    case "row" -> w[i][j] / DEG[i];
                    default -> w[i][j] / Math.sqrt(DEG[i] * DEG[j]);
                };
            }
        }
        return new DenseAdjacency(Tensor.of(Nd4j.createFromArray(a)));
    }

    private static Tensor column(double... v) {
        return Tensor.of(Nd4j.createFromArray(v).reshape(v.length, 1));
    }

    private static void assertColumn(double[] expected, INDArray actual, double tol, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual.getDouble(i, 0), tol, what + " node " + i);
        }
    }

    @Test
    void linearGrandMatchesMatrixExponential() {
        Object[][] cases = {
            {"col", 1.0, new double[] {0.794675, 0.188962, 0.015494, 0.000870}},
            {"col", 10.0, new double[] {0.302931, 0.362046, 0.228652, 0.106371}},
            {"row", 1.0, new double[] {0.794675, 0.125974, 0.010329, 0.000870}},
            {"sym", 1.0, new double[] {0.794675, 0.154287, 0.012651, 0.000870}},
        };
        for (Object[] c : cases) {
            LaplacianDiffusion f = new LaplacianDiffusion(normalized((String) c[0]), DataType.DOUBLE);
            double t = (Double) c[1];
            OdeSolution sol = Odeint.of(f).tolerances(1e-9, 1e-9).solve(column(1, 0, 0, 0), 0, t);
            assertColumn((double[]) c[2], sol.last().data(), 1e-6, c[0] + " t=" + t);
            if (c[0].equals("col")) {
                assertEquals(1.0, sol.last().data().sumNumber().doubleValue(), 1e-8, "column-stochastic A conserves the node sum");
            }
        }
    }

    @Test
    void rk4WithStepOneTenthMatchesToSixDecimals() {
        LaplacianDiffusion f = new LaplacianDiffusion(normalized("col"), DataType.DOUBLE);
        OdeSolution sol = Odeint.of(f).method(Method.RK4).stepSize(0.1).solve(column(1, 0, 0, 0), 0, 1);
        assertColumn(new double[] {0.794675, 0.188962, 0.015494, 0.000870}, sol.last().data(), 1e-6, "rk4");
    }

    @Test
    void grandPlusPlusSourceKeepsNodesApart() {
        // x = [1, 0.2, -0.3, -1], labelled {0, 3}: C = [1, 0, 0, -1], Z(0) = x + C
        Tensor x = column(1, 0.2, -0.3, -1);
        INDArray mask = Nd4j.createFromArray(1.0, 0, 0, 1);
        Tensor c = SourceTerm.centered(x, mask, 1.0);
        assertColumn(new double[] {1, 0, 0, -1}, c.data(), 1e-12, "source");
        Object[][] cases = {
            {"col", 1.0, new double[] {2.49994, 0.557016, -0.643386, -2.51357}},
            {"col", 10.0, new double[] {4.949514, 2.262407, -2.323027, -4.988894}},
            {"col", 100.0, new double[] {5.979995, 2.969996, -3.029996, -6.019995}},
            {"row", 1.0, new double[] {2.510988, 0.408644, -0.495014, -2.531433}},
            {"row", 100.0, new double[] {5.969995, 1.969998, -2.029998, -6.029995}},
        };
        for (Object[] k : cases) {
            SourceAugmented f = new SourceAugmented(new LaplacianDiffusion(normalized((String) k[0]), DataType.DOUBLE));
            Tensor z0 = SourceAugmented.initialState(x.add(c), c);
            OdeSolution sol = Odeint.of(f).tolerances(1e-10, 1e-10).solve(z0, 0, (Double) k[1]);
            INDArray z = sol.last().data().slice(0); // [N, 1]
            assertColumn((double[]) k[2], z, 2e-5, k[0] + " t=" + k[1]);
            if (k[0].equals("col")) {
                assertEquals(-0.1, z.sumNumber().doubleValue(), 1e-7, "Σ Z is conserved when 1ᵀC = 0");
            }
        }
    }

    @Test
    void zeroSourceReducesGrandPlusPlusToGrand() {
        Tensor x = column(1, 0.2, -0.3, -1);
        LaplacianDiffusion g = new LaplacianDiffusion(normalized("col"), DataType.DOUBLE);
        Tensor zero = SourceTerm.centered(x, Nd4j.createFromArray(1.0, 0, 0, 1), 0.0);
        OdeSolution plus = Odeint.of(new SourceAugmented(g)).method(Method.RK4).stepSize(0.1)
                .solve(SourceAugmented.initialState(x.add(zero), zero), 0, 2);
        OdeSolution plain = Odeint.of(g).method(Method.RK4).stepSize(0.1).solve(x, 0, 2);
        assertEquals(plain.last().data(), plus.last().data().slice(0));
        assertEquals(0.0, plus.last().data().slice(1).norm1Number().doubleValue(), 0.0);
    }

    @Test
    void sourceIsCenteredAndShiftInvariant() {
        INDArray mask = Nd4j.createFromArray(1.0, 0, 1, 1, 0);
        Tensor x = GradCheck.randomInput(3, 5, 3);
        Tensor c = SourceTerm.centered(x, mask, 1.0);
        INDArray labelledSum = c.data().sum(0);
        assertEquals(0.0, labelledSum.norm2Number().doubleValue(), 1e-12);
        assertEquals(0.0, c.data().getRow(1).norm2Number().doubleValue(), 0.0);
        Tensor shifted = SourceTerm.centered(x.add(7.5), mask, 1.0);
        assertEquals(0.0, shifted.data().sub(c.data()).norm2Number().doubleValue(), 1e-12);
        Tensor scaled = SourceTerm.centered(x.mul(3.0), mask, 1.0);
        assertEquals(0.0, scaled.data().sub(c.data().mul(3.0)).norm2Number().doubleValue(), 1e-12);
    }

    @Test
    void gradientsReachEncoderAndDiffusivityInBothModes() {
        for (boolean adjoint : new boolean[] {false, true}) {
            Tensor x = GradCheck.randomInput(5, 4, 2);
            LaplacianDiffusion g = new LaplacianDiffusion(normalized("col"), DataType.DOUBLE);
            SourceAugmented f = new SourceAugmented(g);
            Tensor weights = GradCheck.randomInput(6, 4, 2).detach();
            Odeint ode = Odeint.of(f).tolerances(1e-8, 1e-8);
            if (adjoint) {
                ode.adjoint();
            }
            GradCheck.checkLoss(() -> {
                Tensor c = SourceTerm.centered(x, Nd4j.createFromArray(1.0, 0, 0, 1), 1.0);
                Tensor z = ode.solve(SourceAugmented.initialState(x.add(c), c), 0, 1.5).last().slice(0, 0, 1).squeeze(0);
                return z.mul(weights).sum();
            }, List.of(x, g.parameters().get(0)));
        }
    }

    @Test
    void sparseAndDenseAdjacencyAgree() {
        // the path graph with self-loops as edges, column-stochastic weights w_e = 1 / deg(source_e)
        int[] src = {0, 1, 1, 2, 2, 3, 0, 1, 2, 3};
        int[] dst = {1, 0, 2, 1, 3, 2, 0, 1, 2, 3};
        io.principia.graph.Graph g = new io.principia.graph.Graph(4, src, dst);
        double[] w = io.principia.graph.Normalization.columnStochastic(g, io.principia.graph.Normalization.ones(g));
        Propagation sparse = SparseAdjacency.of(g, w, DataType.DOUBLE);
        Tensor x = GradCheck.randomInput(9, 4, 3);
        INDArray viaSparse = sparse.apply(x).data();
        INDArray viaDense = normalized("col").apply(x).data();
        assertEquals(0.0, viaSparse.sub(viaDense).norm2Number().doubleValue(), 1e-12);
        LaplacianDiffusion f = new LaplacianDiffusion(sparse, DataType.DOUBLE);
        OdeSolution sol = Odeint.of(f).tolerances(1e-9, 1e-9).solve(column(1, 0, 0, 0), 0, 1);
        assertColumn(new double[] {0.794675, 0.188962, 0.015494, 0.000870}, sol.last().data(), 1e-6, "sparse col t=1");
    }

    @Test
    void badShapesAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> new DenseAdjacency(Tensor.of(Nd4j.zeros(3, 4))));
        LaplacianDiffusion f = new LaplacianDiffusion(normalized("col"), DataType.DOUBLE);
        var e = assertThrows(IllegalArgumentException.class, () -> f.forward(0, column(1, 2, 3)));
        assertEquals(true, e.getMessage().contains("[4, d]"), e.getMessage());
        var m = assertThrows(IllegalArgumentException.class,
                () -> SourceTerm.centered(column(1, 2, 3, 4), Nd4j.createFromArray(0.0, 0, 0, 0), 1));
        assertEquals(true, m.getMessage().contains("no node"), m.getMessage());
    }
}
