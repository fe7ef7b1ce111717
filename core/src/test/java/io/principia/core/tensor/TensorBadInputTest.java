package io.principia.core.tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Bad input to tensor construction gets an IllegalArgumentException naming the problem. */
class TensorBadInputTest {
    @Test
    void integerTensorCannotRequireGrad() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.param(Nd4j.ones(DataType.INT, 2, 2)));
        assertTrue(e.getMessage().contains("floating-point") && e.getMessage().contains("INT"), e.getMessage());
        Tensor t = Tensor.of(Nd4j.ones(DataType.LONG, 2));
        e = assertThrows(IllegalArgumentException.class, () -> t.requiresGrad(true));
        assertTrue(e.getMessage().contains("LONG"), e.getMessage());
    }

    @Test
    void valuesThatDoNotFillTheShape() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[] {1, 2, 3}, 2, 2));
        assertTrue(e.getMessage().contains("3 values") && e.getMessage().contains("[2, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[] {1, 2, 3, 4}, -1, 4));
        assertTrue(e.getMessage().contains("[-1, 4]"), e.getMessage());
    }
}
