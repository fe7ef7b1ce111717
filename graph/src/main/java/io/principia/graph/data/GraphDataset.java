package io.principia.graph.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.principia.core.data.DataException;
import io.principia.core.data.DataPaths;
import io.principia.core.data.RemoteFile;

/**
 * The graph datasets Principia knows by name, where their files live and where to download them.
 * Each one's folder is found by {@link DataPaths#resolve}: an explicit folder, else
 * {@code <data root>/<folder>} ({@code -Dprincipia.data} or {@code PRINCIPIA_DATA}), else (launcher
 * runs) {@code ../shared/data/<folder>} beside the checkout when it holds the files, else
 * {@code ~/.cache/principia/<folder>}; a file missing there is downloaded from its canonical URL
 * (a pinned commit of the source repository) and checked against its SHA-256.
 *
 * <p>CiteSeer's LINQS text files have no raw download under a pinned commit (they only ship in a
 * zip archive), so {@link #CITESEER} must be placed by hand; {@link #CITESEER_NPZ} holds the same
 * graph and downloads.
 */
public enum GraphDataset {
    /** Cora, LINQS text (tkipf/pygcn at 1600b5b). 2708 nodes, 5429 links, 1433 features, 7 classes. */
    CORA("cora", Format.LINQS, List.of(
            new RemoteFile("cora.content", Urls.PYGCN + "cora.content", "b8ebed0fd45e53995abafd1b70cf6a9fcc8f86abc5826d69b97fe6ca46e9c8ee"),
            new RemoteFile("cora.cites", Urls.PYGCN + "cora.cites", "ec1a372391b7f0f60a6aff0084e8abd8f19f0faa7e1f2441a41c492042d5945e"))),
    /** CiteSeer, LINQS text. 3312 papers, 4732 link lines (17 name 15 absent papers), 3703 features, 6 classes. */
    CITESEER("citeseer", Format.LINQS, List.of()),
    /** Cora as gnn-benchmark npz (shchur/gnn-benchmark at 1e72912): the same graph as {@link #CORA}. */
    CORA_NPZ("gnn-benchmark", Format.NPZ, List.of(new RemoteFile("cora.npz", Urls.GNN_BENCHMARK + "cora.npz",
            "068e22d90c3849b4057dfb05851741428992af058efcd4e7ebb4186f3d581de2"))),
    /** CiteSeer as gnn-benchmark npz: 3312 nodes, 4715 links (LINQS without the 17 dangling lines). */
    CITESEER_NPZ("gnn-benchmark", Format.NPZ, List.of(new RemoteFile("citeseer.npz", Urls.GNN_BENCHMARK + "citeseer.npz",
            "280278b21b434c047922e8389518861416fb3ad39389c27865ff0e6bbb0aaab7"))),
    /** Amazon Photo co-purchase graph (McAuley et al. 2015; gnn-benchmark): 7650 nodes, 745 features, 8 classes. */
    AMAZON_PHOTO("amazon-photo", Format.NPZ, List.of(new RemoteFile("amazon_electronics_photo.npz",
            Urls.GNN_BENCHMARK + "amazon_electronics_photo.npz", "bdb1feb8e6ff42ee44024b04479145029c563fd42fc31bff80af20887ba0439a")));

    private enum Format { LINQS, NPZ }

    private final String folder;
    private final Format format;
    private final List<RemoteFile> files;

    GraphDataset(String folder, Format format, List<RemoteFile> files) {
        this.folder = folder;
        this.format = format;
        this.files = files;
    }

    /** The data-root folder name this dataset's files sit in. */
    public String folder() { return folder; }

    /** The files downloaded when missing (empty: place the files by hand). */
    public List<RemoteFile> remoteFiles() { return files; }

    /** Loads from the resolved folder, downloading missing files; CiteSeer LINQS drops dangling links. */
    public GraphData load(Path explicitFolder) {
        return load(explicitFolder, MissingNodes.DROP_EDGES);
    }

    /** Loads with the given policy for LINQS links to papers without a content row (ignored for npz). */
    public GraphData load(Path explicitFolder, MissingNodes policy) {
        String stem = name().toLowerCase(java.util.Locale.ROOT).replace("_npz", "");
        List<String> needed = switch (format) {
            case LINQS -> List.of(stem + ".content", stem + ".cites");
            case NPZ -> List.of(files.get(0).name());
        };
        Path dir = DataPaths.resolve(folder, explicitFolder, needed.toArray(String[]::new));
        for (String f : needed) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                fetch(dir, f);
            }
        }
        return switch (format) {
            case LINQS -> Linqs.load(dir, stem, policy);
            case NPZ -> NpzGraph.load(stem, dir.resolve(needed.get(0)));
        };
    }

    private void fetch(Path dir, String file) {
        RemoteFile remote = files.stream().filter(r -> r.name().equals(file)).findFirst().orElseThrow(() ->
                new DataException(name() + ": missing file " + dir.resolve(file).toAbsolutePath() + " and no download is "
                        + "known for it; place it there, pass its folder, or set -D" + DataPaths.DATA_PROPERTY + " / "
                        + DataPaths.DATA_ENV + " to a root holding '" + folder + "/'"));
        remote.fetch(dir);
    }

    /** Raw-file URL prefixes at pinned commits (nested so the enum constants may use them). */
    private static final class Urls {
        static final String PYGCN = "https://raw.githubusercontent.com/tkipf/pygcn/1600b5b748b3976413d1e307540ccc62605b4d6d/data/cora/";
        static final String GNN_BENCHMARK =
                "https://raw.githubusercontent.com/shchur/gnn-benchmark/1e72912a0810cdf27ae54fd589a3b43358a2b161/data/npz/";
    }
}
