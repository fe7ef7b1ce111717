package io.principia.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One array in NumPy's {@code .npy} format (versions 1.0, 2.0 and 3.0 on read, 1.0 or 2.0 on
 * write): the magic {@code \x93NUMPY}, a version, a little-endian header length, a Python dict
 * literal {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }} padded with spaces
 * to a multiple of 64 bytes and ending in a newline, then the raw elements.
 *
 * <p>Supported element types: {@code f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1}, either byte order on
 * read (written little-endian), C or Fortran order on read (written C order), any rank including
 * 0. Errors name the file and entry they came from.
 */
public final class Npy {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*(['\"])(.*?)\\1");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** Reads one {@code .npy} file. */
    public static INDArray read(Path file) throws IOException {
        return decode(Files.readAllBytes(file), file.toString());
    }

    /** Writes one {@code .npy} file atomically. */
    public static void write(Path file, INDArray array) throws IOException {
        byte[] bytes = encode(array, file.toString());
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    // ---------------------------------------------------------------- decode

    /**
     * Parses a whole {@code .npy} image. {@code where} names the source in errors, e.g.
     * {@code "run/last.ckpt, entry model/fc.weight.npy"}.
     */
    public static INDArray decode(byte[] bytes, String where) throws IOException {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new IOException(where + ": not a .npy array (bad magic; expected \\x93NUMPY, got "
                    + printable(Arrays.copyOf(bytes, Math.min(6, bytes.length))) + ")");
        }
        int major = bytes[6] & 0xFF;
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = in.getShort(8) & 0xFFFF;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IOException(where + ": truncated .npy header");
            }
            headerLen = in.getInt(8);
            headerStart = 12;
        } else {
            throw new IOException(where + ": unsupported .npy format version " + major + "." + (bytes[7] & 0xFF));
        }
        if (headerLen < 0 || (long) headerStart + headerLen > bytes.length) {
            throw new IOException(where + ": truncated .npy header (header length " + headerLen + ", file has "
                    + bytes.length + " bytes)");
        }
        String header = new String(bytes, headerStart, headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header h = parseHeader(header, where);
        int dataStart = headerStart + headerLen;

        long n = 1;
        long need;
        try {
            for (long s : h.shape) {
                n = Math.multiplyExact(n, s);
            }
            need = Math.multiplyExact(n, (long) h.type.width);
        } catch (ArithmeticException e) {
            throw new IOException(where + ": shape " + Arrays.toString(h.shape) + " in the .npy header is too large");
        }
        if (bytes.length - (long) dataStart < need) {
            throw new IOException(where + ": truncated data: shape " + Arrays.toString(h.shape) + " of " + h.descr
                    + " needs " + need + " bytes, but only " + (bytes.length - dataStart) + " follow the header");
        }
        // Fortran order stores the transpose in C order: read with reversed shape, then permute back.
        long[] storedShape = h.fortran ? reversed(h.shape) : h.shape;
        INDArray stored = allocate(h.type.dtype, storedShape);
        if (n > 0) {
            ByteBuffer src = ByteBuffer.wrap(bytes, dataStart, (int) need).slice().order(h.order);
            ByteBuffer dst = nio(stored, need);
            copy(src, dst, h.type.width);
        }
        if (h.fortran && h.shape.length > 1) {
            int[] axes = new int[h.shape.length];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = axes.length - 1 - i;
            }
            return stored.permute(axes).dup('c');
        }
        return stored;
    }

    private record Header(String descr, NpType type, ByteOrder order, boolean fortran, long[] shape) {}

    private static Header parseHeader(String header, String where) throws IOException {
        Matcher d = DESCR.matcher(header);
        if (!d.find()) {
            if (header.contains("descr") && header.contains("[")) {
                throw new IOException(where + ": structured (record) dtypes are not supported; header " + header.trim());
            }
            throw new IOException(where + ": .npy header has no 'descr': " + header.trim());
        }
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!f.find() || !s.find()) {
            throw new IOException(where + ": .npy header lacks 'fortran_order' or 'shape': " + header.trim());
        }
        String descr = d.group(2);
        if (descr.length() < 3) {
            throw new IOException(where + ": unsupported dtype '" + descr + "'");
        }
        char orderChar = descr.charAt(0);
        ByteOrder order = switch (orderChar) {
            case '<' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            case '=', '|' -> ByteOrder.nativeOrder();
            default -> throw new IOException(where + ": unsupported dtype '" + descr + "' (no byte-order prefix)");
        };
        NpType type = NpType.fromCode(descr.substring(1));
        if (type == null) {
            throw new IOException(where + ": unsupported dtype '" + descr + "'; supported: f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1");
        }
        List<Long> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            String t = part.trim();
            if (t.isEmpty()) {
                continue;
            }
            try {
                long v = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
                if (v < 0) {
                    throw new NumberFormatException();
                }
                dims.add(v);
            } catch (NumberFormatException e) {
                throw new IOException(where + ": bad shape (" + s.group(1) + ") in .npy header");
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        return new Header(descr, type, order, f.group(1).equals("True"), shape);
    }

    // ---------------------------------------------------------------- encode

