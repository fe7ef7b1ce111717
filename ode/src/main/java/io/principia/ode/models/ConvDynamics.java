package io.principia.ode.models;

import io.principia.core.nn.Conv2d;
import io.principia.core.ops.Slicing;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The image models' f (the papers' {@code DF}, spec rnn_ode.md 3.2): a constant channel holding t
 * is joined to the input of each of three convolutions,
 *
 * <pre>  f(t, x) = conv1x1([t, relu(conv3x3([t, relu(conv1x1([t, x]))]))])</pre>
 *
 * x [B, in, H, W] -> [B, out, H, W]; the 3x3 convolution pads by 1. Parameters:
 * (in+1)·nhid + nhid + 9·(nhid+1)·nhid + nhid + (nhid+1)·out + out.
 */
public final class ConvDynamics extends Dynamics {
    private final Conv2d conv1;
    private final Conv2d conv2;
    private final Conv2d conv3;
    private final int inChannels;

    public ConvDynamics(int inChannels, int nhid, int outChannels, Rng rng, DataType dtype) {
        this.inChannels = inChannels;
        this.conv1 = registerModule("conv1", new Conv2d(inChannels + 1, nhid, 1, 1, 0, 1, true, rng, dtype));
        this.conv2 = registerModule("conv2", new Conv2d(nhid + 1, nhid, 3, 1, 1, 1, true, rng, dtype));
        this.conv3 = registerModule("conv3", new Conv2d(nhid + 1, outChannels, 1, 1, 0, 1, true, rng, dtype));
    }

    @Override
    public Tensor forward(double t, Tensor x) {
        if (x.rank() != 4 || x.size(1) != inChannels) {
            throw new IllegalArgumentException("ConvDynamics: expected [B, " + inChannels + ", H, W], got shape "
                    + java.util.Arrays.toString(x.shape()));
        }
        Tensor time = Tensor.of(Nd4j.valueArrayOf(new long[] {x.size(0), 1, x.size(2), x.size(3)}, t, x.dtype())); // [B, 1, H, W]
        Tensor y = conv1.forward(Slicing.concat(1, time, x)).relu(); // [B, nhid, H, W]
        y = conv2.forward(Slicing.concat(1, time, y)).relu();         // [B, nhid, H, W]
        return conv3.forward(Slicing.concat(1, time, y));             // [B, out, H, W]
    }
}
