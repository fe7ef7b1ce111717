package io.principia.examples.rnn;

import io.principia.core.nn.Module;
import io.principia.core.util.Rng;
import io.principia.recurrent.AdamLstmCell;
import io.principia.recurrent.Cell;
import io.principia.recurrent.Coefficient;
import io.principia.recurrent.GruCell;
import io.principia.recurrent.LstmCell;
import io.principia.recurrent.MomentumLstmCell;
import io.principia.recurrent.MomentumRnnCell;
import io.principia.recurrent.NesterovLstmCell;
import io.principia.recurrent.Recurrent;
import io.principia.recurrent.RmsPropLstmCell;
import io.principia.recurrent.RnnCell;

import java.util.Arrays;
import java.util.Locale;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The cells {@code seq-image} and {@code rnn-compare} can train, by their command-line names, with
 * the per-model μ, s, β and restart period of the official MNIST / PMNIST recipes (spec §1.7):
 *
 * <pre>
 *   MNIST:  MLSTM μ .6 s .6;  ALSTM μ .6 s .6 β .1;   RLSTM s .6 β .9;   SRLSTM s 1.0 R 2
 *   PMNIST: MLSTM μ .6 s 1.0; ALSTM μ .6 s 1.0 β .01; RLSTM s 1.0 β .01; SRLSTM s .9 R 40
 * </pre>
 * The momentum RNN takes the MomentumLSTM values; RNN and GRU have no coefficients.
 */
public enum CellKind {
    LSTM("lstm", "LSTM"),
    MOMENTUM_LSTM("momentum-lstm", "MomentumLSTM"),
    ADAM_LSTM("adam-lstm", "AdamLSTM"),
    RMSPROP_LSTM("rmsprop-lstm", "RMSPropLSTM"),
    SR_LSTM("sr-lstm", "SRLSTM"),
    RNN("rnn", "RNN"),
    GRU("gru", "GRU"),
    MOMENTUM_RNN("momentum-rnn", "MomentumRNN");

    /** Which recipe's coefficients: pixel MNIST (also row mode and Fashion-MNIST) or permuted MNIST. */
    public enum Recipe { MNIST, PMNIST }

    /** The cell coefficients of one run; NaN / 0 in an override means "the recipe's". */
    public record Coefficients(double mu, double s, double beta, int restart) {
        public Coefficients overriddenBy(Double mu, Double s, Double beta, Integer restart) {
            return new Coefficients(mu != null ? mu : this.mu, s != null ? s : this.s, beta != null ? beta : this.beta,
                    restart != null ? restart : this.restart);
        }
    }

    public final String cliName;
    public final String displayName;

    CellKind(String cliName, String displayName) {
        this.cliName = cliName;
        this.displayName = displayName;
    }

    /** The cell named {@code name} on the command line ({@code lstm}, {@code momentum-lstm}, ...). */
    public static CellKind parse(String name) {
        for (CellKind k : values()) {
            if (k.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("--cell: unknown cell '" + name + "'; expected one of "
                + Arrays.stream(values()).map(k -> k.cliName).toList());
    }

    /** μ, s, β and restart period of this cell in {@code recipe} (spec §1.7). */
    public Coefficients recipe(Recipe recipe) {
        boolean p = recipe == Recipe.PMNIST;
        return switch (this) {
            case MOMENTUM_LSTM, MOMENTUM_RNN -> new Coefficients(0.6, p ? 1.0 : 0.6, Double.NaN, 0);
            case ADAM_LSTM -> new Coefficients(0.6, p ? 1.0 : 0.6, p ? 0.01 : 0.1, 0);
            case RMSPROP_LSTM -> new Coefficients(0.0, p ? 1.0 : 0.6, p ? 0.01 : 0.9, 0);
            case SR_LSTM -> new Coefficients(Double.NaN, p ? 0.9 : 1.0, Double.NaN, p ? 40 : 2);
            case LSTM, RNN, GRU -> new Coefficients(Double.NaN, Double.NaN, Double.NaN, 0);
        };
    }

    /** The cell wrapped in a {@link Recurrent} runner; LSTM-family cells use the official init, RNN/GRU PyTorch's. */
    public Recurrent build(int inputSize, int hidden, Coefficients c, Rng rng, DataType dtype) {
        return switch (this) {
            case LSTM -> run(new LstmCell(inputSize, hidden, rng, dtype));
            case MOMENTUM_LSTM -> run(new MomentumLstmCell(inputSize, hidden, Coefficient.fixed(c.mu()), Coefficient.fixed(c.s()), rng, dtype));
            case ADAM_LSTM -> run(new AdamLstmCell(inputSize, hidden, Coefficient.fixed(c.mu()), Coefficient.fixed(c.s()), c.beta(),
                    AdamLstmCell.DEFAULT_EPSILON, rng, dtype));
            case RMSPROP_LSTM -> run(new RmsPropLstmCell(inputSize, hidden, Coefficient.fixed(c.s()), c.beta(),
                    AdamLstmCell.DEFAULT_EPSILON, rng, dtype));
            case SR_LSTM -> run(new NesterovLstmCell(inputSize, hidden, Coefficient.fixed(c.s()), c.restart(), rng, dtype));
            case RNN -> run(new RnnCell(inputSize, hidden, rng, dtype));
            case GRU -> run(new GruCell(inputSize, hidden, rng, dtype));
            case MOMENTUM_RNN -> run(new MomentumRnnCell(inputSize, hidden, Coefficient.fixed(c.mu()), Coefficient.fixed(c.s()), rng, dtype));
        };
    }

    /** "μ 0.6, s 0.6" etc.: the coefficients this cell uses, for logs and tables. */
    public String describe(Coefficients c) {
        return switch (this) {
            case MOMENTUM_LSTM, MOMENTUM_RNN -> String.format(Locale.ROOT, "mu %.3g, s %.3g", c.mu(), c.s());
            case ADAM_LSTM -> String.format(Locale.ROOT, "mu %.3g, s %.3g, beta %.3g", c.mu(), c.s(), c.beta());
            case RMSPROP_LSTM -> String.format(Locale.ROOT, "s %.3g, beta %.3g", c.s(), c.beta());
            case SR_LSTM -> String.format(Locale.ROOT, "s %.3g, restart %d", c.s(), c.restart());
            case LSTM, RNN, GRU -> "-";
        };
    }

    private static <C extends Module & Cell> Recurrent run(C cell) {
        return new Recurrent(cell);
    }
}
