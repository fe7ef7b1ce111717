package io.principia.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.io.Npz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class CheckpointTest {
    @TempDir
    Path dir;

    private Checkpoint sample() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format_version", Checkpoint.FORMAT_VERSION);
        meta.put("epoch", 3);
        meta.put("global_step", 1L << 40);
        meta.put("rng_state", Long.MIN_VALUE + 12345);
        meta.put("best", Double.NEGATIVE_INFINITY);
        meta.put("note", "héllo");
        return new Checkpoint(Map.of("fc.weight", Nd4j.createFromArray(new float[][] {{1, 2}})),
                Map.of("step", Nd4j.scalar(7L)), meta);
    }

    @Test
    void roundTrip() throws IOException {
        Path f = dir.resolve("a.ckpt");
        sample().save(f);
        Checkpoint c = Checkpoint.load(f);
        assertEquals(3, c.epoch());
        assertEquals(1L << 40, c.globalStep());
        assertEquals(Long.MIN_VALUE + 12345, ((Number) c.meta().get("rng_state")).longValue());
        assertEquals("-Infinity", c.meta().get("best"));
        assertEquals("héllo", c.meta().get("note"));
        assertArrayEquals(new float[] {1, 2}, c.model().get("fc.weight").data().asFloat());
        assertEquals(7L, c.optimizer().get("step").getLong(0));
        assertEquals(List.of("model/fc.weight", "optim/step", "meta"), List.copyOf(Npz.read(f).keySet()));
    }

    @Test
    void aPlainNpzIsNotACheckpoint() throws IOException {
        Path f = dir.resolve("weights.npz");
        Npz.write(f, Map.of("w", Nd4j.zeros(2)));
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("no 'meta'"), e.getMessage());
    }

    /** NumPy reads a checkpoint (skipped where python3 with numpy is missing). */
    @Test
    void numpyReadsIt() throws Exception {
        Path f = dir.resolve("n.ckpt");
        sample().save(f);
        String script = "import numpy as np,json,sys\n"
                + "c=np.load(sys.argv[1])\n"
                + "m=json.loads(bytes(c['meta']).decode('utf-8'))\n"
                + "print(m['epoch'], m['global_step'], m['note'], c['model/fc.weight'].tolist(), int(c['optim/step']))\n";
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", script, f.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("python3 not available");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        Assumptions.assumeFalse(out.contains("No module named"), "numpy not available");
        assertEquals(0, rc, out);
        assertEquals("3 1099511627776 héllo [[1.0, 2.0]] 7\n", out);
    }

}
