package io.principia.graph.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;
import io.principia.graph.Graph;
import io.principia.graph.GraphOps;
import io.principia.graph.Normalization;
import io.principia.ode.Method;
import io.principia.ode.Odeint;

/** Spec section 6, T1 and T2: the path 0-1-2-3 with self-loops, x0 = e0, x(t) = expm(t·0.5(A − I)) x0. */
class LaplacianDiffusionTest {
    static final Graph PATH = GraphOps.addSelfLoops(GraphOps.symmetrize(new Graph(4, new int[] {0, 1, 2}, new int[] {1, 2, 3})));

    private static double[] solve(double[] w, double t) {
        LaplacianDiffusion f = new LaplacianDiffusion(PATH, w, DataType.DOUBLE);
        Tensor x0 = Tensor.of(Nd4j.createFromArray(new double[][] {{1}, {0}, {0}, {0}}));
        return Odeint.of(f).method(Method.RK4).stepSize(0.1).solve(x0, 0, t).last().data().reshape(4).toDoubleVector();
    }

    @Test
    void rk4MatchesTheClosedFormsOfSpecT1() {
        assertArrayEquals(new double[] {0.794675, 0.188962, 0.015494, 0.000870},
                solve(Normalization.columnStochastic(PATH, null), 1), 1e-6);
        assertArrayEquals(new double[] {0.794675, 0.125974, 0.010329, 0.000870}, solve(Normalization.randomWalk(PATH, null), 1), 1e-6);
        assertArrayEquals(new double[] {0.794675, 0.154287, 0.012651, 0.000870}, solve(Normalization.symmetric(PATH, null), 1), 1e-6);
        double[] x10 = solve(Normalization.columnStochastic(PATH, null), 10);
        assertArrayEquals(new double[] {0.302931, 0.362046, 0.228652, 0.106371}, x10, 1e-6);
        assertEquals(1.0, x10[0] + x10[1] + x10[2] + x10[3], 1e-9); // column-stochastic A conserves the node sum
    }

    @Test
    void gradientOfTheVectorFieldMatchesFiniteDifferences() {
        LaplacianDiffusion f = new LaplacianDiffusion(PATH, Normalization.columnStochastic(PATH, null), DataType.DOUBLE);
        Tensor x = GradCheck.randomInput(1, 4, 3);
        GradCheck.checkLoss(() -> f.forward(0.0, x).pow(2).sum(), List.of(x, f.alpha));
    }

    @Test
    void rejectsAStateOfTheWrongShape() {
        LaplacianDiffusion f = new LaplacianDiffusion(PATH, Normalization.columnStochastic(PATH, null), DataType.DOUBLE);
        var e = assertThrows(IllegalArgumentException.class, () -> f.forward(0, GradCheck.randomInput(1, 5, 2)));
        assertTrue(e.getMessage().contains("N = 4 nodes, got [5, 2]"), e.getMessage());
    }
}
