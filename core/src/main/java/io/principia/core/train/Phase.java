package io.principia.core.train;

/** What a {@link TrainingTask#step} call is for: a gradient step, validation, or the final test. */
public enum Phase {
    TRAIN, VALIDATE, TEST;

    /** Prefix of this phase's metric names: {@code train_}, {@code val_}, {@code test_}. */
    public String prefix() {
        return switch (this) {
            case TRAIN -> "train_";
            case VALIDATE -> "val_";
            case TEST -> "test_";
        };
    }
}
