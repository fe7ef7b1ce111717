package io.principia.core.train;

import io.principia.core.autograd.Grad;
import io.principia.core.io.Json;
import io.principia.core.nn.Module;
import io.principia.core.optim.LrSchedule;
import io.principia.core.optim.Optimizer;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;
import io.principia.core.util.Seed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one training loop for every Principia model. A {@link TrainingTask} says how to get the
 * loss of a batch; the Trainer does epochs, gradient steps, learning-rate schedules, gradient
 * clipping, validation, callbacks, logging, checkpoints and resume, and writes a run directory:
 *
 * <pre>
 * runDir/hparams.json  provenance.json  metrics.csv  results.json
 *        plots/loss.png ...             checkpoints/last.ckpt  checkpoints/best.ckpt
 * </pre>
 *
 * One training step, the reference loop:
 *
 * <pre>{@code
 * model.train(); optimizer.zeroGrad();
 * StepResult r = task.step(batch, Phase.TRAIN);   // loss must be finite
 * r.loss().backward();
 * GlobalNorm.clip(params, clipNorm);              // when configured
 * optimizer.step();                               // lr = schedule.lr(globalStep) was set before the step
 * }</pre>
 *
 * <p>Epochs and batch indices are 0-based in data (metrics.csv, callbacks, checkpoints) and shown
 * 1-based in human output ("epoch 1/10"). A Trainer runs one {@code fit}; to continue a run, build
 * a new Trainer with {@link Builder#resumeFrom} and call {@code fit} again. Batches must be a pure
 * function of the epoch ({@link BatchSource}), so a resumed run reproduces the uninterrupted one
 * bit for bit.
 *
 * <pre>{@code
 * FitResult r = Trainer.builder().epochs(10).optimizer(opt).runDir(Path.of("runs/mlp"))
 *         .callbacks(new EarlyStopping("val_loss", Mode.MIN, 3, 0.0)).seed(42).build()
 *         .fit(task, train, val);
 * }</pre>
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final int epochs;
    private final Optimizer optimizer;
    private final double initialLr;
    private final LrSchedule schedule;
    private final double clipNorm;
    private final Long seed;
    private final Path runDir;
    private final List<Callback> userCallbacks;
    private final int logEvery;
    private final long collectAfterMs;
    private final boolean progressBar;
    private final boolean defaultCallbacks;
    private final Map<String, Object> userHparams;
    private final Path resumeFrom;
    private final String[] commandLine;

    private Run run;
    private Map<String, Double> testMetrics;
    private FitResult fitResult;

    private Trainer(Builder b) {
        if (b.optimizer == null) {
            throw new IllegalArgumentException("Trainer: an optimizer is required (builder().optimizer(...))");
        }
        if (b.epochs < 1) {
            throw new IllegalArgumentException("Trainer: epochs must be >= 1, got " + b.epochs);
        }
        this.epochs = b.epochs;
        this.optimizer = b.optimizer;
        this.initialLr = b.optimizer.lr();
        this.schedule = b.schedule;
        this.clipNorm = b.clipNorm;
        this.seed = b.seed;
        this.runDir = b.runDir;
        this.userCallbacks = List.copyOf(b.callbacks);
        this.logEvery = b.logEvery;
        this.collectAfterMs = b.collectAfterMs;
        this.progressBar = b.progressBar;
        this.defaultCallbacks = b.defaultCallbacks;
        this.userHparams = Collections.unmodifiableMap(new LinkedHashMap<>(b.hparams));
        this.resumeFrom = b.resumeFrom;
        this.commandLine = b.commandLine;
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- fit

    /** Trains for the configured epochs (or until a callback stops it); {@code val} may be null. */
    public <B> FitResult fit(TrainingTask<B> task, BatchSource<B> train, BatchSource<B> val) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(train, "train source");
        if (run != null) {
            throw new IllegalStateException("this Trainer already ran fit; build a new one (with resumeFrom(checkpoint) to continue)");
        }
        Instant start = Instant.now();
        Module model = task.model();
        checkInputs(model, train, val);
        if (resumeFrom == null && runDir != null && java.nio.file.Files.exists(runDir.resolve("results.json"))) {
            // nothing is lost: a finished or interrupted run is continued with resumeFrom, never overwritten
            throw new IllegalStateException("run directory " + runDir + " already holds a run (results.json); resume it with"
                    + " resumeFrom(" + runDir.resolve("checkpoints").resolve("last.ckpt") + ") or choose another directory");
        }
        run = new Run(model, train.numBatches(), assemble(val != null));
        run.hparams = hparams(task, train, val);

        int startEpoch = 0;
        int skipBatches = 0;
        Map<String, Object> partialEpoch = null;
        if (resumeFrom != null) {
            Checkpoint c = restore(model, resumeFrom);
            boolean complete = Boolean.TRUE.equals(c.meta().get("epoch_complete"));
            startEpoch = complete ? c.epoch() + 1 : c.epoch();
            if (!complete) {
                skipBatches = ((Number) c.meta().get("batches_done")).intValue();
                @SuppressWarnings("unchecked")
                Map<String, Object> acc = (Map<String, Object>) c.meta().get("train_accumulator");
                partialEpoch = acc;
            }
        } else if (seed != null) {
            Seed.everything(seed);
        }
        run.rngAtStart = Rng.global().state();
        if (runDir != null) {
            writeRunFiles(start);
        }
        run.startNanos = System.nanoTime();
        writeResults("running", null); // replaced at the end; a killed run keeps saying "running"

        fire(cb -> cb.onFitStart(run));
        try {
            for (int epoch = startEpoch; epoch < epochs && run.stopReason == null; epoch++) {
                runEpoch(task, train, val, epoch, skipBatches, partialEpoch);
                skipBatches = 0;
                partialEpoch = null;
            }
        } catch (RuntimeException | Error e) {
            for (Callback cb : run.callbacks) {
                try {
                    cb.onException(run, e);
                } catch (RuntimeException inner) {
                    e.addSuppressed(inner);
                }
            }
            writeResults("failed", e);
            throw e;
        }
        fitResult = result();
        writeResults(run.stopReason == null ? "completed" : "stopped_early", null);
        fire(cb -> cb.onFitEnd(run, fitResult));
        return fitResult;
    }

    /** Fails early on a fit that could only train nothing, or train what is never checkpointed. */
    private <B> void checkInputs(Module model, BatchSource<B> train, BatchSource<B> val) {
        if (model == null) {
            throw new IllegalArgumentException("Trainer: task.model() returned null");
        }
        if (train.numBatches() < 1) {
            throw new IllegalArgumentException("Trainer: the training source has no batches (numBatches = " + train.numBatches() + ")");
        }
        if (val != null && val.numBatches() < 1) {
            throw new IllegalArgumentException("Trainer: the validation source has no batches (numBatches = " + val.numBatches()
                    + "); pass null to skip validation");
        }
        Set<Tensor> owned = Collections.newSetFromMap(new IdentityHashMap<>());
        owned.addAll(model.parameters());
        List<String> foreign = new ArrayList<>();
        optimizer.params().forEach((name, p) -> {
            if (!owned.contains(p)) {
                foreign.add(name);
            }
        });
        if (!foreign.isEmpty()) {
            throw new IllegalArgumentException("Trainer: optimizer parameters " + foreign + " are not parameters of the model "
                    + model.getClass().getSimpleName() + " (they would be trained but never checkpointed); build the optimizer"
                    + " from task.model().namedParameters()");
        }
    }

    private <B> void runEpoch(TrainingTask<B> task, BatchSource<B> train, BatchSource<B> val, int epoch, int skip,
                              Map<String, Object> partial) {
        run.epoch = epoch;
        run.epochComplete = false;
        run.batchIndex = -1;
        run.acc = new MetricAccumulator(false);
        if (partial != null) {
            run.acc.loadState(partial);
        }
        fire(cb -> cb.onEpochStart(run, epoch));
        trainEpoch(task, train, epoch, skip);

        Map<String, Double> row = new LinkedHashMap<>();
        row.put("epoch", (double) epoch);
        row.put("step", (double) run.globalStep);
        row.putAll(run.acc.result(Phase.TRAIN.prefix()));
        if (val != null) {
            Map<String, Double> v = pass(task, val, epoch, Phase.VALIDATE);
            row.putAll(v);
            fire(cb -> cb.onValidationEnd(run, v));
        }
        row.put("lr", optimizer.lr());
        row.put("elapsed_s", run.elapsedSeconds());
        Map<String, Double> frozen = Collections.unmodifiableMap(row);
        run.history.add(frozen);
        run.epochComplete = true;
        // checkpoints last, so they hold every other callback's state for this epoch
        for (Callback cb : run.callbacks) {
            if (!(cb instanceof ModelCheckpoint)) {
                cb.onEpochEnd(run, epoch, frozen);
            }
        }
        for (Callback cb : run.callbacks) {
            if (cb instanceof ModelCheckpoint) {
                cb.onEpochEnd(run, epoch, frozen);
            }
        }
        writeResults("running", null);
    }

    private <B> void trainEpoch(TrainingTask<B> task, BatchSource<B> source, int epoch, int skip) {
        Module model = task.model();
        Iterator<B> it = source.batches(epoch);
        for (int i = 0; i < skip && it.hasNext(); i++) {
            it.next(); // already trained on before the mid-epoch checkpoint
        }
        int b = skip;
        while (it.hasNext()) {
            B batch = it.next();
            long stepStart = System.nanoTime();
            if (schedule != null) {
                optimizer.setLr(schedule.lr(run.globalStep));
            }
            model.train();
            model.zeroGrad();
            optimizer.zeroGrad();
            StepResult r = task.step(batch, Phase.TRAIN);
            double loss = r.loss().item();
            if (!Double.isFinite(loss)) {
                throw new TrainingDivergedException(epoch, run.globalStep, b, run.numBatches, loss);
            }
            if (!r.loss().requiresGrad()) {
                throw new IllegalStateException("the training loss of epoch " + epoch + ", batch " + b + " depends on no parameter"
                        + " that requires a gradient (computed under Grad.off(), detached, or built from constants)");
            }
            r.loss().backward();
            if (clipNorm > 0) {
                // the norm is computed anyway, so a NaN/Inf gradient behind a finite loss is caught here
                double norm = GlobalNorm.clip(optimizer.params().values(), clipNorm);
                if (!Double.isFinite(norm)) {
                    throw new TrainingDivergedException("gradient norm is " + norm + " (loss " + loss + ")", epoch,
                            run.globalStep, b, run.numBatches);
                }
            }
            optimizer.step();
            collectIfSlow(stepStart);
            run.globalStep++;
            run.acc.add(r, loss);
            run.batchIndex = b;
            long step = run.globalStep;
            fire(cb -> cb.onBatchEnd(run, step, loss));
            b++;
        }
    }

    /**
     * ND4J frees an array's native memory only once the GC has collected it; a long step (a 784-step
     * recurrent unroll) leaves GBs of such garbage, so collect it after any step slower than the threshold.
     */
    private void collectIfSlow(long startNanos) {
        if (collectAfterMs > 0 && System.nanoTime() - startNanos > collectAfterMs * 1_000_000L) {
            System.gc();
        }
    }

    // ---------------------------------------------------------------- evaluate / test

    /** One pass over {@code source} in eval mode without gradients: {@code val_loss}, {@code val_accuracy}, ... */
    public <B> Map<String, Double> evaluate(TrainingTask<B> task, BatchSource<B> source) {
        return pass(task, source, 0, Phase.VALIDATE);
    }

    /** Like {@link #evaluate} with {@code test_} names; also recorded in {@code results.json}. */
    public <B> Map<String, Double> test(TrainingTask<B> task, BatchSource<B> source) {
        testMetrics = pass(task, source, 0, Phase.TEST);
        if (runDir != null) {
            writeResults(fitResult == null ? "test_only" : fitResult.stoppedEarly() ? "stopped_early" : "completed", null);
        }
        return testMetrics;
    }

    private <B> Map<String, Double> pass(TrainingTask<B> task, BatchSource<B> source, int epoch, Phase phase) {
        Module model = task.model();
        boolean wasTraining = model.isTraining();
        model.eval();
        MetricAccumulator acc = new MetricAccumulator(true);
        try (Grad.Scope g = Grad.off()) {
            Iterator<B> it = source.batches(epoch);
            while (it.hasNext()) {
                long start = System.nanoTime();
                StepResult r = task.step(it.next(), phase);
                acc.add(r, r.loss().item());
                collectIfSlow(start);
            }
        } finally {
            if (wasTraining) {
                model.train();
            }
        }
        return acc.result(phase.prefix());
    }

    // ---------------------------------------------------------------- callbacks

    private List<Callback> assemble(boolean hasVal) {
        List<Callback> cbs = new ArrayList<>();
        if (defaultCallbacks && progressBar && userCallbacks.stream().noneMatch(c -> c instanceof ProgressBar)) {
            cbs.add(new ProgressBar());
        }
        if (defaultCallbacks && userCallbacks.stream().noneMatch(c -> c instanceof EpochLogger)) {
            cbs.add(new EpochLogger(logEvery));
        }
        cbs.addAll(userCallbacks);
        if (defaultCallbacks && runDir != null) {
            if (cbs.stream().noneMatch(c -> c instanceof MetricsCsv)) {
                cbs.add(new MetricsCsv());
            }
            if (cbs.stream().noneMatch(c -> c instanceof MetricPlots)) {
                cbs.add(new MetricPlots());
            }
            if (cbs.stream().noneMatch(c -> c instanceof ModelCheckpoint)) {
                cbs.add(new ModelCheckpoint(hasVal ? "val_loss" : "train_loss", Mode.MIN));
            }
        }
        Set<String> keys = new HashSet<>();
        for (Callback cb : cbs) {
            if (!keys.add(cb.stateKey())) {
                throw new IllegalArgumentException("two callbacks share the state key '" + cb.stateKey()
                        + "'; give one a distinct stateKey() so checkpoints can tell them apart");
            }
        }
        return cbs;
    }

    private interface Hook {
        void call(Callback cb);
    }

    private void fire(Hook hook) {
        for (Callback cb : run.callbacks) {
            hook.call(cb);
        }
    }

    // ---------------------------------------------------------------- checkpoints

    private Map<String, Object> meta() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format_version", Checkpoint.FORMAT_VERSION);
        m.put("epoch", run.epoch);
        m.put("epoch_complete", run.epochComplete);
        m.put("batches_done", run.batchIndex + 1);
        if (!run.epochComplete) {
            m.put("train_accumulator", run.acc.state());
        }
        m.put("global_step", run.globalStep);
        m.put("schedule_step", run.globalStep);
        m.put("lr", optimizer.lr());
        m.put("rng_state", Rng.global().state());
        m.put("seed", seed);
        org.nd4j.linalg.api.rng.Random nd = Nd4j.getRandom();
        m.put("nd4j_seed", nd.getSeed());
        try {
            m.put("nd4j_root_state", nd.rootState());
            m.put("nd4j_node_state", nd.nodeState());
        } catch (RuntimeException e) {
            // a backend without state access: the seed is the best we can do
        }
        m.put("elapsed_s", run.elapsedSeconds());
        m.put("model", run.model.getClass().getName());
        m.put("optimizer", optimizer.getClass().getName());
        Map<String, Object> states = new LinkedHashMap<>();
        for (Callback cb : run.callbacks) {
            Map<String, Object> s = cb.state();
            if (s != null && !s.isEmpty()) {
                states.put(cb.stateKey(), s);
            }
        }
        m.put("callbacks", states);
        m.put("hparams", run.hparams);
        m.put("history", run.history);
        return m;
    }

    private Checkpoint restore(Module model, Path file) {
        Checkpoint c;
        try {
            c = Checkpoint.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resume: " + e.getMessage(), e);
        }
        int completed = Boolean.TRUE.equals(c.meta().get("epoch_complete")) ? c.epoch() + 1 : c.epoch();
        if (completed >= epochs) {
            throw new IllegalArgumentException("cannot resume: checkpoint " + file + " already completed " + completed
                    + " epoch(s), so epochs = " + epochs + " leaves nothing to train; set epochs above " + completed);
        }
        try {
            model.loadStateDict(c.model());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint " + file + " does not fit model " + model.getClass().getSimpleName()
                    + ": " + e.getMessage(), e);
        }
        try {
            optimizer.loadStateDict(c.optimizer());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint " + file + " does not fit optimizer "
                    + optimizer.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        Map<String, Object> meta = c.meta();
        run.globalStep = Json.toLong(meta.get("global_step"));
        optimizer.setLr(schedule != null ? schedule.lr(run.globalStep) : Json.toDouble(meta.get("lr")));
        Rng.global().setState(Json.toLong(meta.get("rng_state")));
        org.nd4j.linalg.api.rng.Random nd = Nd4j.getRandom();
        if (meta.get("nd4j_root_state") != null) {
            nd.setStates(Json.toLong(meta.get("nd4j_root_state")), Json.toLong(meta.get("nd4j_node_state")));
        } else if (meta.get("nd4j_seed") != null) {
            nd.setSeed(Json.toLong(meta.get("nd4j_seed")));
        }
        run.elapsedBefore = Json.toDouble(meta.get("elapsed_s"));
        @SuppressWarnings("unchecked")
        List<Object> history = (List<Object>) meta.getOrDefault("history", List.of());
        for (Object row : history) {
            run.history.add(Collections.unmodifiableMap(Json.toDoubles(row)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> states = (Map<String, Object>) meta.getOrDefault("callbacks", Map.of());
        for (Callback cb : run.callbacks) {
            Object s = states.get(cb.stateKey());
            if (s instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) map;
                cb.loadState(typed);
            } else if (!cb.state().isEmpty()) {
                LOG.warn("checkpoint {} has no state for callback {}; it starts fresh", file, cb.stateKey());
            }
        }
        warnOnChangedHparams(file, meta.get("hparams"));
        LOG.info("resumed from {} (epoch {}, global step {})", file, c.epoch(), run.globalStep);
        return c;
    }

    private void warnOnChangedHparams(Path file, Object saved) {
        if (!(saved instanceof Map<?, ?> old)) {
            return;
        }
        Map<?, ?> now = Json.MAPPER.convertValue(run.hparams, Map.class);
        List<String> changed = new ArrayList<>();
        Set<Object> keys = new HashSet<>(old.keySet());
        keys.addAll(now.keySet());
        for (Object k : keys) {
            if (!Arrays.equals(Json.bytes(old.get(k)), Json.bytes(now.get(k)))) {
                changed.add(k + ": " + old.get(k) + " -> " + now.get(k));
            }
        }
        if (!changed.isEmpty()) {
            Collections.sort(changed);
            LOG.warn("resuming {} with changed hyperparameters: {}", file, changed);
        }
    }

    // ---------------------------------------------------------------- run directory

    private <B> Map<String, Object> hparams(TrainingTask<B> task, BatchSource<B> train, BatchSource<B> val) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("epochs", epochs);
        h.put("optimizer", optimizer.getClass().getName());
        h.put("lr", initialLr);
        h.put("schedule", schedule == null ? null : schedule.getClass().getName());
        h.put("clip_grad_norm", clipNorm > 0 ? clipNorm : null);
        h.put("seed", seed);
        h.put("model", task.model().getClass().getName());
        h.put("parameters", task.model().parameterCount());
        h.put("task", task.getClass().getName());
        h.put("train_batches", train.numBatches());
        h.put("val_batches", val == null ? null : val.numBatches());
        h.put("callbacks", run.callbacks.stream().map(Callback::stateKey).toList());
        h.put("user", userHparams);
        return h;
    }

    private void writeRunFiles(Instant start) {
        Map<String, Object> p = Provenance.collect(seed, commandLine, start);
        p.put("rng_state_at_start", run.rngAtStart);
        RunFiles.writeStart(runDir, run.hparams, p, resumeFrom);
    }

    private FitResult result() {
        String monitor = null;
        double best = Double.NaN;
        int bestEpoch = -1;
        for (Callback cb : run.callbacks) {
            if (cb instanceof ModelCheckpoint mc && mc.bestEpoch() >= 0) {
                monitor = mc.monitor();
                best = mc.best();
                bestEpoch = mc.bestEpoch();
                break;
            }
        }
        if (monitor == null) {
            monitor = !run.history.isEmpty() && run.history.get(0).containsKey("val_loss") ? "val_loss" : "train_loss";
            for (Map<String, Double> row : run.history) {
                Double v = row.get(monitor);
                if (v != null && Mode.MIN.improves(v, best, 0)) {
                    best = v;
                    bestEpoch = row.get("epoch").intValue();
                }
            }
        }
        Map<String, Double> last = run.history.isEmpty() ? Map.of() : run.history.get(run.history.size() - 1);
        return new FitResult(last, run.history, run.history.size(), bestEpoch, monitor, best, run.globalStep, run.stopReason,
                run.elapsedSeconds(), runDir);
    }

    private void writeResults(String status, Throwable error) {
        if (runDir != null) {
            RunFiles.writeResults(runDir, status, error, run == null ? null : fitResult != null ? fitResult : result(), testMetrics);
        }
    }

    // ---------------------------------------------------------------- live state

    /** The state of a fit, as callbacks see it. */
    private final class Run implements TrainerContext {
        final Module model;
        final int numBatches;
        final List<Callback> callbacks;
        final List<Map<String, Double>> history = new ArrayList<>();
        Map<String, Object> hparams;
        int epoch;
        boolean epochComplete;
        int batchIndex = -1;
        long globalStep;
        MetricAccumulator acc = new MetricAccumulator(false);
        double elapsedBefore;
        long startNanos = System.nanoTime();
        long rngAtStart;
        String stopReason;

        Run(Module model, int numBatches, List<Callback> callbacks) {
            this.model = model;
            this.numBatches = numBatches;
            this.callbacks = callbacks;
        }

        @Override public Module model() { return model; }

        @Override public Optimizer optimizer() { return optimizer; }

        @Override public int epoch() { return epoch; }

        @Override public int epochs() { return epochs; }

        @Override public long globalStep() { return globalStep; }

        @Override public int batchIndex() { return batchIndex; }

        @Override public int numBatches() { return numBatches; }

        @Override public double runningLoss() { return acc.meanLoss(); }

        @Override public Optional<Path> runDir() { return Optional.ofNullable(runDir); }

        @Override public List<Map<String, Double>> history() { return Collections.unmodifiableList(history); }

        @Override public double elapsedSeconds() { return elapsedBefore + (System.nanoTime() - startNanos) / 1e9; }

        @Override
        public void requestStop(String reason) {
            if (stopReason == null) {
                stopReason = reason == null ? "stop requested" : reason;
            }
        }

        @Override public boolean stopRequested() { return stopReason != null; }

        @Override
        public void saveCheckpoint(Path file) throws IOException {
            new Checkpoint(model.stateDict(), optimizer.stateDict(), meta()).save(file);
        }
    }

    // ---------------------------------------------------------------- builder

    /** Trainer settings; only {@link #optimizer} is required. */
    public static final class Builder {
        private int epochs = 1;
        private Optimizer optimizer;
        private LrSchedule schedule;
        private double clipNorm;
        private Long seed;
        private Path runDir;
        private final List<Callback> callbacks = new ArrayList<>();
        private int logEvery;
        private long collectAfterMs = 250;
        private boolean progressBar = true;
        private boolean defaultCallbacks = true;
        private final Map<String, Object> hparams = new LinkedHashMap<>();
        private Path resumeFrom;
        private String[] commandLine;

        private Builder() {}

        public Builder epochs(int epochs) { this.epochs = epochs; return this; }

        public Builder optimizer(Optimizer optimizer) { this.optimizer = optimizer; return this; }

        /** Sets the optimizer's learning rate to {@code schedule.lr(globalStep)} before every step. */
        public Builder schedule(LrSchedule schedule) { this.schedule = schedule; return this; }

        /** Clips gradients to a global L2 norm of at most {@code maxNorm} before each step (0: off). */
        public Builder clipGradNorm(double maxNorm) {
            if (!(maxNorm >= 0)) {
                throw new IllegalArgumentException("clipGradNorm must be >= 0, got " + maxNorm);
            }
            this.clipNorm = maxNorm;
            return this;
        }

        /** Calls {@link Seed#everything} at the start of a fresh fit (a resume restores the RNG state instead). */
        public Builder seed(long seed) { this.seed = seed; return this; }

        /** Where hparams, provenance, metrics, plots, checkpoints and results go; none when unset. */
        public Builder runDir(Path runDir) { this.runDir = runDir; return this; }

        public Builder callbacks(Callback... cbs) { callbacks.addAll(List.of(cbs)); return this; }

        /** Logs a line every {@code n} optimizer steps (0: only per epoch). */
        public Builder logEvery(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("logEvery must be >= 0 (0: only per epoch), got " + n);
            }
            this.logEvery = n;
            return this;
        }

        /**
         * Runs the garbage collector after any training step that took longer than {@code ms}
         * milliseconds (default 250; 0 never). ND4J frees native memory only when the GC collects an
         * array, and a long step leaves much of it: an LSTM step over 784 time steps peaks at ~8 GB
         * without a collection between steps and ~2.2 GB with one, at the same speed
         * (benchmarks/README-rnn.md). Short steps (an MLP's few ms) are never affected.
         */
        public Builder collectAfterSlowSteps(long ms) {
            if (ms < 0) {
                throw new IllegalArgumentException("collectAfterSlowSteps must be >= 0 ms (0: never), got " + ms);
            }
            this.collectAfterMs = ms;
            return this;
        }

        /** Shows the stderr progress bar (default on). */
        public Builder progressBar(boolean on) { this.progressBar = on; return this; }

        /**
         * Adds the built-in callbacks the user did not pass (default on): progress bar, SLF4J log,
         * and with a run directory metrics.csv, plots and checkpoints (best by val_loss, else train_loss).
         */
        public Builder defaultCallbacks(boolean on) { this.defaultCallbacks = on; return this; }

        /** Model hyperparameters to record in hparams.json and checkpoints (JSON-serialisable values). */
        public Builder hparams(Map<String, ?> values) { hparams.putAll(values); return this; }

        public Builder hparam(String name, Object value) { hparams.put(name, value); return this; }

        /** Resumes from a checkpoint: weights, optimizer, RNG, step, callback states, history. */
        public Builder resumeFrom(Path checkpoint) { this.resumeFrom = checkpoint; return this; }

        /** The command line to record in provenance.json (default: the JVM's own). */
        public Builder commandLine(String... args) { this.commandLine = args.clone(); return this; }

        public Trainer build() { return new Trainer(this); }
    }
}
