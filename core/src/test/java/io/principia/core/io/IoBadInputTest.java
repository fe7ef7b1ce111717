package io.principia.core.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class IoBadInputTest {
    @TempDir
    Path tmp;

    @Test
    void nullArrayIsNamedAndNothingIsWritten() {
        Path file = tmp.resolve("x.npz");
        var e = assertThrows(IllegalArgumentException.class, () -> Npz.write(file, Collections.singletonMap("fc.weight", null)));
        assertTrue(e.getMessage().contains("'fc.weight'") && e.getMessage().contains("null"), e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void shapeWhoseSizeOverflowsIsAnIoError() throws IOException {
        byte[] ok = Npy.encode(Nd4j.zeros(DataType.FLOAT, 3, 3), "x");
        String text = new String(ok, StandardCharsets.ISO_8859_1).replace("(3, 3)", "(4294967296, 4294967296)");
        byte[] bad = text.getBytes(StandardCharsets.ISO_8859_1);
        var e = assertThrows(IOException.class, () -> Npy.decode(bad, "weights.npy"));
        assertTrue(e.getMessage().contains("weights.npy") && e.getMessage().contains("too large"), e.getMessage());
    }
}
