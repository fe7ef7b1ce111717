package io.principia.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see either the old content or the complete new content, never a
 * partial one: the bytes go to a temporary file in the same folder, which is flushed to disk and
 * then renamed over the target ({@code ATOMIC_MOVE}). A failed write leaves no temporary behind.
 */
public final class AtomicFiles {
    /** Temporary files start with this prefix, so a crash's leftovers are recognisable. */
    public static final String TEMP_PREFIX = ".tmp-";

    private AtomicFiles() {}

    /** Writes what {@code body} produces; the stream must not be closed by the body. */
    public static void write(Path target, IoBody body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, TEMP_PREFIX + abs.getFileName() + "-", "");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(ch);
                body.write(out);
                out.flush();
                ch.force(true);
            }
            makeReadable(tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Temp files are created 0600; a finished run file is shared like any other (0644 on POSIX). */
    private static void makeReadable(Path file) throws IOException {
        try {
            java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: nothing to do
        }
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Something that writes a file's content. */
    @FunctionalInterface
    public interface IoBody {
        void write(OutputStream out) throws IOException;
    }
}
