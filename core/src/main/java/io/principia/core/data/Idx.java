package io.principia.core.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reader (and writer) for IDX files, the format of MNIST and Fashion-MNIST, raw or gzip-compressed
 * (detected by the gzip magic bytes {@code 1f 8b}, not by the file name).
 *
 * <p>Layout, all integers big-endian: a 4-byte magic {@code 0x0000 TT RR} where TT is the element
 * type (only {@code 0x08}, unsigned byte, is supported) and RR the number of dimensions; RR sizes
 * as uint32; then the payload, {@code prod(sizes)} bytes in row-major order. Labels files have
 * magic {@code 0x00000801} ([N]), image files {@code 0x00000803} ([N, rows, cols]).
 *
 * <p>Every error is a {@link DataException} naming the file and what is wrong. Files are read
 * whole into a {@code byte[]} and each array is built with one ND4J call.
 */
public final class Idx {
    /** Magic of an unsigned-byte rank-1 file (labels). */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Magic of an unsigned-byte rank-3 file (images). */
    public static final int IMAGES_MAGIC = 0x00000803;

    private static final int UBYTE = 0x08;
    private static final float[] SCALE = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            SCALE[v] = v / 255f;
        }
    }

    private Idx() {}

    /** The validated contents of an unsigned-byte IDX file: its magic, sizes and payload. */
    public record Raw(Path file, int magic, int[] dims, byte[] data) {
        /** Size of the first dimension (the number of examples). */
        public int count() { return dims[0]; }

        public long[] shape() { return Arrays.stream(dims).asLongStream().toArray(); }
    }

    /** Reads any unsigned-byte IDX file, validating header and payload length. */
    public static Raw read(Path file) {
        return parse(file, bytes(file));
    }

    /** Reads an unsigned-byte IDX file whose magic must be {@code expectedMagic}. */
    public static Raw read(Path file, int expectedMagic) {
        byte[] b = bytes(file);
        if (b.length >= 4 && readInt(b, 0) != expectedMagic) {
            throw fail(file, String.format("bad magic number 0x%08X, expected 0x%08X (%s)", readInt(b, 0),
                    expectedMagic, describe(expectedMagic)));
        }
        return parse(file, b);
    }

    /** Images as float32 [N, rows, cols], pixel / 255 so values lie in [0, 1]. */
    public static INDArray readImages(Path file) {
        Raw raw = read(file, IMAGES_MAGIC);
        byte[] src = raw.data();
        float[] v = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            v[i] = SCALE[src[i] & 0xFF];
        }
        return Nd4j.create(v, raw.shape(), 'c'); // [N, rows, cols]
    }

    /** Images as their raw unsigned bytes, a UINT8 array [N, rows, cols] with values 0..255. */
    public static INDArray readImagesUint8(Path file) {
        Raw raw = read(file, IMAGES_MAGIC);
        // int8 -> uint8 reinterprets the two's-complement bits: -1 becomes 255
        return Nd4j.createFromArray(raw.data()).castTo(DataType.UINT8).reshape('c', raw.shape()); // [N, rows, cols]
    }

    /** Labels as int64 (Java long) class indices [N]. */
    public static INDArray readLabels(Path file) {
        Raw raw = read(file, LABELS_MAGIC);
        byte[] src = raw.data();
        long[] v = new long[src.length];
        for (int i = 0; i < src.length; i++) {
            v[i] = src[i] & 0xFF;
        }
        return Nd4j.createFromArray(v); // [N]
    }

    /**
     * Writes an unsigned-byte IDX file with sizes {@code dims} and payload {@code data}, gzip
     * compressed if {@code gzip} (the gzip header carries no name and mtime 0, so output is
     * reproducible).
     */
    public static void write(Path file, int[] dims, byte[] data, boolean gzip) {
        long expected = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("Idx.write: negative size in " + Arrays.toString(dims));
            }
            expected *= d;
        }
        if (dims.length < 1 || dims.length > 255 || expected != data.length) {
            throw new IllegalArgumentException("Idx.write: sizes " + Arrays.toString(dims) + " need " + expected
                    + " bytes, got " + data.length);
        }
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw) {
            byte[] header = new byte[4 + 4 * dims.length];
            putInt(header, 0, (UBYTE << 8) | dims.length);
            for (int k = 0; k < dims.length; k++) {
                putInt(header, 4 + 4 * k, dims[k]);
            }
            out.write(header);
            out.write(data);
        } catch (IOException e) {
            throw new DataException("cannot write IDX file " + file + ": " + e, e);
        }
    }

    /** The file's bytes, gunzipped if it starts with the gzip magic {@code 1f 8b}. */
    static byte[] bytes(Path file) {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataException("IDX file not found: " + file, e);
        } catch (IOException e) {
            throw new DataException("cannot read IDX file " + file + ": " + e, e);
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0x1F && (b[1] & 0xFF) == 0x8B) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(b), 1 << 16)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, gzipSizeHint(b)));
                in.transferTo(out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new DataException("IDX file " + file + ": corrupt or truncated gzip data (" + e.getMessage() + ")", e);
            }
        }
        return b;
    }

    /**
     * The uncompressed size mod 2^32 stored in the gzip trailer, as a buffer size hint; capped at
     * 8x the compressed size because a corrupt trailer can claim anything (the buffer still grows).
     */
    private static int gzipSizeHint(byte[] gz) {
        int n = gz.length;
        if (n < 18) {
            return 64;
        }
        long size = (gz[n - 4] & 0xFFL) | (gz[n - 3] & 0xFFL) << 8 | (gz[n - 2] & 0xFFL) << 16 | (gz[n - 1] & 0xFFL) << 24;
        return (int) Math.min(size, Math.min(8L * n + 1024, Integer.MAX_VALUE - 8));
    }

    private static Raw parse(Path file, byte[] b) {
        if (b.length < 4) {
            throw fail(file, "too short for an IDX header (" + b.length + " bytes)");
        }
        int magic = readInt(b, 0);
        int type = (magic >>> 8) & 0xFF;
        int rank = magic & 0xFF;
        if ((magic >>> 16) != 0 || rank == 0) {
            throw fail(file, String.format("bad magic number 0x%08X, an IDX file starts with 0x0000TTRR "
                    + "(TT element type, RR number of dimensions)", magic));
        }
        if (type != UBYTE) {
            throw fail(file, String.format("element type 0x%02X (magic 0x%08X) is not supported; only unsigned "
                    + "byte (0x08) is", type, magic));
        }
        int header = 4 + 4 * rank;
        if (b.length < header) {
            throw fail(file, "truncated header: " + rank + " dimensions need " + header + " bytes, file has " + b.length);
        }
        int[] dims = new int[rank];
        long expected = 1;
        for (int k = 0; k < rank; k++) {
            dims[k] = readInt(b, 4 + 4 * k);
            if (dims[k] < 0) {
                throw fail(file, "dimension " + k + " has size " + Integer.toUnsignedString(dims[k]) + ", too large");
            }
            expected *= dims[k];
            if (expected > Integer.MAX_VALUE - 8L - header) {
                throw fail(file, "sizes " + Arrays.toString(dims) + " exceed the supported 2 GiB payload");
            }
        }
        long actual = b.length - (long) header;
        if (actual < expected) {
            throw fail(file, "truncated payload: sizes " + Arrays.toString(dims) + " need " + expected
                    + " bytes after the " + header + "-byte header, found " + actual);
        }
        if (actual > expected) {
            throw fail(file, "payload too long: sizes " + Arrays.toString(dims) + " need " + expected
                    + " bytes after the " + header + "-byte header, found " + actual + " (trailing data)");
        }
        return new Raw(file, magic, dims, Arrays.copyOfRange(b, header, b.length));
    }

    private static String describe(int magic) {
        return switch (magic) {
            case LABELS_MAGIC -> "labels, idx1-ubyte";
            case IMAGES_MAGIC -> "images, idx3-ubyte";
            default -> "idx" + (magic & 0xFF) + "-ubyte";
        };
    }

    private static DataException fail(Path file, String what) {
        return new DataException("IDX file " + file + ": " + what);
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
