package io.principia.core.ops;

import static io.principia.core.testing.GradCheck.randomInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;

import org.junit.jupiter.api.Test;

class ArithmeticTest {

    @Test
    void broadcastAddMatchesLoops() {
        Tensor a = randomInput(1, 2, 3);
        Tensor b = randomInput(2, 3);
        Tensor y = Arithmetic.add(a, b);
        assertArrayEquals(new long[] {2, 3}, y.shape());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(a.data().getDouble(i, j) + b.data().getDouble(j), y.data().getDouble(i, j), 1e-12);
            }
        }
    }

    @Test
    void elementwiseValuesMatchLoops() {
        Tensor a = randomInput(3, 4, 1, 5);
        Tensor b = randomInput(4, 3, 5);
        double[] av = a.data().dup().data().asDouble();
        for (String op : new String[] {"sub", "mul", "div"}) {
            Tensor y = switch (op) {
                case "sub" -> Arithmetic.sub(a, b);
                case "mul" -> Arithmetic.mul(a, b);
                default -> Arithmetic.div(a, b);
            };
            assertArrayEquals(new long[] {4, 3, 5}, y.shape());
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 3; j++) {
                    for (int k = 0; k < 5; k++) {
                        double x = av[i * 5 + k], z = b.data().getDouble(j, k);
                        double expected = switch (op) {
                            case "sub" -> x - z;
                            case "mul" -> x * z;
                            default -> x / z;
                        };
                        assertEquals(expected, y.data().getDouble(i, j, k), 1e-12, op);
                    }
                }
            }
        }
    }

    @Test
    void gradientsWithBroadcasting() {
        Tensor a = randomInput(3, 4, 1, 5);
        Tensor b = randomInput(4, 3, 5);
        GradCheck.check(t -> Arithmetic.add(t[0], t[1]), a, b);
        GradCheck.check(t -> Arithmetic.sub(t[0], t[1]), a, b);
        GradCheck.check(t -> Arithmetic.mul(t[0], t[1]), a, b);
        Tensor d = Tensor.param(randomInput(5, 3, 5).data().add(4.0)); // keep away from 0
        GradCheck.check(t -> Arithmetic.div(t[0], t[1]), a, d);
    }

    @Test
    void scalarVariants() {
        Tensor a = randomInput(6, 2, 3);
        GradCheck.check(t -> Arithmetic.add(t[0], 2.5), a);
        GradCheck.check(t -> Arithmetic.mul(t[0], -1.5), a);
        GradCheck.check(t -> Arithmetic.rsub(1.0, t[0]), a);
        GradCheck.check(t -> Arithmetic.neg(t[0]), a);
        assertEquals(1.0 - a.data().getDouble(1, 2), Arithmetic.rsub(1.0, a).data().getDouble(1, 2), 1e-12);
    }

    @Test
    void powMatchesMathPow() {
        Tensor a = Tensor.param(randomInput(7, 2, 3).data().mul(0.5).add(2.0));
        Tensor y = Arithmetic.pow(a, 2.5);
        assertEquals(Math.pow(a.data().getDouble(0, 1), 2.5), y.data().getDouble(0, 1), 1e-12);
        GradCheck.check(t -> Arithmetic.pow(t[0], 2.5), a);
        GradCheck.check(t -> Arithmetic.pow(t[0], -1.0), a);
    }

    @Test
    void mismatchedShapesNameOpAndBothShapes() {
        Tensor a = randomInput(8, 2, 3);
        Tensor b = randomInput(9, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Arithmetic.mul(a, b));
        assertTrue(e.getMessage().contains("mul") && e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4]"),
                e.getMessage());
    }

    @Test
    void nanConstantsPropagate() {
        // libnd4j's scalar ops turn a NaN operand into 1e-5; the ops must not.
        Tensor a = randomInput(10, 2, 2);
        for (Tensor y : new Tensor[] {Arithmetic.mul(a, Double.NaN), Arithmetic.add(a, Double.NaN), Arithmetic.rsub(Double.NaN, a)}) {
            for (int i = 0; i < 4; i++) {
                assertTrue(Double.isNaN(y.data().getDouble(i)), y.toString());
            }
        }
    }
}
