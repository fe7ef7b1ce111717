package io.principia.ode.models;

import io.principia.core.ops.Slicing;
import io.principia.core.tensor.Tensor;

import java.util.Arrays;

/**
 * The state layout of second-order models: [B, 2, *feat], channel 0 the position and channel 1
 * the velocity-like variable (spec rnn_ode.md 6).
 */
public final class StackedState {
    private StackedState() {}

    /** Throws unless z has rank at least 2 and size 2 on axis 1. */
    public static void check(String model, Tensor z) {
        long[] s = z.shape();
        if (s.length < 2 || s[1] != 2) {
            throw new IllegalArgumentException(model + ": expected a stacked state [B, 2, *feat] (channel 0 = position, "
                    + "channel 1 = velocity), got shape " + Arrays.toString(s));
        }
    }

    /** Channel 0: [B, 2, *feat] -> [B, *feat]. */
    public static Tensor position(Tensor z) {
        return z.slice(1, 0, 1).squeeze(1);
    }

    /** Channel 1: [B, 2, *feat] -> [B, *feat]. */
    public static Tensor velocity(Tensor z) {
        return z.slice(1, 1, 2).squeeze(1);
    }

    /** [B, *feat] twice -> [B, 2, *feat]. */
    public static Tensor of(Tensor position, Tensor velocity) {
        return Slicing.stack(1, position, velocity);
    }
}
