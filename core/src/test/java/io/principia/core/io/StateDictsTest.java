package io.principia.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.nn.Module;
import io.principia.core.util.Rng;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class StateDictsTest {
    @TempDir
    Path dir;

    static final class Dense extends Module {
        Dense(Rng rng, int in, int out) {
            registerParameter("weight", rng.normal(DataType.FLOAT, 0, 1, out, in));
            registerParameter("bias", rng.normal(DataType.FLOAT, 0, 1, out));
        }
    }

    static final class Net extends Module {
        Net(Rng rng, int hidden) {
            registerModule("fc1", new Dense(rng, 3, hidden));
            registerModule("fc2", new Dense(rng, hidden, 2));
            registerBuffer("running_mean", rng.normal(DataType.FLOAT, 0, 1, 2));
        }
    }

    @Test
    void roundTripUsesPytorchDottedNames() throws IOException {
        Net a = new Net(new Rng(1), 4);
        Net b = new Net(new Rng(2), 4);
        Path f = dir.resolve("net.npz");
        StateDicts.save(a, f);
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "running_mean"),
                new ArrayList<>(Npz.read(f).keySet()));
        StateDicts.load(b, f);
        for (Map.Entry<String, INDArray> e : a.stateDict().entrySet()) {
            assertArrayEquals(e.getValue().data().asFloat(), b.stateDict().get(e.getKey()).data().asFloat(), e.getKey());
        }
    }

    @Test
    void loadsFloat64WeightsIntoFloat32Model() throws IOException {
        Net a = new Net(new Rng(1), 4);
        Map<String, INDArray> doubles = new LinkedHashMap<>();
        a.stateDict().forEach((k, v) -> doubles.put(k, v.castTo(DataType.DOUBLE)));
        Path f = dir.resolve("f64.npz");
        Npz.write(f, doubles);
        Net b = new Net(new Rng(3), 4);
        StateDicts.load(b, f);
        assertEquals(DataType.FLOAT, b.stateDict().get("fc1.weight").dataType());
        assertArrayEquals(a.stateDict().get("fc1.weight").data().asFloat(), b.stateDict().get("fc1.weight").data().asFloat());
    }

    /** What {@code numpy.savez(path, **{k: v.numpy() for k, v in model.state_dict().items()})} writes (python3 + numpy, else skipped). */
    @Test
    void loadsAStateDictSavedByNumpy() throws Exception {
        Path f = dir.resolve("torch_like.npz");
        String script = "import numpy as np,sys\n"
                + "sd={'fc1.weight':(4,3),'fc1.bias':(4,),'fc2.weight':(2,4),'fc2.bias':(2,),'running_mean':(2,)}\n"
                + "np.savez(sys.argv[1], **{k: (np.arange(np.prod(s), dtype=np.float32) / 8 - 1).reshape(s) for k, s in sd.items()})\n";
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", script, f.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("python3 not available");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int rc = p.waitFor();
        org.junit.jupiter.api.Assumptions.assumeFalse(out.contains("No module named"), "numpy not available");
        assertEquals(0, rc, out);
        Net net = new Net(new Rng(5), 4);
        StateDicts.load(net, f);
        INDArray w = net.stateDict().get("fc2.weight");
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals((4 * i + j) / 8.0 - 1, w.getDouble(i, j), 0.0);
            }
        }
        assertEquals(1 / 8.0 - 1, net.stateDict().get("running_mean").getDouble(1), 0.0);
    }

    @Test
    void mismatchNamesFileAndParameter() throws IOException {
        Path f = dir.resolve("h4.npz");
        StateDicts.save(new Net(new Rng(1), 4), f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StateDicts.load(new Net(new Rng(1), 5), f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("fc1.weight")
                && e.getMessage().contains("[5, 3]") && e.getMessage().contains("[4, 3]"), e.getMessage());
        Path g = dir.resolve("partial.npz");
        Npz.write(g, Map.of("fc1.weight", new Net(new Rng(1), 4).stateDict().get("fc1.weight")));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> StateDicts.load(new Net(new Rng(1), 4), g));
        assertTrue(missing.getMessage().contains("missing") && missing.getMessage().contains("fc2.bias"), missing.getMessage());
        StateDicts.load(new Net(new Rng(1), 4), g, false); // non-strict: loads what is there
    }
}
