package io.principia.graph.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.principia.core.data.DataException;
import io.principia.graph.Graph;

/**
 * The LINQS plain-text format of Cora and CiteSeer (Sen et al. 2008).
 * <ul>
 *   <li>{@code <name>.content}: one paper per line, tab-separated:
 *       {@code <paper_id> <w_1> … <w_F> <class_label>}. Ids are strings (CiteSeer has ids such
 *       as {@code kohrs99using}); every line must have the same number of fields.</li>
 *   <li>{@code <name>.cites}: {@code <cited_id> <citing_id>} per line, a link from the right
 *       paper to the left one. The edge stored is citing -> cited.</li>
 * </ul>
 * Nodes are numbered in content-file order; classes in sorted (ordinal) name order, which is
 * the gnn-benchmark {@code class_names} order. Duplicate and self-citation lines are kept as
 * edges (see {@link io.principia.graph.GraphOps} to remove them). Ids missing from the content
 * file follow a {@link MissingNodes} policy.
 */
public final class Linqs {
    private static final Logger LOG = LoggerFactory.getLogger(Linqs.class);

    private Linqs() {}

    /** Loads {@code <dir>/<name>.content} and {@code <dir>/<name>.cites}. */
    public static GraphData load(Path dir, String name, MissingNodes policy) {
        return load(name, dir.resolve(name + ".content"), dir.resolve(name + ".cites"), policy);
    }

    public static GraphData load(String name, Path content, Path cites, MissingNodes policy) {
        requireFile(name, content);
        requireFile(name, cites);
        Content c = readContent(name, content);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < c.ids.size(); i++) {
            index.put(c.ids.get(i), i);
        }
        List<String> ids = new ArrayList<>(c.ids);
        List<int[]> edges = new ArrayList<>();
        int dropped = 0;
        try (BufferedReader in = Files.newBufferedReader(cites, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                if (f.length != 2) {
                    throw new DataException(cites + ", line " + lineNo + ": expected 2 fields <cited_id> <citing_id>, got "
                            + f.length + ": '" + line + "'");
                }
                Integer cited = index.get(f[0]), citing = index.get(f[1]);
                if (cited == null || citing == null) {
                    String unknown = cited == null ? f[0] : f[1];
                    switch (policy) {
                        case ERROR -> throw new UnknownNodeException(cites + ", line " + lineNo + ": paper id '" + unknown
                                + "' has no line in " + content.getFileName() + " (use MissingNodes.DROP_EDGES or ADD_FEATURELESS)");
                        case DROP_EDGES -> {
                            dropped++;
                            continue;
                        }
                        case ADD_FEATURELESS -> {
                            for (String id : f) {
                                if (!index.containsKey(id)) {
                                    index.put(id, ids.size());
                                    ids.add(id);
                                }
                            }
                            cited = index.get(f[0]);
                            citing = index.get(f[1]);
                        }
                    }
                }
                edges.add(new int[] {citing, cited});
            }
        } catch (IOException e) {
            throw new DataException(name + ": cannot read " + cites + ": " + e, e);
        }
        if (dropped > 0) {
            LOG.info("{}: dropped {} citation line(s) naming papers absent from {}", name, dropped, content.getFileName());
        }
        int n = ids.size();
        int[] src = new int[edges.size()];
        int[] dst = new int[edges.size()];
        for (int e = 0; e < src.length; e++) {
            src[e] = edges.get(e)[0];
            dst[e] = edges.get(e)[1];
        }
        float[] x = new float[n * c.numFeatures];
        System.arraycopy(c.features, 0, x, 0, c.features.length); // added nodes keep zero rows
        int[] labels = new int[n];
        java.util.Arrays.fill(labels, -1);
        System.arraycopy(c.labels, 0, labels, 0, c.labels.length);
        return new GraphData(name, new Graph(n, src, dst), Nd4j.create(x, new long[] {n, c.numFeatures}, 'c'), labels,
                c.classNames, ids);
    }

    private record Content(List<String> ids, float[] features, int numFeatures, int[] labels, List<String> classNames) {}

    private static Content readContent(String name, Path content) {
        List<String> ids = new ArrayList<>();
        List<String> labelNames = new ArrayList<>();
        float[] buf = new float[1 << 16];
        int used = 0;
        int fields = -1;
        Map<String, Integer> seen = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(content, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (fields < 0) {
                    fields = f.length;
                    if (fields < 3) {
                        throw new DataException(content + ", line " + lineNo + ": expected <id> <features...> <label>, got "
                                + fields + " field(s)");
                    }
                } else if (f.length != fields) {
                    throw new DataShapeException(content + ", line " + lineNo + ": expected " + fields + " tab-separated fields "
                            + "(as on the first line), got " + f.length);
                }
                Integer previous = seen.put(f[0], lineNo);
                if (previous != null) {
                    throw new DataException(content + ", line " + lineNo + ": paper id '" + f[0] + "' already defined on line " + previous);
                }
                ids.add(f[0]);
                labelNames.add(f[fields - 1].trim());
                if (used + fields > buf.length) {
                    buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, used + fields));
                }
                for (int k = 1; k < fields - 1; k++) {
                    String v = f[k];
                    if (v.length() == 1 && (v.charAt(0) == '0' || v.charAt(0) == '1')) {
                        buf[used++] = v.charAt(0) - '0'; // binary bag-of-words: skip the float parser
                        continue;
                    }
                    try {
                        buf[used++] = Float.parseFloat(v);
                    } catch (NumberFormatException e) {
                        throw new DataException(content + ", line " + lineNo + ", field " + (k + 1) + ": expected a number, got '"
                                + f[k] + "'");
                    }
                }
            }
        } catch (IOException e) {
            throw new DataException(name + ": cannot read " + content + ": " + e, e);
        }
        if (ids.isEmpty()) {
            throw new DataException(content + ": no papers (the file is empty)");
        }
        List<String> classes = new ArrayList<>(new TreeSet<>(labelNames));
        Map<String, Integer> classIndex = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            classIndex.put(classes.get(c), c);
        }
        int[] labels = labelNames.stream().mapToInt(classIndex::get).toArray();
        return new Content(ids, java.util.Arrays.copyOf(buf, used), fields - 2, labels, classes);
    }

    static void requireFile(String name, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataException(name + ": missing file " + file.toAbsolutePath());
        }
    }
}
