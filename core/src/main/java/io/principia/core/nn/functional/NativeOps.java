package io.principia.core.nn.functional;

import io.principia.core.tensor.Tensor;

import java.util.Arrays;
import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** Small helpers shared by the functional ops: running a libnd4j custom op and checking arguments. */
final class NativeOps {
    private NativeOps() {}

    /** Runs the libnd4j custom op {@code name} on the non-null inputs and returns its outputs. */
    static INDArray[] exec(String name, int[] iArgs, INDArray... inputs) {
        INDArray[] given = Arrays.stream(inputs).filter(Objects::nonNull).toArray(INDArray[]::new);
        return Nd4j.exec(DynamicCustomOp.builder(name).addInputs(given).addIntegerArguments(iArgs).build());
    }

    /** Every non-null tensor has the data type of the first one. */
    static void checkDtypes(String op, Tensor... ts) {
        Tensor first = ts[0];
        for (Tensor t : ts) {
            if (t != null && t.dtype() != first.dtype()) {
                throw new IllegalArgumentException(op + ": data types differ (" + first.dtype() + " vs " + t.dtype()
                        + "); cast one with castTo()");
            }
        }
    }

    /** Checks an (H, W) pair of hyper-parameters: length 2 and each at least {@code min}. */
    static int[] pair(String op, String what, int[] v, int min) {
        if (v == null || v.length != 2) {
            throw new IllegalArgumentException(op + ": " + what + " needs two values (H, W), got " + Arrays.toString(v));
        }
        if (v[0] < min || v[1] < min) {
            throw new IllegalArgumentException(op + ": " + what + " must be >= " + min + ", got " + Arrays.toString(v));
        }
        return v;
    }

    static void checkRank4(String op, String what, Tensor t, String layout) {
        if (t.rank() != 4) {
            throw new IllegalArgumentException(op + ": " + what + " must be 4-d " + layout + ", got shape "
                    + Arrays.toString(t.shape()));
        }
    }
}
