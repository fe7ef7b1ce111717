package io.principia.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.io.Json;
import io.principia.core.io.Npz;
import io.principia.core.nn.Module;
import io.principia.core.tensor.Tensor;
import io.principia.core.train.Problems.Batch;
import io.principia.core.train.Problems.Classify;
import io.principia.core.train.Problems.Linear;
import io.principia.core.train.Problems.Mlp;
import io.principia.core.util.Rng;
import io.principia.core.util.Seed;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TrainerTest {
    @TempDir
    Path dir;

    // ---------------------------------------------------------------- (a) it learns

    /** Least-squares regression: training reaches the closed-form optimum's mean squared error. */
    @Test
    void linearRegressionReachesTheLeastSquaresOptimum() {
        int n = 64;
        Rng rng = new Rng(3);
        double[] w = {1.0, -2.0, 0.5};
        double bias = 0.3;
        double[][] xs = new double[n][3];
        double[] ys = new double[n];
        float[] xf = new float[n * 3];
        float[] yf = new float[n];
        for (int i = 0; i < n; i++) {
            double y = bias + 0.1 * rng.nextGaussian();
            for (int j = 0; j < 3; j++) {
                xs[i][j] = (float) rng.nextGaussian();
                xf[3 * i + j] = (float) xs[i][j];
                y += w[j] * xs[i][j];
            }
            ys[i] = (float) y;
            yf[i] = (float) y;
        }
        double optimum = leastSquaresMse(xs, ys);
        INDArray x = Nd4j.create(xf, new long[] {n, 3}, 'c');
        INDArray y = Nd4j.create(yf, new long[] {n, 1}, 'c');

        Seed.everything(1);
        Linear model = new Linear(Rng.global(), 3, 1);
        TrainingTask<Batch> task = new TrainingTask<>() {
            @Override
            public Module model() { return model; }

            @Override
            public StepResult step(Batch b, Phase phase) {
                Tensor err = model.forward(b.x()).sub(b.y()); // [N, 1]
                return StepResult.of(err.mul(err).mean(), b.size());
            }
        };
        BatchSource<Batch> all = BatchSource.of(List.of(new Batch(Tensor.of(x), Tensor.of(y))));
        Trainer trainer = Trainer.builder().epochs(40).optimizer(new TestSgd(model.namedParameters(), 0.05, 0.9))
                .progressBar(false).seed(1).build();
        double before = trainer.evaluate(task, all).get("val_loss");
        FitResult r = trainer.fit(task, Problems.shuffled(x, y, 16, 11), all);
        double after = r.metrics().get("val_loss");
        assertTrue(before > 1.0, "initial loss " + before);
        assertTrue(after < optimum * 1.02 + 1e-5, "trained MSE " + after + " vs least-squares optimum " + optimum);
        assertTrue(after >= optimum * (1 - 1e-4), "no model of this class beats least squares: " + after + " < " + optimum);
        assertEquals(40, r.epochsRun());
        assertEquals(160, r.globalStep());
        List<Double> losses = r.history().stream().map(m -> m.get("train_loss")).toList();
        assertTrue(losses.get(losses.size() - 1) < losses.get(0) / 50, "train loss " + losses);
    }

    /** Mean squared residual of the least-squares fit with intercept (normal equations, Gaussian elimination). */
    private static double leastSquaresMse(double[][] x, double[] y) {
        int n = x.length, d = x[0].length + 1;
        double[][] a = new double[d][d + 1];
        for (int i = 0; i < n; i++) {
            double[] row = new double[d];
            row[0] = 1;
            System.arraycopy(x[i], 0, row, 1, d - 1);
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    a[p][q] += row[p] * row[q];
                }
                a[p][d] += row[p] * y[i];
            }
        }
        for (int c = 0; c < d; c++) {
            for (int r = c + 1; r < d; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= d; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        double[] beta = new double[d];
        for (int c = d - 1; c >= 0; c--) {
            double s = a[c][d];
            for (int k = c + 1; k < d; k++) {
                s -= a[c][k] * beta[k];
            }
            beta[c] = s / a[c][c];
        }
        double sse = 0;
        for (int i = 0; i < n; i++) {
            double p = beta[0];
            for (int j = 1; j < d; j++) {
                p += beta[j] * x[i][j - 1];
            }
            sse += (y[i] - p) * (y[i] - p);
        }
        return sse / n;
    }

    @Test
    void classificationGetsAccuracyAndF1FromNd4jEvaluation() {
        INDArray[] train = Problems.blobs(1, 96);
        INDArray[] val = Problems.blobs(2, 64);
        Seed.everything(5);
        Mlp net = new Mlp(Rng.global(), 2, 8, 2);
        Classify task = new Classify(net, 0.0);
        FitResult r = Trainer.builder().epochs(15).optimizer(new TestSgd(net.namedParameters(), 0.1, 0.9)).progressBar(false)
                .build().fit(task, Problems.shuffled(train[0], train[1], 16, 1), Problems.shuffled(val[0], val[1], 32, 2));
        Map<String, Double> m = r.metrics();
        assertTrue(m.get("val_accuracy") > 0.9, "val accuracy " + m);
        assertTrue(m.get("val_f1") > 0.9, "val macro F1 " + m);
        assertTrue(m.containsKey("train_mean_logit") && m.containsKey("val_mean_logit"), m.toString());
        assertFalse(m.containsKey("train_accuracy"), "Evaluation runs on validation and test only");
    }

    // ---------------------------------------------------------------- (b) exact resume

    private record Run(Mlp net, TestSgd opt, Trainer trainer) {}

    private Run newRun(long initSeed, int epochs, Path runDir, Path resumeFrom, Callback... extra) {
        Seed.everything(initSeed);
        Mlp net = new Mlp(Rng.global(), 2, 6, 2);
        TestSgd opt = new TestSgd(net.namedParameters(), 0.2, 0.9);
        Trainer.Builder b = Trainer.builder().epochs(epochs).optimizer(opt).seed(7).runDir(runDir).progressBar(false)
                .schedule(step -> 0.2 / (1 + 0.05 * step)).clipGradNorm(1.0).hparam("hidden", 6).callbacks(extra);
        if (resumeFrom != null) {
            b.resumeFrom(resumeFrom);
        }
        return new Run(net, opt, b.build());
    }

    private static List<Map<String, Double>> withoutTimes(List<Map<String, Double>> history) {
        List<Map<String, Double>> out = new ArrayList<>();
        for (Map<String, Double> row : history) {
            Map<String, Double> m = new LinkedHashMap<>(row);
            m.remove("elapsed_s");
            out.add(m);
        }
        return out;
    }

    @Test
    void resumeIsBitExact() throws IOException {
        INDArray[] train = Problems.blobs(1, 40);
        INDArray[] val = Problems.blobs(2, 24);
        BatchSource<Batch> trainSrc = Problems.shuffled(train[0], train[1], 8, 100);
        BatchSource<Batch> valSrc = Problems.shuffled(val[0], val[1], 12, 200);

        Run straight = newRun(7, 4, dir.resolve("straight"), null, new EarlyStopping("val_loss", Mode.MIN, 10, 0.0));
        FitResult a = straight.trainer().fit(new Classify(straight.net(), 0.3), trainSrc, valSrc);
        long rngAfterStraight = Rng.global().state();

        Run first = newRun(7, 2, dir.resolve("split"), null, new EarlyStopping("val_loss", Mode.MIN, 10, 0.0));
        first.trainer().fit(new Classify(first.net(), 0.3), trainSrc, valSrc);
        Path last = dir.resolve("split/checkpoints/last.ckpt");
        assertTrue(Files.exists(last));
        assertEquals(1, Checkpoint.load(last).epoch());

        Run second = newRun(99, 4, dir.resolve("split"), last, new EarlyStopping("val_loss", Mode.MIN, 10, 0.0));
        long rngBefore = Rng.global().state();
        FitResult b = second.trainer().fit(new Classify(second.net(), 0.3), trainSrc, valSrc);
        assertTrue(rngBefore != Rng.global().state());

        for (Map.Entry<String, INDArray> e : straight.net().stateDict().entrySet()) {
            INDArray other = second.net().stateDict().get(e.getKey());
            assertArrayEquals(e.getValue().data().asFloat(), other.data().asFloat(), "parameter " + e.getKey());
        }
        Map<String, INDArray> optA = straight.opt().stateDict();
        Map<String, INDArray> optB = second.opt().stateDict();
        assertEquals(optA.keySet(), optB.keySet());
        for (String k : optA.keySet()) {
            assertArrayEquals(optA.get(k).data().asDouble(), optB.get(k).data().asDouble(), "optimizer state " + k);
        }
        assertEquals(withoutTimes(a.history()), withoutTimes(b.history()));
        assertEquals(4, b.epochsRun());
        assertEquals(a.globalStep(), b.globalStep());
        assertEquals(straight.opt().lr(), second.opt().lr());
        assertEquals(rngAfterStraight, Rng.global().state(), "the global generator ends where the straight run's did");
        assertEquals(a.bestEpoch(), b.bestEpoch());

        // metrics.csv of the resumed run holds all four epochs, same as the straight run (but the times)
        List<String> csvA = Files.readAllLines(dir.resolve("straight/metrics.csv"));
        List<String> csvB = Files.readAllLines(dir.resolve("split/metrics.csv"));
        assertEquals(5, csvB.size());
        int elapsedCol = Arrays.asList(csvA.get(0).split(",")).indexOf("elapsed_s");
        for (int i = 0; i < csvA.size(); i++) {
            List<String> ra = new ArrayList<>(Arrays.asList(csvA.get(i).split(",", -1)));
            List<String> rb = new ArrayList<>(Arrays.asList(csvB.get(i).split(",", -1)));
            ra.remove(elapsedCol);
            rb.remove(elapsedCol);
            assertEquals(ra, rb, "metrics.csv line " + i);
        }
        Map<String, Object> prov = Json.readMap(dir.resolve("split/provenance.json"));
        assertTrue(prov.get("resumes") instanceof List<?> l && l.size() == 1, "provenance keeps the original and records the resume");
    }

    @Test
    void midEpochCheckpointResumesExactly() throws IOException {
        INDArray[] train = Problems.blobs(1, 40);
        BatchSource<Batch> src = Problems.shuffled(train[0], train[1], 8, 100);
        Path mid = dir.resolve("mid.ckpt");
        Callback saveAtStep7 = new Callback() {
            @Override
            public void onBatchEnd(TrainerContext ctx, long step, double loss) {
                if (step == 7) {
                    try {
                        ctx.saveCheckpoint(mid);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }

            @Override
            public String stateKey() { return "saver"; }
        };
        Run straight = newRun(7, 3, null, null, saveAtStep7);
        FitResult a = straight.trainer().fit(new Classify(straight.net(), 0.3), src, null);
        Run resumed = newRun(8, 3, null, mid);
        FitResult b = resumed.trainer().fit(new Classify(resumed.net(), 0.3), src, null);
        assertEquals(withoutTimes(a.history()), withoutTimes(b.history()));
        assertArrayEquals(straight.net().fc1.w.data().data().asFloat(), resumed.net().fc1.w.data().data().asFloat());
    }

    // ---------------------------------------------------------------- (c) divergence

    @Test
    void nanLossStopsWithEpochStepAndBatch() throws IOException {
        INDArray[] train = Problems.blobs(1, 32);
        Seed.everything(1);
        Mlp net = new Mlp(Rng.global(), 2, 4, 2);
        Classify inner = new Classify(net, 0);
        int[] calls = {0};
        TrainingTask<Batch> task = new TrainingTask<>() {
            @Override
            public Module model() { return net; }

            @Override
            public StepResult step(Batch b, Phase phase) {
                StepResult r = inner.step(b, phase);
                return calls[0]++ == 5 ? StepResult.of(r.loss().mul(Tensor.scalar(Double.NaN)), b.size()) : r;
            }
        };
        Path runDir = dir.resolve("nan");
        Trainer t = Trainer.builder().epochs(3).optimizer(new TestSgd(net.namedParameters(), 0.1, 0)).progressBar(false)
                .runDir(runDir).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> t.fit(task, Problems.shuffled(train[0], train[1], 8, 1), null));
        assertEquals(5, e.globalStep());
        assertEquals(1, e.epoch());
        assertEquals(1, e.batch());
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("global step 5")
                && e.getMessage().contains("epoch 1") && e.getMessage().contains("batch 1 of 4"), e.getMessage());
        Map<String, Object> results = Json.readMap(runDir.resolve("results.json"));
        assertEquals("failed", results.get("status"));
        assertTrue(String.valueOf(results.get("error")).contains("global step 5"));
    }

    @Test
    void nanGradientBehindAFiniteLossStopsWhenClipping() {
        INDArray[] train = Problems.blobs(1, 32);
        Seed.everything(1);
        Mlp net = new Mlp(Rng.global(), 2, 4, 2);
        Classify inner = new Classify(net, 0);
        TrainingTask<Batch> task = new TrainingTask<>() {
            @Override
            public Module model() { return net; }

            @Override
            public StepResult step(Batch b, Phase phase) {
                StepResult r = inner.step(b, phase);
                // sqrt(0 * w) is 0 forward, but its backward is 0 * (0.5 / sqrt(0)) = NaN for w
                Tensor zero = net.fc1.w.mul(0.0).sum().sqrt();
                return StepResult.of(r.loss().add(zero), b.size());
            }
        };
        Trainer t = Trainer.builder().epochs(1).optimizer(new TestSgd(net.namedParameters(), 0.1, 0)).progressBar(false)
                .clipGradNorm(1.0).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> t.fit(task, Problems.shuffled(train[0], train[1], 8, 1), null));
        assertTrue(e.getMessage().contains("gradient norm is NaN") && e.getMessage().contains("global step 0"), e.getMessage());
    }

    // ---------------------------------------------------------------- (d) early stopping

    @Test
    void earlyStoppingStopsAfterPatienceAndItsStateResumes() throws IOException {
        INDArray[] data = Problems.blobs(1, 16);
        BatchSource<Batch> src = Problems.shuffled(data[0], data[1], 8, 1);
        Seed.everything(1);
        Mlp net = new Mlp(Rng.global(), 2, 4, 2);
        EarlyStopping es = new EarlyStopping("val_loss", Mode.MIN, 2, 0.0);
        Path runDir = dir.resolve("es");
        BatchSource<Batch> val = Problems.fixed(data[0], data[1]);
        // lr 0: the validation loss never changes, so no epoch after the first improves on it
        FitResult r = Trainer.builder().epochs(10).optimizer(new TestSgd(net.namedParameters(), 0.0, 0)).progressBar(false)
                .runDir(runDir).callbacks(es).build().fit(new Classify(net, 0), src, val);
        assertEquals(3, r.epochsRun());
        assertTrue(r.stoppedEarly());
        assertTrue(r.stopReason().contains("val_loss") && r.stopReason().contains("2 epochs"), r.stopReason());
        assertEquals(2, es.waitCount());
        assertEquals(2, es.stoppedEpoch());
        assertEquals("stopped_early", Json.readMap(runDir.resolve("results.json")).get("status"));

        EarlyStopping restored = new EarlyStopping("val_loss", Mode.MIN, 2, 0.0);
        Mlp net2 = new Mlp(new Rng(2), 2, 4, 2);
        FitResult r2 = Trainer.builder().epochs(10).optimizer(new TestSgd(net2.namedParameters(), 0.0, 0)).progressBar(false)
                .runDir(runDir).callbacks(restored).resumeFrom(runDir.resolve("checkpoints/last.ckpt")).build()
                .fit(new Classify(net2, 0), src, val);
        assertEquals(es.best(), restored.best());
        assertEquals(0, restored.bestEpoch());
        assertEquals(4, r2.epochsRun(), "one more epoch without improvement and the restored counter stops it again");
        assertEquals(3, restored.waitCount());
        assertEquals(3, restored.stoppedEpoch());
    }

    // ---------------------------------------------------------------- (e) run directory

    @Test
    void runDirectoryHoldsEveryFile() throws IOException {
        INDArray[] train = Problems.blobs(1, 32);
        INDArray[] val = Problems.blobs(2, 16);
        Seed.everything(1);
        Mlp net = new Mlp(Rng.global(), 2, 4, 2);
        Path runDir = dir.resolve("run");
        Trainer t = Trainer.builder().epochs(3).optimizer(new TestSgd(net.namedParameters(), 0.1, 0.5)).seed(3)
                .runDir(runDir).progressBar(false).hparam("hidden", 4).commandLine("train", "--hidden", "4").build();
        Classify task = new Classify(net, 0.1);
        t.fit(task, Problems.shuffled(train[0], train[1], 8, 1), Problems.shuffled(val[0], val[1], 8, 2));
        Map<String, Double> test = t.test(task, Problems.shuffled(val[0], val[1], 16, 3));
        assertTrue(test.containsKey("test_loss") && test.containsKey("test_accuracy") && test.containsKey("test_f1"));

        for (String f : List.of("hparams.json", "provenance.json", "metrics.csv", "results.json", "checkpoints/last.ckpt",
                "checkpoints/best.ckpt", "plots/loss.png", "plots/mean_logit.png", "plots/val_accuracy.png",
                "plots/val_f1.png", "plots/lr.png")) {
            assertTrue(Files.isRegularFile(runDir.resolve(f)), "missing " + f);
        }

        List<String> csv = Files.readAllLines(runDir.resolve("metrics.csv"));
        assertEquals(4, csv.size(), "header plus one row per epoch");
        List<String> header = Arrays.asList(csv.get(0).split(","));
        assertEquals(MetricsCsv.FIXED, header.subList(0, MetricsCsv.FIXED.size()));
        assertTrue(header.containsAll(List.of("train_mean_logit", "val_f1", "val_mean_logit")), header.toString());
        for (int i = 1; i < csv.size(); i++) {
            String[] cells = csv.get(i).split(",", -1);
            assertEquals(header.size(), cells.length);
            assertEquals(String.valueOf(i - 1), cells[0], "epoch column");
            assertEquals(String.valueOf(4 * i), cells[1], "step column");
            for (String c : cells) {
                Double.parseDouble(c);
            }
        }

        try (Stream<Path> pngs = Files.list(runDir.resolve("plots"))) {
            for (Path png : pngs.toList()) {
                byte[] b = Files.readAllBytes(png);
                assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(b, 8), png.toString());
                BufferedImage img = ImageIO.read(png.toFile());
                assertNotNull(img, png.toString());
                assertTrue(img.getWidth() > 100 && img.getHeight() > 100);
            }
        }

        Map<String, Object> results = Json.readMap(runDir.resolve("results.json"));
        assertEquals("completed", results.get("status"));
        assertEquals(3, ((Number) results.get("epochs_run")).intValue());
        assertEquals("val_loss", results.get("monitor"));
        assertTrue(((Map<?, ?>) results.get("train")).containsKey("train_loss"));
        assertTrue(((Map<?, ?>) results.get("val")).containsKey("val_accuracy"));
        assertEquals(test.get("test_loss"), Json.toDouble(((Map<?, ?>) results.get("test")).get("test_loss")));
        assertTrue(((Number) results.get("wall_time_s")).doubleValue() > 0);

        Map<String, Object> hp = Json.readMap(runDir.resolve("hparams.json"));
        assertEquals(3, hp.get("epochs"));
        assertEquals(0.1, hp.get("lr"));
        assertEquals(Map.of("hidden", 4), hp.get("user"));

        Map<String, Object> prov = Json.readMap(runDir.resolve("provenance.json"));
        for (String k : List.of("git_commit", "git_dirty", "java_version", "nd4j_version", "nd4j_backend", "nd4j_environment",
                "os", "arch", "cores", "seed", "command_line", "start_time")) {
            assertTrue(prov.containsKey(k), "provenance lacks " + k);
        }
        assertEquals("1.0.0-M2.1", prov.get("nd4j_version"));
        assertEquals("train --hidden 4", prov.get("command_line"));
        assertEquals(3, prov.get("seed"));
        assertTrue(String.valueOf(prov.get("git_commit")).matches("[0-9a-f]{40}|unknown"), String.valueOf(prov.get("git_commit")));

        Checkpoint best = Checkpoint.load(runDir.resolve("checkpoints/best.ckpt"));
        assertEquals(net.stateDict().keySet(), best.model().keySet());
        assertTrue(best.meta().containsKey("rng_state") && best.meta().containsKey("callbacks") && best.meta().containsKey("hparams"));
        Map<String, INDArray> raw = Npz.read(runDir.resolve("checkpoints/last.ckpt"));
        assertTrue(raw.containsKey("model/fc1.weight") && raw.containsKey("optim/fc1.weight.momentum_buffer")
                && raw.containsKey("optim/step") && raw.containsKey("meta"), raw.keySet().toString());
        assertEquals(0, raw.get("optim/step").rank());
    }

    // ---------------------------------------------------------------- (f) incompatible checkpoint

    @Test
    void checkpointOfAnotherShapeNamesTheParameterAndFile() {
        INDArray[] train = Problems.blobs(1, 16);
        BatchSource<Batch> src = Problems.shuffled(train[0], train[1], 8, 1);
        Path runDir = dir.resolve("shape");
        Mlp small = new Mlp(new Rng(1), 2, 4, 2);
        Trainer.builder().epochs(1).optimizer(new TestSgd(small.namedParameters(), 0.1, 0)).runDir(runDir).progressBar(false)
                .build().fit(new Classify(small, 0), src, null);
        Path ckpt = runDir.resolve("checkpoints/last.ckpt");
        Mlp wide = new Mlp(new Rng(1), 2, 5, 2);
        Trainer t = Trainer.builder().epochs(2).optimizer(new TestSgd(wide.namedParameters(), 0.1, 0)).progressBar(false)
                .resumeFrom(ckpt).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(new Classify(wide, 0), src, null));
        assertTrue(e.getMessage().contains(ckpt.toString()) && e.getMessage().contains("fc1.weight")
                && e.getMessage().contains("[5, 2]") && e.getMessage().contains("[4, 2]"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> Checkpoint.loadModel(wide, ckpt));
        assertTrue(e2.getMessage().contains(ckpt.toString()) && e2.getMessage().contains("fc1.weight"), e2.getMessage());
    }

    // ---------------------------------------------------------------- (g) atomic writes

    @Test
    void atomicWritesLeaveNoTemporaryFiles() throws IOException {
        INDArray[] train = Problems.blobs(1, 16);
        BatchSource<Batch> src = Problems.shuffled(train[0], train[1], 8, 1);
        Path runDir = dir.resolve("atomic");
        Mlp net = new Mlp(new Rng(1), 2, 4, 2);
        Trainer.builder().epochs(3).optimizer(new TestSgd(net.namedParameters(), 0.1, 0)).runDir(runDir).progressBar(false)
                .build().fit(new Classify(net, 0), src, src);
        try (Stream<Path> all = Files.walk(runDir)) {
            List<String> temps = all.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(io.principia.core.io.AtomicFiles.TEMP_PREFIX) || n.endsWith(".tmp")).toList();
            assertEquals(List.of(), temps);
        }
        try (Stream<Path> ck = Files.list(runDir.resolve("checkpoints"))) {
            assertEquals(List.of("best.ckpt", "last.ckpt"), ck.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    // ---------------------------------------------------------------- misc

    @Test
    void fitRunsOncePerTrainerAndRequiresAnOptimizer() {
        assertThrows(IllegalArgumentException.class, () -> Trainer.builder().build());
        INDArray[] d = Problems.blobs(1, 8);
        Mlp net = new Mlp(new Rng(1), 2, 3, 2);
        Trainer t = Trainer.builder().optimizer(new TestSgd(net.namedParameters(), 0.1, 0)).progressBar(false).build();
        t.fit(new Classify(net, 0), Problems.shuffled(d[0], d[1], 4, 1), null);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> t.fit(new Classify(net, 0), Problems.shuffled(d[0], d[1], 4, 1), null));
        assertTrue(e.getMessage().contains("resumeFrom"));
    }

    @Test
    void duplicateCallbackStateKeysAreRejected() {
        Mlp net = new Mlp(new Rng(1), 2, 3, 2);
        INDArray[] d = Problems.blobs(1, 8);
        Trainer t = Trainer.builder().optimizer(new TestSgd(net.namedParameters(), 0.1, 0)).progressBar(false)
                .callbacks(new EarlyStopping("val_loss", Mode.MIN, 2, 0), new EarlyStopping("val_loss", Mode.MIN, 3, 0)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.fit(new Classify(net, 0), Problems.shuffled(d[0], d[1], 4, 1), null));
        assertTrue(e.getMessage().contains("EarlyStopping[val_loss,MIN]"), e.getMessage());
    }

    @Test
    void scheduleSetsTheLearningRateBeforeEveryStep() {
        Mlp net = new Mlp(new Rng(1), 2, 3, 2);
        INDArray[] d = Problems.blobs(1, 16);
        List<Double> seen = new ArrayList<>();
        Callback spy = new Callback() {
            @Override
            public void onBatchEnd(TrainerContext ctx, long step, double loss) {
                seen.add(ctx.optimizer().lr());
            }
        };
        FitResult r = Trainer.builder().epochs(2).optimizer(new TestSgd(net.namedParameters(), 1.0, 0)).progressBar(false)
                .schedule(step -> 0.5 / (step + 1)).callbacks(spy).build()
                .fit(new Classify(net, 0), Problems.shuffled(d[0], d[1], 4, 1), null);
        assertEquals(8, seen.size());
        for (int i = 0; i < 8; i++) {
            assertEquals(0.5 / (i + 1), seen.get(i), 0.0, "lr of step " + i);
        }
        assertEquals(0.5 / 8, r.metrics().get("lr"), 0.0);
    }
}
