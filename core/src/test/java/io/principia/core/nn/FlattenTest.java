package io.principia.core.nn;

import static io.principia.core.testing.GradCheck.randomInput;
import static io.principia.core.testing.TestArrays.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;

import org.junit.jupiter.api.Test;

class FlattenTest {

    @Test
    void mergesAxesKeepingRowMajorOrder() {
        Tensor x = randomInput(1, 2, 3, 4, 5);
        Tensor y = new Flatten().forward(x);
        assertArrayEquals(new long[] {2, 60}, y.shape());
        assertArrayEquals(values(x.data()), values(y.data()));
        assertArrayEquals(new long[] {2, 12, 5}, new Flatten(1, 2).forward(x).shape());
        assertArrayEquals(new long[] {120}, new Flatten(0, -1).forward(x).shape());
        GradCheck.check(t -> new Flatten().forward(t[0]), x);
    }

    @Test
    void badAxesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Flatten(2, 1).forward(randomInput(2, 2, 3, 4)));
        assertTrue(e.getMessage().contains("Flatten") && e.getMessage().contains("[2, 3, 4]"), e.getMessage());
    }
}
