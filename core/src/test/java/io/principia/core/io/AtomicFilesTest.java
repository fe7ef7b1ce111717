package io.principia.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replacesContentAndLeavesNoTemporary() throws IOException {
        Path f = dir.resolve("sub/a.json");
        AtomicFiles.write(f, "one".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(f, "two".getBytes(StandardCharsets.UTF_8));
        assertEquals("two", Files.readString(f));
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertEquals(List.of("a.json"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void failedWriteKeepsOldContentAndRemovesTemporary() throws IOException {
        Path f = dir.resolve("b.txt");
        AtomicFiles.write(f, "old".getBytes(StandardCharsets.UTF_8));
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("b.txt"), names());
    }
}
