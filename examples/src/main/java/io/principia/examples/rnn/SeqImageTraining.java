package io.principia.examples.rnn;

import io.principia.core.data.DataLoader;
import io.principia.core.optim.RmsProp;
import io.principia.core.train.Callback;
import io.principia.core.train.FitResult;
import io.principia.core.train.Trainer;
import io.principia.core.util.Rng;
import io.principia.core.util.Seed;
import io.principia.examples.cli.Launcher;
import io.principia.examples.common.ClassifierTask;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * One sequential-image training run with the official MNIST recipe (spec §1.7): RMSprop(lr, α),
 * gradient clipping to global norm {@code clip} through the Trainer, cross-entropy on the last
 * hidden state. The test set is the Trainer's validation source, so {@code val_loss} and
 * {@code val_accuracy} in the history and metrics.csv are test-set numbers after every epoch, which
 * is what the official script reports (best test accuracy over epochs).
 */
public final class SeqImageTraining {
    private SeqImageTraining() {}

    /** Every setting of one run. */
    public record Config(CellKind cell, CellKind.Coefficients coefficients, SeqImageData.Mode mode, int hidden, int epochs,
                         int batchSize, double lr, double alpha, double clip, long seed) {
        public Config {
            if (hidden < 1 || epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException("need --hidden, --epochs and --batch-size >= 1, got hidden " + hidden
                        + ", epochs " + epochs + ", batch size " + batchSize);
            }
            if (!(lr > 0) || !(alpha >= 0 && alpha < 1) || !(clip >= 0)) {
                throw new IllegalArgumentException("need --lr > 0, --alpha in [0, 1), --clip >= 0 (0: off), got lr " + lr
                        + ", alpha " + alpha + ", clip " + clip);
            }
        }

        public Config withCell(CellKind kind, CellKind.Coefficients c) {
            return new Config(kind, c, mode, hidden, epochs, batchSize, lr, alpha, clip, seed);
        }
    }

    /** What a run leaves: the fit, and the Trainer and task for a final test pass. */
    public record Run(FitResult fit, Trainer trainer, ClassifierTask task, SequenceClassifier model) {}

    /** Builds the model (seeded), the optimizer and a Trainer writing into {@code runDir}, and fits. */
    public static Run fit(Config c, SeqImageData.Data data, Path runDir, Path resume, Map<String, Object> extraHparams,
                          Callback... callbacks) {
        Seed.everything(c.seed());
        SequenceClassifier model = new SequenceClassifier(
                c.cell().build(c.mode().features, c.hidden(), c.coefficients(), new Rng(c.seed()), DataType.FLOAT),
                c.mode().steps, c.mode().features, 10, new Rng(c.seed() + 1), DataType.FLOAT);
        RmsProp optimizer = new RmsProp(model.namedParameters(), c.lr(), c.alpha(), 1e-8, 0, 0, false);
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("cell", c.cell().cliName);
        hp.put("cell_coefficients", c.cell().describe(c.coefficients()));
        hp.put("mode", c.mode().cliName());
        hp.put("steps", c.mode().steps);
        hp.put("features", c.mode().features);
        hp.put("hidden", c.hidden());
        hp.put("optimizer", "RMSprop(lr " + c.lr() + ", alpha " + c.alpha() + ")");
        hp.put("clip_grad_norm", c.clip());
        hp.put("batch_size", c.batchSize());
        hp.put("epochs", c.epochs());
        hp.put("data", data.origin());
        hp.put("train_examples", data.train().size());
        hp.put("test_examples", data.test().size());
        hp.put("validation", "the test set (val_* = test metrics after each epoch, as the official script)");
        hp.putAll(extraHparams);
        Trainer.Builder b = Trainer.builder()
                .epochs(c.epochs())
                .optimizer(optimizer)
                .seed(c.seed())
                .runDir(runDir)
                .commandLine(Launcher.arguments())
                .resumeFrom(resume)
                .hparams(hp)
                .callbacks(callbacks);
        if (c.clip() > 0) {
            b.clipGradNorm(c.clip());
        }
        Trainer trainer = b.build();
        ClassifierTask task = new ClassifierTask(model);
        FitResult fit = trainer.fit(task,
                DataLoader.of(data.train(), c.batchSize(), true, c.seed(), false),
                DataLoader.sequential(data.test(), 500));
        return new Run(fit, trainer, task, model);
    }
}
