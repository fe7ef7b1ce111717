package io.principia.core.io;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON for run files and checkpoint metadata: one shared Jackson mapper, pretty-printed output,
 * atomic writes. Non-finite doubles are written as the strings {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"}; {@link #toDouble} reads them back.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {}

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getMessage(), e);
        }
    }

    /** Writes {@code value} as JSON to {@code file} atomically. */
    public static void write(Path file, Object value) throws IOException {
        AtomicFiles.write(file, bytes(value));
    }

    /** Reads a JSON object into an insertion-ordered map. */
    public static LinkedHashMap<String, Object> readMap(byte[] json, String where) throws IOException {
        try {
            return MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException e) {
            throw new IOException(where + ": invalid JSON (" + e.getMessage() + ")", e);
        }
    }

    public static LinkedHashMap<String, Object> readMap(Path file) throws IOException {
        return readMap(java.nio.file.Files.readAllBytes(file), file.toString());
    }

    /** A number as written by this class: a JSON number or one of the strings for non-finite values. */
    public static double toDouble(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            return Double.parseDouble(s);
        }
        if (v == null) {
            return Double.NaN;
        }
        throw new IllegalArgumentException("expected a number, got " + v);
    }

    /** A long written as a JSON number (exact up to 64 bits) or a decimal string. */
    public static long toLong(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            return Long.parseLong(s);
        }
        throw new IllegalArgumentException("expected an integer, got " + v);
    }

    /** A JSON object as a map of doubles. */
    @SuppressWarnings("unchecked")
    public static Map<String, Double> toDoubles(Object v) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (v instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).forEach((k, x) -> out.put(k, toDouble(x)));
        }
        return out;
    }
}
