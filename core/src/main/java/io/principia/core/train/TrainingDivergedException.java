package io.principia.core.train;

/** A training loss became NaN or infinite; says where, so the run can be resumed from before it. */
public final class TrainingDivergedException extends ArithmeticException {
    private final int epoch;
    private final long globalStep;
    private final int batch;

    public TrainingDivergedException(int epoch, long globalStep, int batch, int numBatches, double loss) {
        this("training loss is " + loss, epoch, globalStep, batch, numBatches);
    }

    /** @param what the non-finite quantity and its value, e.g. "gradient norm is NaN (loss 0.53)" */
    public TrainingDivergedException(String what, int epoch, long globalStep, int batch, int numBatches) {
        super(what + " at global step " + globalStep + " (epoch " + epoch + ", batch " + batch
                + " of " + numBatches + ", both 0-based); training stopped. Lower the learning rate, clip gradients,"
                + " or check the inputs of that batch");
        this.epoch = epoch;
        this.globalStep = globalStep;
        this.batch = batch;
    }

    public int epoch() { return epoch; }

    public long globalStep() { return globalStep; }

    public int batch() { return batch; }
}
