package io.principia.core.train;

import io.principia.core.io.Json;
import io.principia.core.io.Npy;
import io.principia.core.io.Npz;
import io.principia.core.nn.Module;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training checkpoint: one {@code .npz} file with the model's state dict under
 * {@code model/<name>}, the optimizer's under {@code optim/<key>}, and a {@code meta} entry, a
 * UTF-8 JSON document stored as a uint8 array (epoch, global step, RNG states, callback states,
 * hyperparameters, metric history). NumPy reads it directly:
 * {@code c = np.load("last.ckpt"); json.loads(bytes(c["meta"]))}.
 *
 * @param model     parameters and buffers by dotted name
 * @param optimizer optimizer state by key
 * @param meta      the decoded metadata
 */
public record Checkpoint(Map<String, INDArray> model, Map<String, INDArray> optimizer, Map<String, Object> meta) {
    public static final int FORMAT_VERSION = 1;
    static final String MODEL = "model/";
    static final String OPTIM = "optim/";
    static final String META = "meta";

    /** Writes the checkpoint atomically. */
    public void save(Path file) throws IOException {
        Map<String, INDArray> all = new LinkedHashMap<>();
        model.forEach((k, v) -> all.put(MODEL + k, v));
        optimizer.forEach((k, v) -> all.put(OPTIM + k, v));
        all.put(META, Npy.uint8(Json.bytes(meta)));
        Npz.write(file, all);
    }

    /** Reads a checkpoint; errors name the file. */
    public static Checkpoint load(Path file) throws IOException {
        Map<String, INDArray> all = Npz.read(file);
        INDArray metaBytes = all.get(META);
        if (metaBytes == null) {
            throw new IOException(file + ": not a Principia checkpoint (no 'meta' entry; entries " + all.keySet() + ")");
        }
        if (metaBytes.dataType().width() != 1) {
            throw new IOException(file + ": entry 'meta' is " + metaBytes.dataType() + ", not the UTF-8 bytes of a Principia checkpoint");
        }
        Map<String, Object> meta = Json.readMap(Npy.bytes(metaBytes), file + ", entry meta");
        Object version = meta.get("format_version");
        if (!(version instanceof Number n) || n.intValue() > FORMAT_VERSION) {
            throw new IOException(file + ": checkpoint format version " + version + " is not supported (this build reads up to "
                    + FORMAT_VERSION + ")");
        }
        for (String key : new String[] {"epoch", "global_step"}) {
            if (!(meta.get(key) instanceof Number)) {
                throw new IOException(file + ": checkpoint meta has no numeric '" + key + "' (got " + meta.get(key) + ")");
            }
        }
        Map<String, INDArray> model = new LinkedHashMap<>();
        Map<String, INDArray> optim = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith(MODEL)) {
                model.put(k.substring(MODEL.length()), v);
            } else if (k.startsWith(OPTIM)) {
                optim.put(k.substring(OPTIM.length()), v);
            }
        });
        return new Checkpoint(model, optim, meta);
    }

    /** Loads only the model weights of a checkpoint (e.g. {@code best.ckpt} for inference). */
    public static void loadModel(Module module, Path file) throws IOException {
        Checkpoint c = load(file);
        try {
            module.loadStateDict(c.model());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint " + file + " does not fit " + module.getClass().getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }

    public int epoch() {
        return ((Number) meta.get("epoch")).intValue();
    }

    public long globalStep() {
        return Json.toLong(meta.get("global_step"));
    }
}
