package io.principia.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.autograd.GraphStats;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The adjoint method's memory does not grow with the number of solver steps, backprop's does
 * (Chen et al. 2018, Sec. 2): measured deterministically as the bytes of the arrays the recorded
 * graph keeps alive until backward ({@link GraphStats#retainedBytes}), for classical RK4 forced to
 * take N = 100 and N = 1000 steps (step size 1/N over [0, 1]).
 */
class AdjointMemoryTest {
    private static final int BATCH = 8;
    private static final int DIM = 4;

    private static long graphBytes(GradientMode mode, int steps, MlpField field, Tensor y0) {
        OdeSolution sol = Odeint.of(field).method(Method.RK4).stepSize(1.0 / steps).gradient(mode).solve(y0, 0, 1);
        assertEquals(4 * steps, sol.stats().nfeForward(), "rk4 takes 4 evaluations per step");
        Tensor loss = sol.last().pow(2).mean();
        return GraphStats.retainedBytes(loss);
    }

    @Test
    void backpropGraphGrowsWithStepsAndAdjointGraphStaysFlat() {
        MlpField field = new MlpField(DIM, 16, 3, DataType.DOUBLE);
        Tensor y0 = Tensor.of(new Rng(4).normal(DataType.DOUBLE, 0, 1, BATCH, DIM));
        long bp100 = graphBytes(GradientMode.BACKPROP, 100, field, y0);
        long bp1000 = graphBytes(GradientMode.BACKPROP, 1000, field, y0);
        long adj100 = graphBytes(GradientMode.ADJOINT, 100, field, y0);
        long adj1000 = graphBytes(GradientMode.ADJOINT, 1000, field, y0);

        double growth = (double) bp1000 / bp100;
        assertTrue(growth > 9.5 && growth < 10.5, "backprop graph should grow ~10x from 100 to 1000 steps, got "
                + bp100 + " -> " + bp1000 + " bytes (" + growth + "x)");
        assertEquals(adj100, adj1000, "adjoint graph must not depend on the number of steps");

        // What the adjoint graph holds: y0 and y(1) (the stacked outputs [2, B, D]), the parameters,
        // and the loss's own small arrays (y(1) squared, the scalar mean): nothing per step.
        long state = (long) BATCH * DIM * 8;
        long params = field.parameterCount() * 8;
        long expected = state /* y0 */ + 2 * state /* ys */ + params + state /* y(1)² */ + 8 /* loss */;
        assertTrue(adj1000 <= expected + state, "adjoint graph holds " + adj1000 + " bytes, expected about " + expected);
        assertTrue(bp100 > 50 * adj100, "100 backprop steps should hold far more than the adjoint: " + bp100 + " vs " + adj100);
    }

    @Test
    void adjointBackwardMatchesBackpropAtBothStepCounts() {
        // the flat graph still yields the gradient: adjoint vs backprop on the same rk4 grid agree to O(h^4)
        for (int steps : new int[] {10, 100}) {
            MlpField field = new MlpField(DIM, 16, 3, DataType.DOUBLE);
            Tensor y0 = Tensor.of(new Rng(4).normal(DataType.DOUBLE, 0, 1, BATCH, DIM));
            Odeint ode = Odeint.of(field).method(Method.RK4).stepSize(1.0 / steps);
            ode.solve(y0, 0, 1).last().pow(2).mean().backward();
            double[] bp = field.out.weight.grad().dup().data().asDouble();
            field.zeroGrad();
            OdeSolution adj = ode.adjoint().solve(y0, 0, 1);
            adj.last().pow(2).mean().backward();
            assertEquals(4 * steps, adj.stats().nfeBackward());
            double[] ag = field.out.weight.grad().data().asDouble();
            for (int i = 0; i < bp.length; i++) {
                assertEquals(bp[i], ag[i], 1e-8 + 1e-6 * Math.abs(bp[i]), "dL/dW2[" + i + "] at " + steps + " steps");
            }
        }
    }
}
