package io.principia.core.data;

/** Which part of a dataset with a fixed train/test division to load. */
public enum Split {
    TRAIN,
    TEST
}
