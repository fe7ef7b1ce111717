package io.principia.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NpzTest {
    @TempDir
    Path dir;

    private static final DataType[] TYPES = {DataType.FLOAT, DataType.DOUBLE, DataType.HALF, DataType.INT8, DataType.INT16,
            DataType.INT32, DataType.INT64, DataType.UINT8, DataType.UINT16, DataType.BOOL};
    private static final long[][] SHAPES = {{}, {1}, {5}, {2, 3}, {2, 3, 4}, {1, 2, 1, 3}};

    /** Values that every type above holds exactly: small integers (0/1 for bool), halves for floats. */
    private static double[] values(DataType t, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (t) {
                case BOOL -> i % 3 == 0 ? 1 : 0;
                case UBYTE, UINT16 -> (i * 37) % 251;
                case BYTE -> ((i * 37) % 251) - 125;
                case FLOAT, DOUBLE, HALF -> (i - 3.5) * 0.5;
                default -> (i * 7919) % 2001 - 1000;
            };
        }
        return v;
    }

    private static INDArray make(DataType t, long... shape) {
        int n = 1;
        for (long s : shape) {
            n *= (int) s;
        }
        return Nd4j.create(values(t, n), shape, 'c').castTo(t);
    }

    private static void assertSameArray(INDArray expected, INDArray actual, String what) {
        assertEquals(expected.dataType(), actual.dataType(), what + " dtype");
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        assertArrayEquals(expected.castTo(DataType.DOUBLE).dup('c').data().asDouble(),
                actual.castTo(DataType.DOUBLE).dup('c').data().asDouble(), what + " values");
    }

    @Test
    void roundTripsEveryTypeAndShapeStoredAndCompressed() throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (DataType t : TYPES) {
            for (long[] s : SHAPES) {
                arrays.put("a/" + t + "." + java.util.Arrays.toString(s).replaceAll("[^0-9]+", "_"), make(t, s));
            }
        }
        for (boolean compressed : new boolean[] {false, true}) {
            Path f = dir.resolve(compressed ? "c.npz" : "s.npz");
            if (compressed) {
                Npz.writeCompressed(f, arrays);
            } else {
                Npz.write(f, arrays);
            }
            Map<String, INDArray> back = Npz.read(f);
            assertEquals(new ArrayList<>(arrays.keySet()), new ArrayList<>(back.keySet()), "keys and their order");
            for (String k : arrays.keySet()) {
                assertSameArray(arrays.get(k), back.get(k), k);
            }
        }
        assertEquals(TYPES.length * SHAPES.length, arrays.size());
    }

    /** NumPy itself as the oracle, when python3 with numpy is on the PATH (skipped otherwise). */
    @Test
    void numpyReadsWhatWeWrite() throws Exception {
        Path f = dir.resolve("ours.npz");
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("model/w.0", make(DataType.FLOAT, 2, 3));
        arrays.put("i8", make(DataType.LONG, 4));
        arrays.put("b", make(DataType.BOOL, 3));
        arrays.put("s", make(DataType.DOUBLE));
        Npz.writeCompressed(f, arrays);
        Npz.write(dir.resolve("ours_stored.npz"), arrays);
        String script = "import numpy as np,sys\n"
                + "for p in sys.argv[1:]:\n"
                + "  a=np.load(p)\n"
                + "  print(sorted(a.files), a['model/w.0'].dtype, a['model/w.0'].shape, a['model/w.0'].tolist(),"
                + " a['i8'].dtype.str, a['i8'].tolist(), a['b'].dtype, a['b'].tolist(), a['s'].shape, float(a['s']))\n";
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", script, f.toString(), dir.resolve("ours_stored.npz").toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("python3 not available");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0 || !out.contains("No module named"), "numpy not available");
        assertEquals(0, p.waitFor(), out);
        String line = "['b', 'i8', 'model/w.0', 's'] float32 (2, 3) [[-1.75, -1.25, -0.75], [-0.25, 0.25, 0.75]]"
                + " <i8 [-1000, 916, 831, 746] bool [True, False, False] () -1.75";
        assertEquals(line + "\n" + line + "\n", out);
    }

    @Test
    void emptyArraysKeepTheirShape() throws IOException {
        Path f = dir.resolve("empty.npz");
        Npz.write(f, Map.of("e", Nd4j.create(DataType.FLOAT, 0), "e2", Nd4j.create(DataType.DOUBLE, 2, 0)));
        Map<String, INDArray> back = Npz.read(f);
        assertArrayEquals(new long[] {0}, back.get("e").shape());
        assertArrayEquals(new long[] {2, 0}, back.get("e2").shape());
        assertEquals(DataType.DOUBLE, back.get("e2").dataType());
    }

    @Test
    void int64ExtremesAndFloatBitsSurvive() throws IOException {
        INDArray longs = Nd4j.createFromArray(Long.MIN_VALUE, -1L, 0L, (1L << 53) + 1, Long.MAX_VALUE);
        INDArray floats = Nd4j.createFromArray(Float.MIN_VALUE, Float.NaN, Float.NEGATIVE_INFINITY, -0.0f, 1e-38f);
        INDArray doubles = Nd4j.createFromArray(Math.PI, Double.MIN_VALUE, Double.MAX_VALUE, -0.0);
        Path f = dir.resolve("x.npz");
        Npz.write(f, Map.of("l", longs, "f", floats, "d", doubles));
        Map<String, INDArray> back = Npz.read(f);
        assertArrayEquals(longs.data().asLong(), back.get("l").data().asLong());
        float[] fb = back.get("f").data().asFloat();
        float[] fe = floats.data().asFloat();
        for (int i = 0; i < fe.length; i++) {
            assertEquals(Float.floatToRawIntBits(fe[i]), Float.floatToRawIntBits(fb[i]), "float bits at " + i);
        }
        assertArrayEquals(doubles.data().asDouble(), back.get("d").data().asDouble());
    }

    @Test
    void viewsAndFortranOrderedArraysAreWrittenInLogicalOrder() throws IOException {
        INDArray base = Nd4j.arange(24).castTo(DataType.FLOAT).reshape(4, 6);
        INDArray transposed = base.transpose(); // a view, [6, 4]
        INDArray slice = base.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 5)); // a view with an offset, [2, 3]
        INDArray fOrder = base.dup('f');
        Path f = dir.resolve("v.npz");
        Npz.write(f, Map.of("t", transposed, "s", slice, "f", fOrder));
        Map<String, INDArray> back = Npz.read(f);
        assertSameArray(transposed.dup('c'), back.get("t"), "transposed view");
        assertSameArray(slice.dup('c'), back.get("s"), "slice view");
        assertSameArray(base, back.get("f"), "f-ordered");
        assertEquals(8.0, back.get("s").getDouble(0, 0)); // row 1, column 2 of 0..23
    }

    @Test
    void readsWhatNumpyWrote() throws IOException {
        for (String name : new String[] {"numpy_written.npz", "numpy_compressed.npz"}) {
            Map<String, INDArray> a = Npz.read(fixture(name));
            assertEquals(List.of("f32", "f64", "i64", "i32", "u8", "bool", "fortran", "fortran3", "scalar", "big_endian",
                    "model/fc.weight"), new ArrayList<>(a.keySet()), name);

            INDArray f32 = a.get("f32");
            assertEquals(DataType.FLOAT, f32.dataType());
            assertArrayEquals(new long[] {2, 3}, f32.shape());
            assertArrayEquals(new float[] {1.5f, -2.25f, 3.0f, 0.125f, 1e-3f, -7.0f}, f32.data().asFloat());

            assertEquals(DataType.DOUBLE, a.get("f64").dataType());
            assertArrayEquals(new double[] {Math.PI, -Math.E, 1e-300, 12345.678901234567}, a.get("f64").data().asDouble());

            INDArray i64 = a.get("i64");
            assertEquals(DataType.INT64, i64.dataType());
            assertArrayEquals(new long[] {2, 3}, i64.shape());
            assertArrayEquals(new long[] {-(1L << 40), -1, 0, 1, (1L << 53) + 1, 9}, i64.data().asLong());

            assertEquals(DataType.INT32, a.get("i32").dataType());
            assertArrayEquals(new int[] {-3, -2, -1, 0, 1, 2}, a.get("i32").data().asInt());

            assertEquals(DataType.UINT8, a.get("u8").dataType());
            assertArrayEquals(new double[] {0, 1, 127, 128, 255}, a.get("u8").castTo(DataType.DOUBLE).data().asDouble());

            INDArray bool = a.get("bool");
            assertEquals(DataType.BOOL, bool.dataType());
            assertArrayEquals(new long[] {3, 2}, bool.shape());
            assertArrayEquals(new double[] {1, 0, 0, 1, 1, 1}, bool.castTo(DataType.DOUBLE).data().asDouble());

            INDArray fortran = a.get("fortran");
            assertArrayEquals(new long[] {2, 3}, fortran.shape());
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(3 * i + j, fortran.getDouble(i, j), "fortran[" + i + "," + j + "]");
                }
            }
            INDArray fortran3 = a.get("fortran3");
            assertEquals(DataType.INT16, fortran3.dataType());
            assertArrayEquals(new long[] {2, 3, 4}, fortran3.shape());
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    for (int k = 0; k < 4; k++) {
                        assertEquals(12 * i + 4 * j + k, fortran3.getDouble(i, j, k), "fortran3[" + i + "," + j + "," + k + "]");
                    }
                }
            }

            INDArray scalar = a.get("scalar");
            assertEquals(0, scalar.rank());
            assertEquals(2.5, scalar.getDouble(0));

            assertArrayEquals(new float[] {1.0f, -2.0f, 3.5f}, a.get("big_endian").data().asFloat());
            assertArrayEquals(new float[] {0.5f, -0.5f}, a.get("model/fc.weight").data().asFloat());
        }
    }

    static Path fixture(String name) {
        try {
            return Path.of(NpzTest.class.getResource("/npz/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- errors

    private Path zipWith(String entry, byte[] content) throws IOException {
        Path f = dir.resolve("bad-" + entry.replace('/', '_') + ".npz");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry(entry));
            z.write(content);
            z.closeEntry();
        }
        Files.write(f, bytes.toByteArray());
        return f;
    }

    private static byte[] npy(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[10 + h.length + dataBytes];
        System.arraycopy(Npy.MAGIC, 0, out, 0, 6);
        out[6] = 1;
        out[8] = (byte) h.length;
        System.arraycopy(h, 0, out, 10, h.length);
        return out;
    }

    @Test
    void badMagicNamesFileAndEntry() throws IOException {
        Path f = zipWith("w.npy", "definitely not numpy".getBytes(StandardCharsets.US_ASCII));
        IOException e = assertThrows(IOException.class, () -> Npz.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("entry w.npy")
                && e.getMessage().contains("bad magic"), e.getMessage());
    }

    @Test
    void unsupportedDtypeNamesIt() throws IOException {
        Path f = zipWith("z.npy", npy("{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }\n", 16));
        IOException e = assertThrows(IOException.class, () -> Npz.read(f));
        assertTrue(e.getMessage().contains("entry z.npy") && e.getMessage().contains("'<c8'"), e.getMessage());
        Path g = zipWith("r.npy", npy("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }\n", 8));
        IOException e2 = assertThrows(IOException.class, () -> Npz.read(g));
        assertTrue(e2.getMessage().contains("structured"), e2.getMessage());
    }

    @Test
    void truncatedDataSaysHowManyBytesAreMissing() throws IOException {
        Path f = zipWith("t.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (10,), }\n", 24));
        IOException e = assertThrows(IOException.class, () -> Npz.read(f));
        assertTrue(e.getMessage().contains("entry t.npy") && e.getMessage().contains("truncated")
                && e.getMessage().contains("80 bytes") && e.getMessage().contains("only 24"), e.getMessage());
    }

    @Test
    void truncatedOrForeignArchiveNamesTheFile() throws IOException {
        Path good = dir.resolve("g.npz");
        Npz.write(good, Map.of("x", make(DataType.FLOAT, 100)));
        byte[] all = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.npz");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        IOException e = assertThrows(IOException.class, () -> Npz.read(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()) && e.getMessage().contains("truncated"), e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> Npz.read(dir.resolve("nope.npz")));
        assertTrue(missing.getMessage().contains("nope.npz"), missing.getMessage());
    }

    @Test
    void singleNpyFileRoundTrip() throws IOException {
        Path f = dir.resolve("one.npy");
        INDArray x = make(DataType.DOUBLE, 3, 2);
        Npy.write(f, x);
        assertSameArray(x, Npy.read(f), "npy");
        byte[] raw = Files.readAllBytes(f);
        int headerEnd = 10 + ((raw[8] & 0xFF) | (raw[9] & 0xFF) << 8);
        assertEquals(0, headerEnd % 64, "header is padded to 64 bytes");
        assertEquals('\n', raw[headerEnd - 1]);
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }",
                new String(raw, 10, headerEnd - 10, StandardCharsets.ISO_8859_1).trim());
    }

    @Test
    void bytesRoundTripThroughUint8() {
        byte[] b = {0, 1, -1, 127, -128, 42};
        INDArray a = Npy.uint8(b);
        assertEquals(DataType.UINT8, a.dataType());
        assertArrayEquals(b, Npy.bytes(a));
        assertEquals(255.0, a.getDouble(2));
    }
}
