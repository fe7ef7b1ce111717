package io.principia.graph.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nd4j.linalg.factory.Nd4j;

import io.principia.core.data.DataException;
import io.principia.core.data.DataPaths;
import io.principia.core.data.RemoteFile;
import io.principia.graph.Graph;
import io.principia.graph.split.NodeSplit;

/**
 * The fixed Planetoid splits of Cora and CiteSeer (Yang, Cohen and Salakhutdinov, ICML 2016),
 * the split behind the published GCN (Kipf and Welling 2017) and GAT numbers: 20 labelled nodes per
 * class, the next 500 nodes for validation, 1,000 given test nodes.
 *
 * <p>The files are Python pickles, {@code ind.<name>.{x, y, allx, ally, tx, ty, graph}}, plus the
 * text file {@code ind.<name>.test.index}, assembled as Kipf's {@code load_data} does:
 * <ul>
 *   <li>nodes 0..|allx|-1 take the rows of {@code allx} / {@code ally} (the first |y| of them are
 *       the training nodes, the next 500 the validation nodes);</li>
 *   <li>the i-th row of {@code tx} / {@code ty} belongs to the node on line i of the test index;</li>
 *   <li>the node count is |allx| plus the span of the test indices. CiteSeer's test indices leave
 *       15 gaps (nodes in the citation graph with no features); those nodes get zero features and
 *       label -1 (Kipf's code gives them class 0);</li>
 *   <li>{@code graph} is a dict node → neighbour list; every listed pair becomes one directed edge
 *       as listed (symmetrize with {@link io.principia.graph.GraphOps#symmetrize}).</li>
 * </ul>
 * A label row that is all zeros becomes -1. Classes are named by index ("0", "1", ...): the files
 * carry no names.
 */
public final class Planetoid {
    /** Validation nodes after the training nodes, as in Kipf's code. */
    public static final int NUM_VAL = 500;

    private static final String URL =
            "https://raw.githubusercontent.com/kimiyoung/planetoid/af6abf468a772cc055bec88c52e4d6f51b7c37e3/data/";
    private static final Map<String, String> SHA256 = Map.ofEntries(
            Map.entry("ind.cora.x", "23cfa55d91c6f624233f5eb7b6e3f141f1bd2b2ae39608a63cf5d084bb27baab"),
            Map.entry("ind.cora.y", "94465c14eb53e04ca262198dcbb2521ee8af60fb3f3d546cd6ca24a511b0e7d1"),
            Map.entry("ind.cora.allx", "9419ba2f26f5c35243db64aba110e0f35a04851609e0dc5433450676ca6b8543"),
            Map.entry("ind.cora.ally", "2b998f5cc7fedc86e7f97ca2498f47a1ffc1462c29e2d578b23bf3f62b6e7d71"),
            Map.entry("ind.cora.tx", "b9afbaa4a400df991f6f02ef677e1e44da55ffc04801fd02f9e673987829226a"),
            Map.entry("ind.cora.ty", "41f5ac76596a1699cc33f53084a2419e92961c42bb75f36fc38e616d348532ad"),
            Map.entry("ind.cora.graph", "58f13302f39dde8852dad6fe6d15b89b077b6d7f837626bce671ef80344b383d"),
            Map.entry("ind.cora.test.index", "297ce89af2b51a6a194181c7dbe1796c6a1cf9cd9349a88383b1b1e227867875"),
            Map.entry("ind.citeseer.x", "d20de19150741e555de0ed037195630fc194114ebc7fd72ced62810148aa22f6"),
            Map.entry("ind.citeseer.y", "8ba87e515d8e3ee3cf52f6d2c5b86aa73f11ecad825a808455209ec26cd54924"),
            Map.entry("ind.citeseer.allx", "2ac30345d95c9ec933a817ee0bdd6a5f077f8c184a20e696910192d534414668"),
            Map.entry("ind.citeseer.ally", "f704b2d986dde6c2669934de1f3ae5696a6cf9455c0f6b2646a2d135ea0a1c95"),
            Map.entry("ind.citeseer.tx", "539a8906a2da97628d212f2fdd668c109a8b3f0d36574b59e5d3fd5b5303da21"),
            Map.entry("ind.citeseer.ty", "55e5bd1ba1e733a04598753ad1a8d57957f4b8f89e74519f41f4f4938767e4ce"),
            Map.entry("ind.citeseer.graph", "d79a4ef9d3e7169aee8946145f6b7306e35bc79bffad26346cfb94e10e9912a7"),
            Map.entry("ind.citeseer.test.index", "2af990671580b6b2df5d158d1038f8292e30c9cd821b5453f399659b25b723d4"));

