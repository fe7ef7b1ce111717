package io.principia.graph.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.principia.core.data.DataException;
import io.principia.core.io.Npy;
import io.principia.graph.Graph;

/**
 * The gnn-benchmark {@code .npz} graph format (Shchur et al. 2018, "Pitfalls of graph neural
 * network evaluation"): a ZIP of {@code .npy} arrays holding
 * <ul>
 *   <li>{@code adj_data, adj_indices, adj_indptr, adj_shape}: the adjacency in CSR form, with
 *       {@code A[i, j] = 1} for a link j -> i (for Cora: i is cited by j). Stored values are not
 *       used as weights; the edge stored is j -> i, so Cora matches {@link Linqs}.</li>
 *   <li>{@code attr_data, attr_indices, attr_indptr, attr_shape}: features [N, F] in CSR form,
 *       returned dense (float32).</li>
 *   <li>{@code labels} [N] (int8 or int64), optional {@code node_names} and {@code class_names}
 *       as fixed-width UTF-32 strings ({@code <U7}).</li>
 * </ul>
 * Core's {@link io.principia.core.io.Npz#read} decodes numeric arrays only, so this reader walks
 * the archive itself: numeric entries through {@link Npy#decode}, {@code <U} entries with
 * {@link #decodeStrings}.
 */
public final class NpzGraph {
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([<>|=]?)U(\\d+)['\"]");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\((\\d*)\\s*,?\\s*\\)");

    private NpzGraph() {}

    /** Loads a gnn-benchmark graph; {@code name} is used in messages. */
    public static GraphData load(String name, Path file) {
        Linqs.requireFile(name, file);
        Map<String, INDArray> num = new HashMap<>();
        Map<String, List<String>> str = new HashMap<>();
        read(file, num, str);
        for (String key : List.of("adj_data", "adj_indices", "adj_indptr", "adj_shape", "attr_data", "attr_indices",
                "attr_indptr", "attr_shape", "labels")) {
            if (!num.containsKey(key)) {
                throw new DataException(file + ": missing array '" + key + "' (has " + new java.util.TreeSet<>(keys(num, str)) + ")");
            }
        }
        long[] attrShape = num.get("attr_shape").toLongVector();
        long[] adjShape = num.get("adj_shape").toLongVector();
        int n = (int) attrShape[0], f = (int) attrShape[1];
        if (adjShape[0] != n || adjShape[1] != n) {
            throw new DataShapeException(file + ": adjacency shape " + Arrays.toString(adjShape) + " does not match the "
                    + n + " feature rows (expected [" + n + ", " + n + "])");
        }
        int[] adjPtr = csr(file, "adj", num, n, n);
        int[] adjIdx = num.get("adj_indices").toIntVector();
        int[] src = new int[adjIdx.length];
        int[] dst = new int[adjIdx.length];
        for (int i = 0; i < n; i++) {
            for (int k = adjPtr[i]; k < adjPtr[i + 1]; k++) {
                dst[k] = i;
                src[k] = adjIdx[k];
            }
        }
        int[] attrPtr = csr(file, "attr", num, n, f);
        int[] attrIdx = num.get("attr_indices").toIntVector();
        float[] attrVal = num.get("attr_data").castTo(DataType.FLOAT).toFloatVector();
        float[] x = new float[n * f];
        for (int i = 0; i < n; i++) {
            for (int k = attrPtr[i]; k < attrPtr[i + 1]; k++) {
                x[i * f + attrIdx[k]] += attrVal[k];
            }
        }
        INDArray labelArray = num.get("labels");
        if (labelArray.length() != n) {
            throw new DataShapeException(file + ": 'labels' holds " + labelArray.length() + " entries but the features have "
                    + n + " rows (the label array does not match the feature matrix)");
        }
        int[] labels = labelArray.castTo(DataType.INT).toIntVector();
        int numClasses = Arrays.stream(labels).max().orElse(-1) + 1;
        List<String> classes = str.getOrDefault("class_names", null);
        if (classes == null) {
            classes = new ArrayList<>();
            for (int c = 0; c < numClasses; c++) {
                classes.add("class" + c);
            }
        } else if (classes.size() < numClasses) {
            throw new DataShapeException(file + ": labels go up to " + (numClasses - 1) + " but 'class_names' lists only "
                    + classes.size() + " classes");
        }
        List<String> ids = str.get("node_names");
        if (ids == null) {
            ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(Integer.toString(i));
            }
        }
        return new GraphData(name, new Graph(n, src, dst), Nd4j.create(x, new long[] {n, f}, 'c'), labels, classes, ids);
    }

