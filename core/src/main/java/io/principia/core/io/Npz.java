package io.principia.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * NumPy's {@code .npz} archive: a ZIP file holding one {@link Npy .npy} entry per array, named
 * {@code <key>.npy}. What {@code np.savez(path, **arrays)} writes, {@link #read} returns, and
 * {@code np.load(path)} reads what {@link #write} writes. Keys may contain {@code /} and dots
 * (e.g. {@code model/blocks.0.attn.wq}).
 */
public final class Npz {
    private Npz() {}

    /** Writes {@code arrays} with stored (uncompressed) entries, atomically, in map order. */
    public static void write(Path file, Map<String, INDArray> arrays) throws IOException {
        write(file, arrays, false);
    }

    /** Writes {@code arrays} with deflated entries, like {@code np.savez_compressed}. */
    public static void writeCompressed(Path file, Map<String, INDArray> arrays) throws IOException {
        write(file, arrays, true);
    }

    private static void write(Path file, Map<String, INDArray> arrays, boolean compressed) throws IOException {
        Map<String, byte[]> images = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isEmpty() || key.startsWith("/") || key.contains("\\")) {
                throw new IllegalArgumentException(file + ": invalid array key '" + key + "'");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException(file + ": array '" + key + "' is null");
            }
            images.put(key, Npy.encode(e.getValue(), file + ", entry " + key + ".npy"));
        }
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, byte[]> e : images.entrySet()) {
                byte[] data = e.getValue();
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                if (compressed) {
                    entry.setMethod(ZipEntry.DEFLATED);
                } else {
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(data.length);
                    entry.setCompressedSize(data.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(data);
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /**
     * Reads every {@code .npy} entry, in archive order, keyed by its name without {@code .npy}.
     * Stored and deflated entries both work; other entries are skipped.
     */
    public static LinkedHashMap<String, INDArray> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such .npz file");
        }
        LinkedHashMap<String, INDArray> out = new LinkedHashMap<>();
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new IOException(file + ": not a readable .npz (ZIP) archive; it may be truncated or not an .npz at all ("
                    + e.getMessage() + ")", e);
        }
        try (zip) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.endsWith(".npy")) {
                    continue;
                }
                String where = file + ", entry " + name;
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                } catch (ZipException | java.io.EOFException e) {
                    throw new IOException(where + ": corrupt or truncated ZIP entry (" + e.getMessage() + ")", e);
                }
                out.put(name.substring(0, name.length() - 4), Npy.decode(bytes, where));
            }
        }
        return out;
    }
}
