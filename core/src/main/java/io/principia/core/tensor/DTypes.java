package io.principia.core.tensor;

import java.util.Arrays;

/** Data-type checks shared by ops, so an integer tensor fed to a float op gets an error naming the op. */
public final class DTypes {
    private DTypes() {}

    /**
     * Fails unless {@code x} holds floating-point values: exp, log, softmax, mean, losses and
     * gradients have no integer meaning (an integer mean would silently truncate).
     */
    public static void requireFloating(String op, Tensor x) {
        if (!x.dtype().isFPType()) {
            throw new IllegalArgumentException(op + ": needs a floating-point tensor, got " + x.dtype() + " of shape "
                    + Arrays.toString(x.shape()) + "; cast it first, e.g. x.castTo(DataType.FLOAT)");
        }
    }

    /** Fails if {@code x} has no elements; {@code what} names the op and the operand. */
    public static void requireNonEmpty(String what, Tensor x) {
        if (x.length() == 0) {
            throw new IllegalArgumentException(what + ": empty tensor of shape " + Arrays.toString(x.shape()));
        }
    }
}