    private static final List<String> PARTS = List.of("x", "y", "allx", "ally", "tx", "ty", "graph", "test.index");

    private Planetoid() {}

    /** A dataset with its fixed split. */
    public record Split(GraphData data, NodeSplit split) {}

    /**
     * Loads {@code name} (cora or citeseer) from the folder {@link DataPaths#resolve} finds for
     * "planetoid" ({@code explicitFolder}, else {@code <data root>/planetoid}, else {@code
     * ../shared/data/planetoid} beside the checkout for launcher runs, else the cache),
     * downloading missing files from kimiyoung/planetoid at a pinned commit and checking their SHA-256.
     */
    public static Split load(Path explicitFolder, String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (!key.equals("cora") && !key.equals("citeseer")) {
            throw new DataException("planetoid: unknown dataset '" + name + "', expected cora or citeseer");
        }
        String[] files = PARTS.stream().map(part -> "ind." + key + "." + part).toArray(String[]::new);
        Path dir = DataPaths.resolve("planetoid", explicitFolder, files);
        for (String part : PARTS) {
            String file = "ind." + key + "." + part;
            if (!Files.isRegularFile(dir.resolve(file))) {
                new RemoteFile(file, URL + file, SHA256.get(file)).fetch(dir);
            }
        }
        return read(dir, key);
    }

    /** Reads {@code ind.<name>.*} from {@code dir}; no downloads. */
    public static Split read(Path dir, String name) {
        String p = "ind." + name + ".";
        float[][] x = PickledArrays.matrix(unpickle(dir.resolve(p + "x")), p + "x");
        float[][] allx = PickledArrays.matrix(unpickle(dir.resolve(p + "allx")), p + "allx");
        float[][] tx = PickledArrays.matrix(unpickle(dir.resolve(p + "tx")), p + "tx");
        float[][] y = PickledArrays.matrix(unpickle(dir.resolve(p + "y")), p + "y");
        float[][] ally = PickledArrays.matrix(unpickle(dir.resolve(p + "ally")), p + "ally");
        float[][] ty = PickledArrays.matrix(unpickle(dir.resolve(p + "ty")), p + "ty");
        int[] testOrder = testIndex(dir.resolve(p + "test.index"));

        if (allx.length == 0 || tx.length == 0 || x.length == 0) {
            throw new DataShapeException(p + "allx / tx / x: no rows");
        }
        same(p, "allx", allx.length, "ally", ally.length);
        same(p, "tx", tx.length, "ty", ty.length);
        same(p, "tx", tx.length, "test.index", testOrder.length);
        same(p, "x", x.length, "y", y.length);
        int numFeatures = allx[0].length;
        int numClasses = ally[0].length;
        if (tx[0].length != numFeatures || x[0].length != numFeatures) {
            throw new DataShapeException(p + "tx / x: " + tx[0].length + " / " + x[0].length + " features, allx has "
                    + numFeatures);
        }
        if (ty[0].length != numClasses || y[0].length != numClasses) {
            throw new DataShapeException(p + "ty / y: " + ty[0].length + " / " + y[0].length + " classes, ally has "
                    + numClasses);
        }
        if (y.length + NUM_VAL > allx.length) {
            throw new DataShapeException(p + "*: " + y.length + " training + " + NUM_VAL + " validation nodes exceed the "
                    + allx.length + " rows of allx");
        }
        int[] sortedTest = testOrder.clone();
        Arrays.sort(sortedTest);
        for (int i = 1; i < sortedTest.length; i++) {
            if (sortedTest[i] == sortedTest[i - 1]) {
                throw new DataShapeException(p + "test.index: node " + sortedTest[i] + " is listed twice");
            }
        }
        if (sortedTest[0] != allx.length) {
            throw new DataShapeException(p + "test.index: the smallest test node is " + sortedTest[0] + ", expected "
                    + allx.length + " (the first node after allx)");
        }
        int n = allx.length + sortedTest[sortedTest.length - 1] - sortedTest[0] + 1;

        float[] features = new float[n * numFeatures]; // [N, F] row-major
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        for (int i = 0; i < allx.length; i++) {
            System.arraycopy(allx[i], 0, features, i * numFeatures, numFeatures);
            labels[i] = argmax(ally[i]);
        }
        for (int i = 0; i < testOrder.length; i++) {
            System.arraycopy(tx[i], 0, features, testOrder[i] * numFeatures, numFeatures);
            labels[testOrder[i]] = argmax(ty[i]);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Arrays.equals(x[i], allx[i]) || argmax(y[i]) != labels[i]) {
                throw new DataShapeException(p + "x/y: training row " + i + " differs from row " + i + " of allx/ally");
            }
        }

