package io.principia.ode.models;

import io.principia.core.tensor.Tensor;

/**
 * NODE (Chen, Rubanova, Bettencourt and Duvenaud, NeurIPS 2018): {@code dz/dt = f(t, z)}.
 * ANODE (Dupont, Doucet and Teh, NeurIPS 2019) is the same field on a state padded with zero
 * channels, see {@link #padChannels}.
 */
public final class NodeField extends NeuralField {
    private final Dynamics df;

    public NodeField(Dynamics df) {
        this.df = registerModule("df", df);
    }

    @Override
    protected Tensor derivative(double t, Tensor z) {
        return df.forward(t, z);
    }

    /**
     * ANODE's augmentation: x [B, c, *rest] padded with zeros to [B, channels, *rest] along axis 1.
     * {@code channels} must be at least c.
     */
    public static Tensor padChannels(Tensor x, int channels) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("padChannels: expected [B, C, ...], got rank " + x.rank());
        }
        long c = x.size(1);
        if (channels < c) {
            throw new IllegalArgumentException("padChannels: cannot pad " + c + " channels down to " + channels);
        }
        if (channels == c) {
            return x;
        }
        long[] shape = x.shape().clone();
        shape[1] = channels - c;
        return io.principia.core.ops.Slicing.concat(1, x, Tensor.zeros(x.dtype(), shape)); // [B, channels, *rest]
    }

    @Override
    public String toString() {
        return "NODE(" + df + ")";
    }
}
