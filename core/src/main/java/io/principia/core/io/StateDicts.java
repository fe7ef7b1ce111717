package io.principia.core.io;

import io.principia.core.nn.Module;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A module's {@link Module#stateDict() state dict} as an {@code .npz} file, keyed by the same
 * dotted names PyTorch uses, so a PyTorch model's weights load after
 * {@code numpy.savez(path, **{k: v.numpy() for k, v in model.state_dict().items()})}, and
 * {@code torch.from_numpy} reads ours back.
 */
public final class StateDicts {
    private StateDicts() {}

    /** Writes every parameter and buffer of {@code module} atomically. */
    public static void save(Module module, Path file) throws IOException {
        Npz.write(file, module.stateDict());
    }

    /** Loads {@code file} into {@code module}; every name must match and every shape agree. */
    public static void load(Module module, Path file) throws IOException {
        load(module, file, true);
    }

    /**
     * Loads {@code file} into {@code module}. Without {@code strict}, missing and unexpected names
     * are ignored (shapes must still agree). Errors name the file and the offending parameter.
     */
    public static void load(Module module, Path file, boolean strict) throws IOException {
        Map<String, INDArray> state = Npz.read(file);
        try {
            module.loadStateDict(state, strict);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot load " + file + " into " + module.getClass().getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }
}