        Graph graph = graph(unpickle(dir.resolve(p + "graph")), p + "graph", n);
        List<String> classNames = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            classNames.add(Integer.toString(c));
        }
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(Integer.toString(i));
        }
        GraphData data = new GraphData(name, graph, Nd4j.create(features, new long[] {n, numFeatures}, 'c'), labels,
                classNames, ids);
        int[] train = range(0, y.length);
        int[] val = range(y.length, y.length + NUM_VAL);
        return new Split(data, new NodeSplit(train, val, sortedTest));
    }

    private static Graph graph(Object v, String what, int n) {
        Map<Object, Object> adj;
        if (v instanceof Pickle.Instance obj && obj.is("collections", "defaultdict")) {
            adj = obj.items;
        } else if (v instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<Object, Object> mm = (Map<Object, Object>) m;
            adj = mm;
        } else {
            throw new DataException(what + ": expected a dict of neighbour lists, got " + Pickle.describe(v));
        }
        int edges = 0;
        for (Object list : adj.values()) {
            edges += list instanceof List<?> l ? l.size() : 0;
        }
        int[] src = new int[edges];
        int[] dst = new int[edges];
        int e = 0;
        for (Map.Entry<Object, Object> entry : adj.entrySet()) {
            int u = node(entry.getKey(), what, n);
            if (!(entry.getValue() instanceof List<?> neighbours)) {
                throw new DataException(what + ": node " + u + " maps to " + Pickle.describe(entry.getValue())
                        + ", expected a list");
            }
            for (Object w : neighbours) {
                src[e] = u;
                dst[e] = node(w, what, n);
                e++;
            }
        }
        return new Graph(n, src, dst);
    }

    private static int node(Object v, String what, int n) {
        if (!(v instanceof Long id)) {
            throw new DataException(what + ": node key " + v + " is " + Pickle.describe(v) + ", expected an integer");
        }
        if (id < 0 || id >= n) {
            throw new UnknownNodeException(what + ": node " + v + " is outside [0, " + n + ") (the feature files hold "
                    + n + " nodes)");
        }
        return (int) (long) id;
    }

    private static Object unpickle(Path file) {
        Linqs.requireFile(file.getFileName().toString(), file);
        try {
            return Pickle.read(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static int[] testIndex(Path file) {
        Linqs.requireFile(file.getFileName().toString(), file);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
        int[] out = new int[lines.size()];
        int k = 0;
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).strip();
            if (s.isEmpty()) {
                continue;
            }
            try {
                out[k++] = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new DataException(file + ": line " + (i + 1) + " is '" + s + "', expected a node index");
            }
        }
        if (k == 0) {
            throw new DataException(file + ": no test nodes");
        }
        return Arrays.copyOf(out, k);
    }

    private static int argmax(float[] oneHot) {
        int best = -1;
        float max = 0;
        for (int c = 0; c < oneHot.length; c++) {
            if (oneHot[c] > max) {
                max = oneHot[c];
                best = c;
            }
        }
        return best;
    }

    private static void same(String p, String a, int na, String b, int nb) {
        if (na != nb) {
            throw new DataShapeException(p + a + " has " + na + " rows but " + p + b + " has " + nb + " (the files do not match)");
        }
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
