package io.principia.graph.data;

import io.principia.core.data.DataException;

/** Dataset files that disagree with each other: label count vs feature rows, CSR sizes, ids. */
public class DataShapeException extends DataException {
    public DataShapeException(String message) {
        super(message);
    }
}
