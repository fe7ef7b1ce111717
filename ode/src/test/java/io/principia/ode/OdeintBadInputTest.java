package io.principia.ode;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Every way to call the solver wrongly gets an error that names the problem. */
class OdeintBadInputTest {
    private static final VectorField DECAY = (t, y) -> y.neg();

    private static Tensor y0() {
        return Tensor.of(Nd4j.createFromArray(1.0, 2.0));
    }

    private static void assertMessage(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' should mention '" + p + "'");
        }
    }

    @Test
    void duplicateTimes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Odeint.of(DECAY).solve(y0(), 0, 0.5, 0.5, 1));
        assertMessage(e, "duplicate time 0.5", "positions 1 and 2");
    }

    @Test
    void nonMonotoneTimes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Odeint.of(DECAY).solve(y0(), 0, 1, 0.5));
        assertMessage(e, "not monotone at position 2");
    }

    @Test
    void tooFewOrNonFiniteTimes() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Odeint.of(DECAY).solve(y0(), 0)), "at least two times");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Odeint.of(DECAY).solve(y0(), 0, Double.NaN)), "finite");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Odeint.of(DECAY).solve(y0(), Tensor.of(Nd4j.createFromArray(new double[][] {{0, 1}})))), "1-D");
    }

    @Test
    void tolerancesMustBePositive() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Odeint.of(DECAY).rtol(0)), "rtol", "positive");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Odeint.of(DECAY).atol(-1e-6)), "atol", "positive");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Odeint.of(DECAY).adjointTolerances(1e-5, 0)), "adjoint atol");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Odeint.of(DECAY).stepSize(0)), "stepSize");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Odeint.of(DECAY).maxSteps(0)), "maxSteps");
    }

    @Test
    void fieldReturningTheWrongShape() {
        VectorField wrong = (t, y) -> y.sum();
        var e = assertThrows(IllegalArgumentException.class, () -> Odeint.of(wrong).solve(y0(), 0, 1));
        assertMessage(e, "returned", "[2]", "state's shape");
    }

    @Test
    void stateShapeTheFieldCannotTake() {
        Tensor w = Tensor.of(Nd4j.eye(3).castTo(DataType.DOUBLE));
        VectorField linear3 = (t, y) -> y.reshape(1, -1).matmul(w).reshape(y.shape());
        var e = assertThrows(IllegalArgumentException.class, () -> Odeint.of(linear3).solve(y0(), 0, 1));
        assertMessage(e, "vector field failed at t = 0.0", "[2]");
    }

    @Test
    void nanFromTheField() {
        VectorField nan = (t, y) -> t > 0.3 ? y.mul(Tensor.scalar(Double.NaN, DataType.DOUBLE)) : y.neg();
        var e = assertThrows(SolverException.class, () -> Odeint.of(nan).tolerances(1e-5, 1e-5).solve(y0(), 0, 1));
        assertMessage(e, "NaN", "t = ");
        var fixed = assertThrows(SolverException.class, () -> Odeint.of(nan).method(Method.RK4).stepSize(0.1).solve(y0(), 0, 1));
        assertMessage(fixed, "non-finite", "t = ");
    }

    @Test
    void maxStepsNamesTimeAndStep() {
        var e = assertThrows(SolverException.class, () -> Odeint.of(DECAY).maxSteps(3).solve(y0(), 0, 10));
        assertMessage(e, "limit of 3 steps", "at t = ", "step ");
    }

    @Test
    void stepSizeUnderflow() {
        var e = assertThrows(SolverException.class, () -> Odeint.of(DECAY).firstStep(1e-300).solve(y0(), 1, 2));
        assertMessage(e, "underflow", "t = 1.0");
    }

    @Test
    void integerStateIsRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Odeint.of(DECAY).solve(Tensor.of(Nd4j.createFromArray(1, 2)), 0, 1));
        assertMessage(e, "floating-point");
    }

    @Test
    void unknownMethodListsTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Method.parse("rk45"));
        assertMessage(e, "rk45", "dopri5", "bosh3");
    }
}