    /** Validates one CSR triple against [rows, cols] and returns its row pointer. */
    private static int[] csr(Path file, String p, Map<String, INDArray> num, int rows, int cols) {
        int[] ptr = num.get(p + "_indptr").toIntVector();
        long nnz = num.get(p + "_indices").length();
        if (ptr.length != rows + 1) {
            throw new DataShapeException(file + ": '" + p + "_indptr' has " + ptr.length + " entries, expected rows + 1 = " + (rows + 1));
        }
        if (num.get(p + "_data").length() != nnz) {
            throw new DataShapeException(file + ": '" + p + "_data' has " + num.get(p + "_data").length() + " entries but '" + p
                    + "_indices' has " + nnz);
        }
        if (ptr[0] != 0 || ptr[rows] != nnz) {
            throw new DataShapeException(file + ": '" + p + "_indptr' must run from 0 to nnz = " + nnz + ", got " + ptr[0] + ".." + ptr[rows]);
        }
        for (int i = 0; i < rows; i++) {
            if (ptr[i + 1] < ptr[i]) {
                throw new DataShapeException(file + ": '" + p + "_indptr' decreases at row " + i);
            }
        }
        if (nnz > 0) {
            INDArray idx = num.get(p + "_indices");
            long lo = idx.minNumber().longValue(), hi = idx.maxNumber().longValue();
            if (lo < 0 || hi >= cols) {
                throw new UnknownNodeException(file + ": '" + p + "_indices' holds column " + (lo < 0 ? lo : hi) + ", outside [0, "
                        + cols + ")");
            }
        }
        return ptr;
    }

    private static List<String> keys(Map<String, INDArray> a, Map<String, List<String>> b) {
        List<String> k = new ArrayList<>(a.keySet());
        k.addAll(b.keySet());
        return k;
    }

    private static void read(Path file, Map<String, INDArray> num, Map<String, List<String>> str) {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new DataException(file + ": not a readable .npz (ZIP) archive; it may be truncated or corrupt (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot open: " + e, e);
        }
        try (zip) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String entryName = entry.getName();
                if (entry.isDirectory() || !entryName.endsWith(".npy")) {
                    continue;
                }
                String key = entryName.substring(0, entryName.length() - 4);
                String where = file + ", entry " + entryName;
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                if (isUnicode(bytes)) {
                    str.put(key, decodeStrings(bytes, where));
                } else {
                    num.put(key, Npy.decode(bytes, where));
                }
            }
        } catch (IOException e) {
            throw new DataException(file + ": corrupt or truncated archive: " + e.getMessage(), e);
        }
    }

    private static boolean isUnicode(byte[] bytes) {
        String head = header(bytes);
        return head != null && DESCR.matcher(head).find();
    }

    private static String header(byte[] b) {
        if (b.length < 10 || (b[0] & 0xFF) != 0x93 || b[1] != 'N') {
            return null;
        }
        int major = b[6] & 0xFF;
        ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int start = major == 1 ? 10 : 12;
        int len = major == 1 ? in.getShort(8) & 0xFFFF : in.getInt(8);
        if (len < 0 || start + len > b.length) {
            return null;
        }
        return new String(b, start, len, StandardCharsets.ISO_8859_1);
    }

    /** A rank-1 NumPy {@code <U{w}} array: w UTF-32 code points per element, NUL-padded. */
    static List<String> decodeStrings(byte[] b, String where) throws IOException {
        String head = header(b);
        Matcher d = DESCR.matcher(head);
        Matcher s = SHAPE.matcher(head);
        if (!d.find() || !s.find() || s.group(1).isEmpty()) {
            throw new IOException(where + ": expected a rank-1 unicode array, header " + head.trim());
        }
        if (head.contains("'fortran_order': True")) {
            throw new IOException(where + ": Fortran-ordered string arrays are not supported");
        }
        ByteOrder order = ">".equals(d.group(1)) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int width = Integer.parseInt(d.group(2));
        int count = Integer.parseInt(s.group(1));
        int start = (b[6] & 0xFF) == 1 ? 10 : 12;
        int len = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getShort(8) & 0xFFFF;
        if ((b[6] & 0xFF) != 1) {
            len = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
        }
        int data = start + len;
        long need = (long) count * width * 4;
        if (b.length - data < need) {
            throw new IOException(where + ": truncated data: " + count + " strings of width " + width + " need " + need
                    + " bytes, got " + (b.length - data));
        }
        ByteBuffer in = ByteBuffer.wrap(b, data, (int) need).order(order);
        List<String> out = new ArrayList<>(count);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.setLength(0);
            for (int k = 0; k < width; k++) {
                int cp = in.getInt();
                if (cp != 0) {
                    sb.appendCodePoint(cp);
                }
            }
            out.add(sb.toString());
        }
        return out;
    }
}
