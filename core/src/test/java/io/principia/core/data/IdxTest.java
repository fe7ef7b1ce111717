package io.principia.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class IdxTest {
    @TempDir
    Path dir;

    /** 3 images of 2x4 pixels with values (7 i + p) mod 256, covering 0 and 255. */
    private static final byte[] PIXELS = new byte[3 * 2 * 4];
    private static final byte[] LABELS = {9, 0, (byte) 200};

    static {
        for (int i = 0; i < PIXELS.length; i++) {
            PIXELS[i] = (byte) (i == 0 ? 0 : i == 5 ? 255 : 11 * i);
        }
    }

    /** The file bytes written by hand: big-endian header then payload. */
    private static byte[] idx(int magic, int[] dims, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeInt(out, magic);
        for (int d : dims) {
            writeInt(out, d);
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(b);
        }
        return bos.toByteArray();
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static void assertImages(INDArray images) {
        assertEquals(DataType.FLOAT, images.dataType());
        assertArrayEquals(new long[] {3, 2, 4}, images.shape());
        float[] v = images.dup().data().asFloat();
        for (int i = 0; i < PIXELS.length; i++) {
            assertEquals((PIXELS[i] & 0xFF) / 255.0, v[i], 1e-7, "pixel " + i);
        }
        assertEquals(0.0, images.minNumber().doubleValue(), 0.0);
        assertEquals(1.0, images.maxNumber().doubleValue(), 0.0);
    }

    @Test
    void readsRawAndGzipImagesAndLabels() throws IOException {
        byte[] images = idx(0x00000803, new int[] {3, 2, 4}, PIXELS);
        byte[] labels = idx(0x00000801, new int[] {3}, LABELS);
        assertImages(Idx.readImages(file("images-idx3-ubyte", images)));
        assertImages(Idx.readImages(file("images-idx3-ubyte.gz", gzip(images))));
        for (Path p : new Path[] {file("labels", labels), file("labels.gz", gzip(labels))}) {
            INDArray y = Idx.readLabels(p);
            assertEquals(DataType.INT64, y.dataType());
            assertArrayEquals(new long[] {3}, y.shape());
            assertArrayEquals(new long[] {9, 0, 200}, y.toLongVector());
        }
    }

    @Test
    void gzipIsDetectedByContentNotName() throws IOException {
        byte[] labels = idx(0x00000801, new int[] {3}, LABELS);
        assertArrayEquals(new long[] {9, 0, 200}, Idx.readLabels(file("gz-named-plain.idx", gzip(labels))).toLongVector());
        assertArrayEquals(new long[] {9, 0, 200}, Idx.readLabels(file("plain-named.gz", labels)).toLongVector());
    }

    @Test
    void rawBytesAndUint8Options() throws IOException {
        Path p = file("images.gz", gzip(idx(0x00000803, new int[] {3, 2, 4}, PIXELS)));
        Idx.Raw raw = Idx.read(p);
        assertEquals(Idx.IMAGES_MAGIC, raw.magic());
        assertArrayEquals(new int[] {3, 2, 4}, raw.dims());
        assertEquals(3, raw.count());
        assertArrayEquals(PIXELS, raw.data());
        INDArray u8 = Idx.readImagesUint8(p);
        assertEquals(DataType.UINT8, u8.dataType());
        assertArrayEquals(new long[] {3, 2, 4}, u8.shape());
        int[] values = u8.castTo(DataType.INT32).dup().data().asInt();
        for (int i = 0; i < PIXELS.length; i++) {
            assertEquals(PIXELS[i] & 0xFF, values[i], "pixel " + i);
        }
    }

    @Test
    void writeRoundTripsAndIsReproducible() throws IOException {
        Path a = dir.resolve("a.gz");
        Path b = dir.resolve("b.gz");
        Idx.write(a, new int[] {3, 2, 4}, PIXELS, true);
        Idx.write(b, new int[] {3, 2, 4}, PIXELS, true);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertImages(Idx.readImages(a));
        Path plain = dir.resolve("plain");
        Idx.write(plain, new int[] {3}, LABELS, false);
        assertArrayEquals(idx(0x00000801, new int[] {3}, LABELS), Files.readAllBytes(plain));
        assertThrows(IllegalArgumentException.class, () -> Idx.write(dir.resolve("x"), new int[] {2, 2}, new byte[3], false));
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope-idx1-ubyte.gz");
        DataException e = assertThrows(DataException.class, () -> Idx.readLabels(missing));
        assertTrue(e.getMessage().contains("not found") && e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void badMagicReportsTheValueFound() throws IOException {
        Path labelsAsImages = file("labels", idx(0x00000801, new int[] {3}, LABELS));
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(labelsAsImages));
        assertTrue(e.getMessage().contains("0x00000801") && e.getMessage().contains("0x00000803")
                && e.getMessage().contains(labelsAsImages.toString()), e.getMessage());
        Path garbage = file("garbage.gz", gzip("not an idx file at all".getBytes()));
        DataException g = assertThrows(DataException.class, () -> Idx.read(garbage));
        assertTrue(g.getMessage().contains("bad magic") && g.getMessage().contains("0x6E6F7420"), g.getMessage());
        Path floats = file("floats", idx(0x00000D01, new int[] {0}, new byte[0]));
        DataException t = assertThrows(DataException.class, () -> Idx.read(floats));
        assertTrue(t.getMessage().contains("0x0D"), t.getMessage());
    }

    @Test
    void truncatedPayloadReportsExpectedAndActualBytes() throws IOException {
        byte[] full = idx(0x00000803, new int[] {3, 2, 4}, PIXELS);
        byte[] cut = Arrays.copyOf(full, full.length - 5);
        for (Path p : new Path[] {file("cut", cut), file("cut.gz", gzip(cut))}) {
            DataException e = assertThrows(DataException.class, () -> Idx.readImages(p));
            assertTrue(e.getMessage().contains("truncated payload") && e.getMessage().contains("24")
                    && e.getMessage().contains("19") && e.getMessage().contains(p.toString()), e.getMessage());
        }
        Path header = file("header", Arrays.copyOf(full, 10));
        DataException h = assertThrows(DataException.class, () -> Idx.readImages(header));
        assertTrue(h.getMessage().contains("truncated header"), h.getMessage());
        Path longer = file("long", Arrays.copyOf(full, full.length + 2));
        DataException l = assertThrows(DataException.class, () -> Idx.readImages(longer));
        assertTrue(l.getMessage().contains("26"), l.getMessage());
    }

    @Test
    void corruptOrCutGzipIsReported() throws IOException {
        byte[] gz = gzip(idx(0x00000803, new int[] {3, 2, 4}, PIXELS));
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        byte[] flipped = gz.clone();
        for (int i = 12; i < flipped.length - 8; i++) {
            flipped[i] ^= (byte) 0x5A;
        }
        for (Path p : new Path[] {file("cut.gz", cut), file("flipped.gz", flipped)}) {
            DataException e = assertThrows(DataException.class, () -> Idx.readImages(p));
            assertTrue(e.getMessage().contains("gzip") && e.getMessage().contains(p.toString()), e.getMessage());
        }
    }
}
