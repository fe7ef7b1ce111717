package io.principia.core.data;

/**
 * A data file or download that cannot be used: missing, malformed, truncated, or failing its
 * checksum. The message names the file (or URL) and what was wrong.
 */
public class DataException extends RuntimeException {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
