package io.principia.core.train;

import io.principia.core.io.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON files of a run directory: hparams.json, provenance.json and results.json, all written atomically. */
final class RunFiles {
    private RunFiles() {}

    /**
     * Writes hparams.json and provenance.json at fit start. On a resume into a folder that already
     * has a provenance.json, the original record is kept and this start is appended to its
     * {@code resumes} list.
     */
    static void writeStart(Path runDir, Map<String, Object> hparams, Map<String, Object> provenance, Path resumeFrom) {
        try {
            Files.createDirectories(runDir);
            Json.write(runDir.resolve("hparams.json"), hparams);
            Map<String, Object> p = provenance;
            Path file = runDir.resolve("provenance.json");
            if (resumeFrom != null) {
                p.put("resumed_from", resumeFrom.toString());
                if (Files.exists(file)) {
                    Map<String, Object> original = Json.readMap(file);
                    @SuppressWarnings("unchecked")
                    List<Object> resumes = (List<Object>) original.computeIfAbsent("resumes", k -> new ArrayList<>());
                    resumes.add(p);
                    p = original;
                }
            }
            Json.write(file, p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run directory " + runDir, e);
        }
    }

    /**
     * Writes results.json: status ({@code running} while a fit is under way, so a killed run says
     * so; {@code completed}, {@code stopped_early}, {@code failed}, {@code test_only}), the error if any, epochs run, best epoch and score, stop reason, wall
     * time, the last epoch's train/val metrics and all of them, and the test metrics.
     */
    static void writeResults(Path runDir, String status, Throwable error, FitResult f, Map<String, Double> test) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("status", status);
        if (error != null) {
            r.put("error", error.toString());
        }
        if (f != null) {
            r.put("epochs_run", f.epochsRun());
            r.put("global_step", f.globalStep());
            r.put("best_epoch", f.bestEpoch());
            r.put("monitor", f.monitor());
            r.put("best_score", f.bestScore());
            r.put("stop_reason", f.stopReason());
            r.put("wall_time_s", f.wallSeconds());
            r.put("train", prefixed(f.metrics(), Phase.TRAIN.prefix()));
            r.put("val", prefixed(f.metrics(), Phase.VALIDATE.prefix()));
            r.put("final", f.metrics());
        }
        r.put("test", test == null ? Map.of() : test);
        Path file = runDir.resolve("results.json");
        try {
            Json.write(file, r);
        } catch (IOException e) {
            if (error != null) {
                error.addSuppressed(e);
            } else {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
    }

    private static Map<String, Double> prefixed(Map<String, Double> m, String prefix) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
