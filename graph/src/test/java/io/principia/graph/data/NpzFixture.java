package io.principia.graph.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.nd4j.linalg.api.ndarray.INDArray;

import io.principia.core.io.Npy;

/** Writes small gnn-benchmark-style .npz files, including NumPy {@code <U} string arrays, for tests. */
final class NpzFixture {
    private NpzFixture() {}

    static void write(Path file, Map<String, INDArray> arrays, Map<String, String[]> strings) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                zip.write(Npy.encode(e.getValue(), e.getKey()));
                zip.closeEntry();
            }
            for (var e : strings.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                zip.write(unicode(e.getValue()));
                zip.closeEntry();
            }
        }
    }

    /** A rank-1 {@code <U{w}} .npy image, w the longest string. */
    static byte[] unicode(String[] values) {
        int w = 1;
        for (String v : values) {
            w = Math.max(w, v.codePointCount(0, v.length()));
        }
        StringBuilder h = new StringBuilder("{'descr': '<U" + w + "', 'fortran_order': False, 'shape': (" + values.length + ",), }");
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        ByteBuffer b = ByteBuffer.allocate(10 + h.length() + values.length * w * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.putShort((short) h.length());
        b.put(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        for (String v : values) {
            int[] cps = v.codePoints().toArray();
            for (int k = 0; k < w; k++) {
                b.putInt(k < cps.length ? cps[k] : 0);
            }
        }
        return b.array();
    }
}
