package io.principia.core.train;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a run came from (Tribuo-style provenance): git commit and dirty flag, Java, ND4J version,
 * backend and native build, OS, cores, thread settings, seed, command line and start time.
 * Everything is best effort: what cannot be found is recorded as {@code "unknown"}.
 */
public final class Provenance {
    private static final Pattern ND4J_API = Pattern.compile("nd4j-api-([^" + Pattern.quote(File.separator) + "]+?)\\.jar");
    private static final Pattern ND4J_NATIVE = Pattern.compile("nd4j-native-[0-9][^" + Pattern.quote(File.separator)
            + "]*?-((?:linux|macosx|windows|android)[^" + Pattern.quote(File.separator) + "]*?)\\.jar");

    private Provenance() {}

    /** Collects the provenance record; {@code commandLine} may be null (then the JVM's own is used). */
    public static Map<String, Object> collect(Long seed, String[] commandLine, Instant start) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("start_time", start.toString());
        String commit = git("rev-parse", "HEAD");
        p.put("git_commit", commit == null ? "unknown" : commit);
        String status = commit == null ? null : git("status", "--porcelain");
        p.put("git_dirty", status == null ? "unknown" : (Object) !status.isEmpty());
        p.put("java_version", System.getProperty("java.version"));
        p.put("java_vendor", System.getProperty("java.vendor"));
        p.put("java_vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        p.put("nd4j_version", nd4jVersion());
        p.put("nd4j_backend", backend());
        p.put("nd4j_native_classifier", nativeClassifier());
        p.put("nd4j_environment", environment());
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        p.put("arch", System.getProperty("os.arch"));
        p.put("cores", Runtime.getRuntime().availableProcessors());
        p.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        Map<String, String> env = new LinkedHashMap<>();
        for (String k : new String[] {"OMP_NUM_THREADS", "OMP_WAIT_POLICY", "OPENBLAS_NUM_THREADS"}) {
            env.put(k, System.getenv(k));
        }
        p.put("thread_env", env);
        p.put("seed", seed);
        p.put("command_line", commandLine != null ? String.join(" ", commandLine)
                : ProcessHandle.current().info().commandLine().orElse("unknown"));
        p.put("working_dir", System.getProperty("user.dir"));
        return p;
    }

    /** Output of a git command in the working directory, or null when git or the repository is unavailable. */
    static String git(String... args) {
        try {
            String[] cmd = new String[args.length + 1];
            cmd[0] = "git";
            System.arraycopy(args, 0, cmd, 1, args.length);
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = proc.getInputStream().readAllBytes();
            if (!proc.waitFor(10, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                return null;
            }
            return proc.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).trim() : null;
        } catch (Exception e) {
            return null;
        }
    }

    static String nd4jVersion() {
        String v = Nd4j.class.getPackage() == null ? null : Nd4j.class.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        try {
            String jar = Nd4j.class.getProtectionDomain().getCodeSource().getLocation().getPath();
            Matcher m = ND4J_API.matcher(jar);
            if (m.find()) {
                return m.group(1);
            }
        } catch (RuntimeException e) {
            // fall through
        }
        return "unknown";
    }

    private static String backend() {
        try {
            return Nd4j.getBackend().getClass().getName();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    /** The build of libnd4jcpu actually loaded (its folder is the classifier), else the first one on the class path. */
    private static String nativeClassifier() {
        try {
            Nd4j.getBackend();
            for (Map.Entry<String, String> e : org.bytedeco.javacpp.Loader.getLoadedLibraries().entrySet()) {
                if (e.getKey().startsWith("nd4jcpu") || e.getKey().startsWith("nd4jcuda")) {
                    java.nio.file.Path parent = java.nio.file.Path.of(e.getValue()).getParent();
                    if (parent != null) {
                        return parent.getFileName().toString();
                    }
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // fall back to the class path
        }
        for (String entry : System.getProperty("java.class.path", "").split(Pattern.quote(File.pathSeparator))) {
            Matcher m = ND4J_NATIVE.matcher(entry);
            if (m.find()) {
                return m.group(1);
            }
        }
        return "unknown";
    }

    private static Map<String, String> environment() {
        Map<String, String> out = new TreeMap<>();
        try {
            Nd4j.getExecutioner().getEnvironmentInformation().forEach((k, v) ->
                    out.put(String.valueOf(k), v instanceof Object[] a ? Arrays.toString(a) : String.valueOf(v)));
        } catch (RuntimeException e) {
            out.put("error", String.valueOf(e.getMessage()));
        }
        return out;
    }
}
