package io.principia.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.principia.core.tensor.Tensor;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * dopri5 on y' = -y, y(0) = 1 over [0, 1]: NFE, step sequence and values recorded from
 * torchdiffeq 0.2.5 (spec rnn_ode.md 7.5), which this solver mirrors step for step.
 */
class TorchdiffeqParityTest {
    private static final VectorField DECAY = (t, y) -> y.neg();

    private static Tensor one() {
        return Tensor.of(Nd4j.createFromArray(1.0));
    }

    @Test
    void dopri5AtLooseTolerance() {
        OdeSolution sol = Odeint.of(DECAY).tolerances(1e-3, 1e-3).solve(one(), 0, 1);
        assertEquals(14, sol.stats().nfeForward());
        List<double[]> steps = sol.stats().steps();
        assertEquals(2, steps.size());
        assertEquals(0.114870, steps.get(0)[1], 1e-6);
        assertEquals(1.148698, steps.get(1)[1], 1e-6); // the 10x growth cap; y(1) is interpolated
        assertEquals(0.3679296117, sol.last().data().getDouble(), 1e-10);
    }

    @Test
    void dopri5AtMediumTolerance() {
        OdeSolution sol = Odeint.of(DECAY).tolerances(1e-5, 1e-5).solve(one(), 0, 1);
        assertEquals(26, sol.stats().nfeForward());
        double[] expected = {0.045731, 0.457305, 0.457305, 0.475627};
        assertEquals(expected.length, sol.stats().steps().size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], sol.stats().steps().get(i)[1], 1e-6, "step " + i);
        }
        assertEquals(0.3678826861, sol.last().data().getDouble(), 1e-10);
    }

    @Test
    void dopri5AtDefaultTolerance() {
        OdeSolution sol = Odeint.of(DECAY).solve(one(), 0, 1);
        assertEquals(50, sol.stats().nfeForward());
        assertEquals(0.015881, sol.stats().steps().get(0)[1], 1e-6);
        assertEquals(0.3678794482, sol.last().data().getDouble(), 1e-10);
    }

    @Test
    void extraOutputTimesCostNoEvaluations() {
        double[] times = new double[11];
        for (int i = 0; i < times.length; i++) {
            times[i] = i / 10.0;
        }
        OdeSolution sol = Odeint.of(DECAY).tolerances(1e-5, 1e-5).solve(one(), times);
        assertEquals(26, sol.stats().nfeForward());
        for (int i = 0; i < times.length; i++) {
            assertEquals(Math.exp(-times[i]), sol.at(i).data().getDouble(), 2e-5);
        }
    }

    @Test
    void bosh3NfeMatches() {
        assertEquals(38, Odeint.of(DECAY).method(Method.BOSH3).tolerances(1e-5, 1e-5).solve(one(), 0, 1).stats().nfeForward());
    }

    @Test
    void dopri8NfeMatches() {
        OdeSolution sol = Odeint.of(DECAY).method(Method.DOPRI8).tolerances(1e-5, 1e-5).solve(one(), 0, 1);
        assertEquals(28, sol.stats().nfeForward()); // 2 + 13 x 2 steps
        // the second step (10x the first) ends at 1.6; y(1) comes from the quartic interpolant of that long step
        assertEquals(Math.exp(-1), sol.last().data().getDouble(), 2e-4);
    }

    @Test
    void adjointValuesAndNfeMatch() {
        // y' = -a y, L = y(1): dL/da = -e^-1, dL/dy0 = e^-1; torchdiffeq's figures at each tolerance
        double[][] rows = {
            // tol, fwd nfe, bwd nfe, dL/da, dL/dy0
            {1e-3, 14, 14, -0.368926155, 0.368151983},
            {1e-5, 26, 26, -0.367888992, 0.367878783},
        };
        for (double[] row : rows) {
            Tensor a = Tensor.param(Nd4j.createFromArray(1.0));
            Tensor y0 = Tensor.param(Nd4j.createFromArray(1.0));
            OdeSolution sol = Odeint.of((t, y) -> y.mul(a).neg()).tolerances(row[0], row[0]).adjoint()
                    .adjointParams(List.of(a)).solve(y0, 0, 1);
            sol.last().sum().backward();
            assertEquals((int) row[1], sol.stats().nfeForward(), "forward nfe at " + row[0]);
            assertEquals((int) row[2], sol.stats().nfeBackward(), "backward nfe at " + row[0]);
            assertEquals(row[3], a.grad().getDouble(), 1e-8, "dL/da at " + row[0]);
            assertEquals(row[4], y0.grad().getDouble(), 1e-8, "dL/dy0 at " + row[0]);
        }
    }

    @Test
    void adjointSeminormSavesBackwardSteps() {
        Tensor a = Tensor.param(Nd4j.createFromArray(1.0));
        OdeSolution full = Odeint.of((t, y) -> y.mul(a).neg()).tolerances(1e-7, 1e-7).adjoint()
                .adjointParams(List.of(a)).solve(Tensor.param(Nd4j.createFromArray(1.0)), 0, 1);
        full.last().sum().backward();
        Tensor b = Tensor.param(Nd4j.createFromArray(1.0));
        OdeSolution semi = Odeint.of((t, y) -> y.mul(b).neg()).tolerances(1e-7, 1e-7).adjoint().adjointSeminorm(true)
                .adjointParams(List.of(b)).solve(Tensor.param(Nd4j.createFromArray(1.0)), 0, 1);
        semi.last().sum().backward();
        assertEquals(44, full.stats().nfeForward());
        assertEquals(50, full.stats().nfeBackward());
        assertEquals(44, semi.stats().nfeBackward());
        assertEquals(-Math.exp(-1), b.grad().getDouble(), 1e-6);
    }
}
