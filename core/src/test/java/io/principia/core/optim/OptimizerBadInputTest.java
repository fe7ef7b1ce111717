package io.principia.core.optim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Parameters an optimizer cannot update are rejected when it is built, with the parameter's name. */
class OptimizerBadInputTest {
    @Test
    void nullParameterIsNamed() {
        Map<String, Tensor> params = new HashMap<>();
        params.put("fc.weight", null);
        var e = assertThrows(IllegalArgumentException.class, () -> new Adam(params, 0.1));
        assertTrue(e.getMessage().contains("Adam") && e.getMessage().contains("'fc.weight'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sgd(null, 0.1));
        assertTrue(e.getMessage().contains("no parameters"), e.getMessage());
    }

    @Test
    void integerParameterIsNamed() {
        Map<String, Tensor> params = Map.of("steps", Tensor.of(Nd4j.zeros(DataType.INT, 2)));
        var e = assertThrows(IllegalArgumentException.class, () -> new Adam(params, 0.1));
        assertTrue(e.getMessage().contains("'steps'") && e.getMessage().contains("INT"), e.getMessage());
    }
}
