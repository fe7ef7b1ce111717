package io.principia.ode.models;

import io.principia.core.nn.Activation;
import io.principia.core.nn.MLP;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Small dynamics and states shared by the model tests (float64). */
final class Fields {
    private Fields() {}

    /** f(t, x) = a·x. */
    static Dynamics linear(double a) {
        return new Dynamics() {
            @Override
            public Tensor forward(double t, Tensor x) {
                return x.mul(a);
            }
        };
    }

    /** A float64 tanh MLP width -> hidden -> width with a t-dependent bias term, f = mlp(x) + 0.3 t x. */
    static Dynamics mlp(int width, int hidden, long seed) {
        MLP net = new MLP(new int[] {width, hidden, width}, Activation::tanh, 0.0, new Rng(seed), DataType.DOUBLE);
        return new Dynamics() {
            { registerModule("net", net); }

            @Override
            public Tensor forward(double t, Tensor x) {
                return net.forward(x).add(x.mul(0.3 * t));
            }
        };
    }

    /** A float64 tanh MLP in -> hidden -> out, time-independent. */
    static Dynamics mlpTo(int in, int hidden, int out, long seed) {
        return Dynamics.of(new MLP(new int[] {in, hidden, out}, Activation::tanh, 0.0, new Rng(seed), DataType.DOUBLE));
    }

    /** A float64 [B, 2, 1] state from (position, velocity) pairs. */
    static Tensor state(double... pv) {
        int b = pv.length / 2;
        return Tensor.of(Nd4j.create(pv, new long[] {b, 2, 1}, 'c'));
    }

    static double at(Tensor z, int channel) {
        return z.data().getDouble(0, channel, 0);
    }
}
