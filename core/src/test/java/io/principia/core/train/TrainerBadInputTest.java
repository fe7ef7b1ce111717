package io.principia.core.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.io.Npy;
import io.principia.core.io.Npz;
import io.principia.core.nn.Module;
import io.principia.core.optim.Sgd;
import io.principia.core.tensor.Tensor;
import io.principia.core.train.Problems.Batch;
import io.principia.core.util.Rng;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Fits that could only train nothing, or train what is never saved, fail before the first step. */
class TrainerBadInputTest {
    @TempDir
    Path tmp;

    private static final INDArray[] DATA = Problems.blobs(3, 16);

    private static Problems.Classify task() {
        return new Problems.Classify(new Problems.Mlp(new Rng(1), 2, 4, 2), 0);
    }

    private static Trainer.Builder builder(Module model) {
        return Trainer.builder().optimizer(new Sgd(model.namedParameters(), 0.1)).progressBar(false);
    }

    private static BatchSource<Batch> data() {
        return Problems.fixed(DATA[0], DATA[1]);
    }

    @Test
    void optimizerOfAnotherModelIsRejected() {
        Problems.Classify t = task();
        Trainer trainer = builder(new Problems.Mlp(new Rng(2), 2, 4, 2)).build();
        var e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(t, data(), null));
        assertTrue(e.getMessage().contains("not parameters of the model") && e.getMessage().contains("fc1.weight"), e.getMessage());
    }

    @Test
    void emptySourcesAreRejected() {
        Problems.Classify t = task();
        var e = assertThrows(IllegalArgumentException.class, () -> builder(t.net).build().fit(t, BatchSource.of(List.of()), null));
        assertTrue(e.getMessage().contains("training source has no batches"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> builder(t.net).build().fit(t, data(), BatchSource.of(List.of())));
        assertTrue(e.getMessage().contains("validation source has no batches"), e.getMessage());
    }

    @Test
    void lossWithoutGradientIsNamed() {
        Problems.Classify real = task();
        TrainingTask<Batch> constant = new TrainingTask<>() {
            @Override
            public Module model() { return real.net; }

            @Override
            public StepResult step(Batch b, Phase phase) { return StepResult.of(Tensor.scalar(1.0), b.size()); }
        };
        var e = assertThrows(IllegalStateException.class, () -> builder(real.net).build().fit(constant, data(), null));
        assertTrue(e.getMessage().contains("training loss") && e.getMessage().contains("depends on no parameter"), e.getMessage());
    }

    @Test
    void negativeLogEveryIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder().logEvery(-1));
        assertTrue(e.getMessage().contains("logEvery") && e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void resumeWithNoEpochsLeftIsAnError() throws IOException {
        Path run = tmp.resolve("run");
        Problems.Classify first = task();
        builder(first.net).epochs(3).runDir(run).build().fit(first, data(), null);
        Path last = run.resolve("checkpoints/last.ckpt");
        byte[] before = Files.readAllBytes(run.resolve("results.json"));
        for (int epochs : new int[] {2, 3}) {
            Problems.Classify again = task();
            Trainer t = builder(again.net).epochs(epochs).runDir(run).resumeFrom(last).build();
            var e = assertThrows(IllegalArgumentException.class, () -> t.fit(again, data(), null));
            assertTrue(e.getMessage().contains("already completed 3 epoch") && e.getMessage().contains("epochs = " + epochs),
                    e.getMessage());
        }
        // the finished run's record is untouched
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(run.resolve("results.json"))));
    }

    @Test
    void checkpointWithoutEpochOrWithNonByteMetaIsNamed() throws IOException {
        Path noEpoch = tmp.resolve("no-epoch.ckpt");
        Npz.write(noEpoch, Map.of("meta", Npy.uint8("{\"format_version\": 1}".getBytes(StandardCharsets.UTF_8))));
        var e = assertThrows(IOException.class, () -> Checkpoint.load(noEpoch));
        assertTrue(e.getMessage().contains(noEpoch.toString()) && e.getMessage().contains("'epoch'"), e.getMessage());
        Path floatMeta = tmp.resolve("float-meta.ckpt");
        Npz.write(floatMeta, Map.of("meta", Nd4j.zeros(DataType.FLOAT, 3)));
        e = assertThrows(IOException.class, () -> Checkpoint.load(floatMeta));
        assertTrue(e.getMessage().contains(floatMeta.toString()) && e.getMessage().contains("FLOAT"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("run")));
    }

    @Test
    void aFinishedRunIsNeverOverwrittenByAFreshRunInTheSameDirectory() throws IOException {
        Path run = tmp.resolve("taken");
        Problems.Classify first = task();
        builder(first.net).epochs(1).runDir(run).build().fit(first, data(), null);
        byte[] before = Files.readAllBytes(run.resolve("checkpoints/last.ckpt"));
        Problems.Classify second = task();
        Trainer t = builder(second.net).epochs(1).runDir(run).build();
        var e = assertThrows(IllegalStateException.class, () -> t.fit(second, data(), null));
        assertTrue(e.getMessage().contains("already holds a run") && e.getMessage().contains("last.ckpt"), e.getMessage());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(run.resolve("checkpoints/last.ckpt"))));
    }

    @Test
    void resultsJsonSaysRunningWhileAFitIsUnderWay() throws IOException {
        Path run = tmp.resolve("live");
        Problems.Classify t = task();
        String[] seen = new String[1];
        Callback peek = new Callback() {
            @Override
            public void onEpochEnd(TrainerContext ctx, int epoch, Map<String, Double> metrics) {
                try {
                    seen[0] = Files.readString(run.resolve("results.json"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        builder(t.net).epochs(1).runDir(run).callbacks(peek).build().fit(t, data(), null);
        assertTrue(seen[0].contains("\"running\""), seen[0]);
        assertTrue(Files.readString(run.resolve("results.json")).contains("\"completed\""));
        var perms = Files.getPosixFilePermissions(run.resolve("results.json"));
        assertTrue(perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ), perms.toString());
    }

    @Test
    void negativeCollectionThresholdIsAnError() {
        var e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder().collectAfterSlowSteps(-1));
        assertTrue(e.getMessage().contains("collectAfterSlowSteps") && e.getMessage().contains("-1"), e.getMessage());
    }
}
