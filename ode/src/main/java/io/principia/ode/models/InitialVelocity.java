package io.principia.ode.models;

import io.principia.core.nn.Conv2d;
import io.principia.core.nn.Layer;
import io.principia.core.ops.Slicing;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The second-order image models' initial state (the papers' {@code hbnode_initial_velocity}, spec
 * rnn_ode.md 3.2): x [B, in, H, W] -> [B, 2, dim, H, W] with
 *
 * <pre>  z(t0) = reshape([x, conv1x1(lrelu(conv3x3(lrelu(conv1x1(x)))))])     lrelu = LeakyReLU(0.3)</pre>
 *
 * the learned part having 2·dim - in channels: h(t0) = [x, the first dim - in learned channels],
 * the velocity = the remaining dim channels.
 */
public final class InitialVelocity extends Layer {
    private static final double SLOPE = 0.3;
    private final Conv2d conv1;
    private final Conv2d conv2;
    private final Conv2d conv3;
    private final int inChannels;
    private final int dim;

    public InitialVelocity(int inChannels, int dim, int nhid, Rng rng, DataType dtype) {
        if (dim < inChannels) {
            throw new IllegalArgumentException("InitialVelocity: dim (" + dim + ") must be at least the input channels (" + inChannels + ")");
        }
        this.inChannels = inChannels;
        this.dim = dim;
        this.conv1 = registerModule("conv1", new Conv2d(inChannels, nhid, 1, 1, 0, 1, true, rng, dtype));
        this.conv2 = registerModule("conv2", new Conv2d(nhid, nhid, 3, 1, 1, 1, true, rng, dtype));
        this.conv3 = registerModule("conv3", new Conv2d(nhid, 2 * dim - inChannels, 1, 1, 0, 1, true, rng, dtype));
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.size(1) != inChannels) {
            throw new IllegalArgumentException("InitialVelocity: expected [B, " + inChannels + ", H, W], got shape "
                    + java.util.Arrays.toString(x.shape()));
        }
        Tensor y = leakyRelu(conv1.forward(x));                   // [B, nhid, H, W]
        y = leakyRelu(conv2.forward(y));                          // [B, nhid, H, W]
        Tensor learned = conv3.forward(y);                        // [B, 2·dim - in, H, W]
        Tensor joined = Slicing.concat(1, x, learned);            // [B, 2·dim, H, W]
        return joined.reshape(x.size(0), 2, dim, x.size(2), x.size(3)); // [B, 2, dim, H, W]
    }

    /** LeakyReLU with slope 0.3: 0.3 x + 0.7 relu(x). */
    private static Tensor leakyRelu(Tensor x) {
        return x.mul(SLOPE).add(x.relu().mul(1 - SLOPE));
    }
}
