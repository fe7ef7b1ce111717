package io.principia.examples.common;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Where runs go by default: {@code runs/<experiment>/<yyyyMMdd-HHmmss>} under the working directory. */
public final class RunDirs {
    private RunDirs() {}

    public static Path defaultFor(String experiment, Path explicit) {
        return defaultFor(experiment, explicit, null);
    }

    /**
     * The run directory: {@code explicit} if given; else, when resuming from
     * {@code <run>/checkpoints/x.ckpt}, that same {@code <run>}; else a new timestamped folder.
     */
    public static Path defaultFor(String experiment, Path explicit, Path resume) {
        if (explicit != null) {
            return explicit;
        }
        if (resume != null) {
            Path parent = resume.toAbsolutePath().getParent();
            if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("checkpoints")) {
                return parent.getParent();
            }
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = Path.of("runs", experiment, stamp);
        // two runs started in the same second get their own folders
        for (int i = 2; java.nio.file.Files.exists(dir); i++) {
            dir = Path.of("runs", experiment, stamp + "-" + i);
        }
        return dir;
    }

    /** The repository root the launcher runs from (system property {@code principia.home}), or the working directory. */
    public static Path home() {
        return Path.of(System.getProperty("principia.home", "."));
    }

    /**
     * The Fashion-MNIST folder an experiment trains on: {@code --data} if given; else
     * {@code <data root>/fashion-mnist} when the data root (system property {@code principia.data} or
     * {@code PRINCIPIA_DATA}) has it; else the subset shipped in {@code src-test-data/fashion-mnist}.
     */
    public static Path fashionMnist(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        return io.principia.core.data.DataPaths.dataRoot()
                .map(root -> root.resolve(io.principia.core.data.FashionMnist.NAME))
                .filter(java.nio.file.Files::isDirectory)
                .orElseGet(RunDirs::shippedFashionMnist);
    }

    /** The shipped Fashion-MNIST subset, {@code src-test-data/fashion-mnist}. */
    public static Path shippedFashionMnist() {
        return home().resolve("src-test-data").resolve("fashion-mnist");
    }
}
