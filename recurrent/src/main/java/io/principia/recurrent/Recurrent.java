package io.principia.recurrent;

import io.principia.core.nn.Module;
import io.principia.core.ops.Arithmetic;
import io.principia.core.ops.Slicing;
import io.principia.core.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Unrolls any {@link Cell} over a batch of sequences.
 *
 * <pre>
 *   xp = cell.project(x)            one linear for all steps: [T·B, F] x [F, P]
 *   for t = 1..T:  s_t = m_t ? cell.step(xp_t, s_{t−1}) : s_{t−1}
 * </pre>
 * Shapes: x [B, T, F]; optional mask [B, T] of 0/1 (1 = a real step; masked steps keep the previous
 * state, so a right-padded sequence ends in the state of its last real step); optional initial
 * state (default zeros). The {@link Result} holds the last hidden state [B, H], all hidden states
 * [B, T, H] (zero at masked steps, built on request) and the final {@link State}; pass
 * {@code result.state().detach()} to the next call for truncated backpropagation through time.
 *
 * <p>The cell is registered as the submodule {@code cell}.
 */
public class Recurrent extends Module {
    private final Cell cell;
    private boolean fused = Boolean.parseBoolean(System.getProperty("principia.recurrent.fused", "true"));

    public <C extends Module & Cell> Recurrent(C cell) {
        this.cell = registerModule("cell", cell);
    }

    public Cell cell() { return cell; }

    /**
     * Whether float32 LSTM and MomentumLSTM unrolls without a mask run as one fused op
     * ({@link LstmSequence}; default on, or the system property {@code principia.recurrent.fused}).
     * Off, every step runs through the cell's own ops, as for every other cell.
     */
    public Recurrent useFusedKernel(boolean on) {
        this.fused = on;
        return this;
    }

    /** Runs the whole sequence from a zero state. */
    public Result forward(Tensor x) {
        return forward(x, null, null);
    }

    /**
     * Runs x [B, T, F] from {@code initial} (null: zeros) under {@code mask} [B, T] (null: every
     * step is real). See {@link Masks#fromLengths} to build a mask from sequence lengths.
     */
    public Result forward(Tensor x, Tensor mask, State initial) {
        long[] xs = x.shape();
        if (xs.length != 3 || xs[2] != cell.inputSize()) {
            throw new IllegalArgumentException("Recurrent: input must be [B, T, F] with F = " + cell.inputSize()
                    + " (expected [B, T, " + cell.inputSize() + "]), got " + Arrays.toString(xs));
        }
        long batch = xs[0], steps = xs[1];
        if (batch < 1 || steps < 1) {
            throw new IllegalArgumentException("Recurrent: input " + Arrays.toString(xs) + " has no batch rows or no time steps");
        }
        double[][] m = mask == null ? null : Masks.check(mask, batch, steps);
        State state = initial == null ? cell.initialState(batch, x.dtype()) : checkState(initial, batch);

        if (m == null && fused && x.dtype() == DataType.FLOAT && cell instanceof LstmCell lstm && lstm.hasSequenceKernel()
                && lstm.x2h.weight.dtype() == DataType.FLOAT && lstm.h2h.weight.dtype() == DataType.FLOAT
                && LstmSequence.fits(steps, batch, cell.hiddenSize(), cell.inputSize())) {
            LstmSequence.Output o = lstm.sequence(x, state);      // hidden [T, B, H]
            Tensor last = o.hidden().slice(0, steps - 1, steps).squeeze(0); // [B, H]
            return new Result(o.hidden(), new State(last, o.c(), o.v(), null, state.k()));
        }
        Tensor xp = cell.project(x.permute(1, 0, 2));            // [T, B, F] -> [T, B, P]
        Tensor[] inputs = TimeSteps.unbind(xp);                  // T x [B, P]
        List<Tensor> hs = new ArrayList<>((int) steps);
        for (int t = 0; t < steps; t++) {
            State next = cell.step(inputs[t], state);
            if (m == null || m[t] == null) {                     // every row real at step t
                state = next;
            } else if (m[t].length == 0) {                       // every row masked: keep the state
                state = new State(state.h(), state.c(), state.v(), state.r(), next.k());
            } else {
                INDArray col = Nd4j.create(m[t], new long[] {batch, 1}, 'c').castTo(x.dtype()); // [B, 1]
                State old = state;
                state = next.zip(old, (n, o) -> MaskBlend.apply(col, n, o));
            }
            hs.add(state.h());
        }
        return new Result(hs, state, mask);
    }

    private State checkState(State s, long batch) {
        if (s.batchSize() != batch || s.h().size(1) != cell.hiddenSize()) {
            throw new IllegalArgumentException("Recurrent: initial state h has shape " + Arrays.toString(s.h().shape())
                    + " but the input needs [" + batch + ", " + cell.hiddenSize() + "]");
        }
        return s;
    }

    /** What one call returns. */
    public static final class Result {
        private final List<Tensor> hs;
        private final Tensor stacked; // [T, B, H] from the fused kernel, or null
        private final State state;
        private final Tensor mask;
        private Tensor all;

        Result(List<Tensor> hs, State state, Tensor mask) {
            this.hs = hs;
            this.stacked = null;
            this.state = state;
            this.mask = mask;
        }

        Result(Tensor stacked, State state) {
            this.hs = null;
            this.stacked = stacked;
            this.state = state;
            this.mask = null;
        }

        /** h after the last step [B, H]; with a mask, each row's h after its last real step. */
        public Tensor last() {
            return state.h();
        }

        /** Every step's hidden state, [B, T, H]; zero at masked steps. Built on the first call. */
        public Tensor all() {
            if (all == null && this.stacked != null) {
                all = this.stacked.permute(1, 0, 2);                             // [T, B, H] -> [B, T, H]
            }
            if (all == null) {
                Tensor stacked = Slicing.stack(1, hs.toArray(new Tensor[0]));   // [B, T, H]
                all = mask == null ? stacked
                        : Arithmetic.mul(stacked, Tensor.of(mask.data().castTo(stacked.dtype()).reshape(mask.size(0), mask.size(1), 1)));
            }
            return all;
        }

        /** The final state; {@code state().detach()} starts the next truncated-BPTT segment. */
        public State state() {
            return state;
        }
    }

    @Override
    public String toString() {
        return "Recurrent(" + cell + ")";
    }
}
