package io.principia.ode.models;

import io.principia.core.nn.Layer;
import io.principia.core.nn.Linear;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The neural-ODE image classifiers of the HBNODE and NesterovNODE papers (spec rnn_ode.md 3.2):
 * {@code Sequential(initial state, OdeBlock, prediction)}.
 *
 * <ul>
 *   <li>initial state: NODE / ANODE pad x with zero channels to [B, dim, H, W]; the second-order
 *   models use {@link InitialVelocity} ([B, 2, dim, H, W]).</li>
 *   <li>f: {@link ConvDynamics} on h (dim -> dim channels), or on [h, h'] for SONODE (2·dim -> dim).</li>
 *   <li>prediction: flatten h only (channel 0 of a stacked state), Linear(dim·H·W -> classes).</li>
 * </ul>
 *
 * Input: flat images [B, in·H·W] or [B, in, H, W]; output logits [B, classes].
 */
public final class ImageOdeClassifier extends Layer {
    private final ImageModel kind;
    private final int inChannels;
    private final int height;
    private final int width;
    private final int dim;
    private final InitialVelocity initial;
    private final OdeBlock block;
    private final Linear prediction;

    /** Sizes of one model. */
    public record Sizes(int inChannels, int height, int width, int dim, int nhid, int classes) {
        public Sizes {
            if (inChannels < 1 || height < 1 || width < 1 || dim < inChannels || nhid < 1 || classes < 2) {
                throw new IllegalArgumentException("ImageOdeClassifier: need in, H, W, nhid >= 1, dim >= in and classes >= 2, got in "
                        + inChannels + ", H " + height + ", W " + width + ", dim " + dim + ", nhid " + nhid + ", classes " + classes);
            }
        }

        /** The MNIST sizes of spec 3.2 for 28x28 grey images and 10 classes. */
        public static Sizes mnist(ImageModel kind) {
            return new Sizes(1, 28, 28, kind.mnistDim, kind.mnistHidden, 10);
        }
    }

    public ImageOdeClassifier(ImageModel kind, Sizes s, double t0, double t1, SolverConfig solver, Rng rng, DataType dtype) {
        this.kind = kind;
        this.inChannels = s.inChannels();
        this.height = s.height();
        this.width = s.width();
        this.dim = s.dim();
        this.initial = kind.secondOrder() ? registerModule("initial", new InitialVelocity(s.inChannels(), s.dim(), s.nhid(), rng, dtype)) : null;
        int fIn = kind == ImageModel.SONODE ? 2 * s.dim() : s.dim();
        ConvDynamics df = new ConvDynamics(fIn, s.nhid(), s.dim(), rng, dtype);
        NeuralField field = switch (kind) {
            case NODE, ANODE -> new NodeField(df);
            case SONODE -> new SonodeField(df);
            case HBNODE -> HeavyBallField.builder(df).dtype(dtype).build();
            case GHBNODE -> HeavyBallField.builder(df).gate(Gate.tanh()).corr(2.0, true).dtype(dtype).build();
            case NESTEROV -> NesterovNode.builder(df).dtype(dtype).build();
            case GNESTEROV -> NesterovNode.builder(df).gate(Gate.tanh()).corr(2.0, true).dtype(dtype).build();
        };
        this.block = registerModule("ode", new OdeBlock(field, t0, t1, solver));
        this.prediction = registerModule("prediction", new Linear(s.dim() * s.height() * s.width(), s.classes(), true, rng, dtype));
    }

    @Override
    public Tensor forward(Tensor x) {
        long b = x.size(0);
        if (x.rank() == 2 && x.size(1) == (long) inChannels * height * width) {
            x = x.reshape(b, inChannels, height, width); // [B, in, H, W]
        } else if (x.rank() != 4 || x.size(1) != inChannels || x.size(2) != height || x.size(3) != width) {
            throw new IllegalArgumentException(kind.displayName + ": expected images [B, " + inChannels * height * width + "] or [B, "
                    + inChannels + ", " + height + ", " + width + "], got shape " + Arrays.toString(x.shape()));
        }
        Tensor z0 = initial != null ? initial.forward(x) : NodeField.padChannels(x, dim);
        Tensor z1 = block.forward(z0);
        Tensor h = initial != null ? StackedState.position(z1) : z1; // [B, dim, H, W]
        return prediction.forward(h.reshape(b, (long) dim * height * width)); // [B, classes]
    }

    public OdeBlock block() { return block; }

    public ImageModel kind() { return kind; }
}