    /** The {@code .npy} image of {@code array} (C order, little-endian). */
    public static byte[] encode(INDArray array, String where) throws IOException {
        NpType type = NpType.fromDataType(array.dataType());
        if (type == null) {
            throw new IOException(where + ": ND4J type " + array.dataType() + " has no NumPy equivalent; cast it first (e.g. to FLOAT)");
        }
        long[] shape = array.shape();
        long n = array.length();
        long dataBytes = n * type.width;
        StringBuilder dict = new StringBuilder("{'descr': '").append(type.descr()).append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            dict.append(shape[i]).append(shape.length == 1 ? "," : i < shape.length - 1 ? ", " : "");
        }
        dict.append("), }");
        int preamble = 10;
        int total = ((preamble + dict.length() + 1 + 63) / 64) * 64;
        int version = 1;
        if (total - preamble > 0xFFFF) {
            version = 2;
            preamble = 12;
            total = ((preamble + dict.length() + 1 + 63) / 64) * 64;
        }
        while (dict.length() < total - preamble - 1) {
            dict.append(' ');
        }
        dict.append('\n');
        if (total + dataBytes > Integer.MAX_VALUE - 16) {
            throw new IOException(where + ": array of " + dataBytes + " bytes is too large for one .npy entry here (limit 2 GiB)");
        }
        ByteBuffer out = ByteBuffer.allocate((int) (total + dataBytes)).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) version).put((byte) 0);
        if (version == 1) {
            out.putShort((short) (total - preamble));
        } else {
            out.putInt(total - preamble);
        }
        out.put(dict.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (n > 0) {
            INDArray c = array;
            if (c.isView() || c.ordering() != 'c' || c.data().length() != n) {
                c = array.dup('c');
            }
            ByteBuffer src = nio(c, dataBytes);
            copy(src, out.slice().order(ByteOrder.LITTLE_ENDIAN), type.width);
        }
        return out.array();
    }

    // ---------------------------------------------------------------- helpers

    /** The bytes of a one-dimensional UINT8 or INT8 array (e.g. the JSON inside a checkpoint). */
    public static byte[] bytes(INDArray array) {
        if (array.dataType().width() != 1) {
            throw new IllegalArgumentException("expected a byte array (UINT8/INT8), got " + array.dataType());
        }
        INDArray c = array.isView() || array.data().length() != array.length() ? array.dup('c') : array;
        byte[] out = new byte[(int) c.length()];
        if (out.length > 0) {
            nio(c, out.length).get(out);
        }
        return out;
    }

    /** A one-dimensional UINT8 array holding {@code bytes}. */
    public static INDArray uint8(byte[] bytes) {
        INDArray a = allocate(DataType.UINT8, new long[] {bytes.length});
        if (bytes.length > 0) {
            nio(a, bytes.length).put(bytes);
        }
        return a;
    }

    private static INDArray allocate(DataType dtype, long[] shape) {
        if (shape.length == 0) {
            return Nd4j.create(dtype, new long[0], 'c');
        }
        return Nd4j.create(dtype, shape, 'c');
    }

    /** A native-order view of the first {@code nbytes} bytes of a contiguous array's buffer. */
    private static ByteBuffer nio(INDArray a, long nbytes) {
        ByteBuffer b = a.data().asNio().duplicate();
        long offsetBytes = a.offset() * a.dataType().width();
        b.position((int) offsetBytes);
        b = b.slice();
        b.limit((int) nbytes);
        return b.order(ByteOrder.nativeOrder());
    }

    /** Copies elements of {@code width} bytes, converting byte order as the two buffers declare. */
    private static void copy(ByteBuffer src, ByteBuffer dst, int width) {
        switch (width) {
            case 1 -> dst.put(src);
            case 2 -> dst.asShortBuffer().put(src.asShortBuffer());
            case 4 -> dst.asIntBuffer().put(src.asIntBuffer());
            case 8 -> dst.asLongBuffer().put(src.asLongBuffer());
            default -> throw new IllegalStateException("element width " + width);
        }
    }

    private static long[] reversed(long[] a) {
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[a.length - 1 - i];
        }
        return r;
    }

    private static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            int v = x & 0xFF;
            sb.append(v >= 32 && v < 127 ? String.valueOf((char) v) : String.format("\\x%02x", v));
        }
        return sb.toString();
    }

    /** NumPy element types and their ND4J counterparts. */
    enum NpType {
        F2("f2", 2, DataType.HALF), F4("f4", 4, DataType.FLOAT), F8("f8", 8, DataType.DOUBLE),
        I1("i1", 1, DataType.INT8), I2("i2", 2, DataType.INT16), I4("i4", 4, DataType.INT32), I8("i8", 8, DataType.INT64),
        U1("u1", 1, DataType.UINT8), U2("u2", 2, DataType.UINT16), U4("u4", 4, DataType.UINT32), U8("u8", 8, DataType.UINT64),
        B1("b1", 1, DataType.BOOL);

        final String code;
        final int width;
        final DataType dtype;

        NpType(String code, int width, DataType dtype) {
            this.code = code;
            this.width = width;
            this.dtype = dtype;
        }

        String descr() {
            return (width == 1 ? "|" : "<") + code;
        }

        static NpType fromCode(String code) {
            String c = code.equals("?") ? "b1" : code;
            for (NpType t : values()) {
                if (t.code.equals(c)) {
                    return t;
                }
            }
            return null;
        }

        static NpType fromDataType(DataType dt) {
            return switch (dt) {
                case HALF -> F2;
                case FLOAT -> F4;
                case DOUBLE -> F8;
                case BYTE -> I1;
                case SHORT -> I2;
                case INT -> I4;
                case LONG -> I8;
                case UBYTE -> U1;
                case UINT16 -> U2;
                case UINT32 -> U4;
                case UINT64 -> U8;
                case BOOL -> B1;
                default -> null;
            };
        }
    }
}
