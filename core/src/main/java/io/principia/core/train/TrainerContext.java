package io.principia.core.train;

import io.principia.core.nn.Module;
import io.principia.core.optim.Optimizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The live state of a {@link Trainer#fit} run, as callbacks see it. */
public interface TrainerContext {
    Module model();

    Optimizer optimizer();

    /** Current epoch, 0-based. */
    int epoch();

    /** Total epochs configured. */
    int epochs();

    /** Optimizer steps taken so far in the whole run (including before a resume). */
    long globalStep();

    /** Index (0-based) within the epoch of the batch that just finished. */
    int batchIndex();

    /** Batches per training epoch, as the source reports it. */
    int numBatches();

    /** Mean training loss of the current epoch so far. */
    double runningLoss();

    /** The run directory, when the Trainer has one. */
    Optional<Path> runDir();

    /** One map per finished epoch (the rows of metrics.csv), oldest first; unmodifiable. */
    List<Map<String, Double>> history();

    /** Training wall time in seconds, counting time before a resume. */
    double elapsedSeconds();

    /** Asks the Trainer to stop after the current epoch. */
    void requestStop(String reason);

    boolean stopRequested();

    /** Writes a full checkpoint (model, optimizer, RNG, step, callback states, hyperparameters) atomically. */
    void saveCheckpoint(Path file) throws IOException;
}
