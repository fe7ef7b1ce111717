package io.principia.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a dataset lives. {@link #resolve} looks in this order:
 * <ol>
 *   <li>an explicit path, if given (it must exist);</li>
 *   <li>{@code <root>/<datasetName>} under the data root: system property {@code principia.data},
 *       else environment variable {@code PRINCIPIA_DATA};</li>
 *   <li>{@code <checkout>/../shared/data/<datasetName>} when run through the {@code ./principia}
 *       launcher (which sets {@code principia.home} to the checkout), and only when the caller names
 *       the files it needs and that folder holds all of them (it may be read-only, so a loader
 *       must never have to download into it);</li>
 *   <li>the per-user cache {@code ~/.cache/principia/<datasetName>} (system property
 *       {@code principia.cache} replaces {@code ~/.cache/principia}, e.g. in tests).</li>
 * </ol>
 */
public final class DataPaths {
    public static final String DATA_PROPERTY = "principia.data";
    public static final String DATA_ENV = "PRINCIPIA_DATA";
    public static final String CACHE_PROPERTY = "principia.cache";
    public static final String SHARED_DATA_PROPERTY = "principia.sharedData";
    /** The checkout the {@code ./principia} launcher runs from. */
    public static final String HOME_PROPERTY = "principia.home";

    private DataPaths() {}

    /**
     * The folder of {@code datasetName}: {@code explicit} if not null (error if it does not exist),
     * else the first existing of {@code <data root>/<name>}, {@code <checkout>/../shared/data/<name>}
     * (launcher runs only, and only if it holds every file of {@code required}; never when none is
     * named) and {@code <cache>/<name>}; if none exists, the cache folder (not created), where a
     * loader may download the files.
     *
     * @param required file names the loader needs in the folder
     */
    public static Path resolve(String datasetName, Path explicit, String... required) {
        checkName(datasetName);
        if (explicit != null) {
            if (!Files.exists(explicit)) {
                throw new DataException("dataset '" + datasetName + "': the given path " + explicit.toAbsolutePath()
                        + " does not exist");
            }
            return explicit;
        }
        Optional<Path> root = dataRoot();
        if (root.isPresent() && Files.isDirectory(root.get().resolve(datasetName))) {
            return root.get().resolve(datasetName);
        }
        Optional<Path> beside = besideCheckout();
        if (beside.isPresent() && required.length > 0 && holdsAll(beside.get().resolve(datasetName), required)) {
            return beside.get().resolve(datasetName);
        }
        return cacheDir(datasetName);
    }

    /** Like {@link #resolve} but the folder must exist; the error lists every place looked in. */
    public static Path require(String datasetName, Path explicit) {
        Path p = resolve(datasetName, explicit);
        if (Files.isDirectory(p) || explicit != null) {
            return p;
        }
        List<String> looked = new ArrayList<>();
        dataRoot().ifPresent(r -> looked.add(r.resolve(datasetName).toString()));
        besideCheckout().ifPresent(r -> looked.add(r.resolve(datasetName).toString()));
        looked.add(p.toString());
        throw new DataException("dataset '" + datasetName + "' not found; looked in " + looked + ". Pass a path, set -D"
                + DATA_PROPERTY + " or " + DATA_ENV + " to a folder holding '" + datasetName + "/', or download it into the cache");
    }

    /** The data root from {@code principia.data}, else {@code PRINCIPIA_DATA}, if either is set. */
    public static Optional<Path> dataRoot() {
        String root = System.getProperty(DATA_PROPERTY);
        if (root == null || root.isBlank()) {
            root = System.getenv(DATA_ENV);
        }
        return root == null || root.isBlank() ? Optional.empty() : Optional.of(Path.of(root));
    }

    private static boolean holdsAll(Path dir, String... files) {
        for (String f : files) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                return false;
            }
        }
        return true;
    }

    /** {@code <principia.home>/../shared/data} when the launcher set {@code principia.home} and that folder exists. */
    static Optional<Path> besideCheckout() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            return Optional.empty();
        }
        Path p = Path.of(home).toAbsolutePath().resolve("../shared/data").normalize();
        return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }

    /** The per-user cache folder of a dataset (not created). */
    public static Path cacheDir(String datasetName) {
        checkName(datasetName);
        String base = System.getProperty(CACHE_PROPERTY);
        Path root = base == null || base.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "principia")
                : Path.of(base);
        return root.resolve(datasetName);
    }

    /**
     * The project's shared data folder (system property {@code principia.sharedData}, which the
     * build sets to {@code ../shared/data} beside the checkout) for tests of any module.
     *
     * @throws DataException if the property is not set
     */
    public static Path sharedData() {
        String p = System.getProperty(SHARED_DATA_PROPERTY);
        if (p == null || p.isBlank()) {
            throw new DataException("system property " + SHARED_DATA_PROPERTY + " is not set (the Maven build sets it "
                    + "to ../shared/data beside the checkout)");
        }
        return Path.of(p).toAbsolutePath().normalize();
    }

    /**
     * {@code relative} under {@link #sharedData()}, if the property is set and that path exists:
     * tests use {@code assumeTrue(DataPaths.sharedData("cora").isPresent())} to skip without it.
     */
    public static Optional<Path> sharedData(String relative) {
        String p = System.getProperty(SHARED_DATA_PROPERTY);
        if (p == null || p.isBlank()) {
            return Optional.empty();
        }
        Path path = sharedData().resolve(relative);
        return Files.exists(path) ? Optional.of(path) : Optional.empty();
    }

    private static void checkName(String datasetName) {
        if (datasetName == null || datasetName.isBlank() || datasetName.contains("..")
                || datasetName.contains("/") || datasetName.contains("\\")) {
            throw new IllegalArgumentException("dataset name must be a plain folder name, got '" + datasetName + "'");
        }
    }
}
