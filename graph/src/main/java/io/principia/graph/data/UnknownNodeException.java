package io.principia.graph.data;

import io.principia.core.data.DataException;

/** An edge file names a node that the node (feature) file does not define. */
public class UnknownNodeException extends DataException {
    public UnknownNodeException(String message) {
        super(message);
    }
}
