package io.principia.ode.models;

import io.principia.core.tensor.Tensor;

import java.util.Arrays;

/**
 * SONODE (Norcliffe, Bodnar, Day, Simidjievski and Liò, 2020): {@code y'' = f(t, y, y')} as the
 * first-order system on z = [y, y'] of shape [B, 2, *feat],
 *
 * <pre>  dz/dt = [y', f(t, [y, y'])]</pre>
 *
 * f sees both channels joined along the first feature axis, [B, 2·f0, *rest] (the image model's
 * 2·dim input channels), and returns [B, f0, *rest].
 */
public final class SonodeField extends NeuralField {
    private final Dynamics df;

    public SonodeField(Dynamics df) {
        this.df = registerModule("df", df);
    }

    @Override
    protected Tensor derivative(double t, Tensor z) {
        StackedState.check("SONODE", z);
        long[] s = z.shape();
        long[] joined = new long[Math.max(2, s.length - 1)];
        joined[0] = s[0];
        joined[1] = s.length > 2 ? 2 * s[2] : 2;
        if (s.length > 3) {
            System.arraycopy(s, 3, joined, 2, s.length - 3);
        }
        Tensor acc = df.forward(t, z.reshape(joined)); // [B, 2·f0, *rest] -> [B, f0, *rest]
        Tensor v = StackedState.velocity(z);
        if (!Arrays.equals(acc.shape(), v.shape())) {
            throw new IllegalArgumentException("SONODE: f returned shape " + Arrays.toString(acc.shape())
                    + " but the velocity has shape " + Arrays.toString(v.shape()));
        }
        return StackedState.of(v, acc);
    }

    @Override
    public String toString() {
        return "SONODE(" + df + ")";
    }
}
