package io.principia.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a file over HTTP(S) and verifies its SHA-256 before it becomes visible: the body is
 * streamed to a temporary file in the target's folder, hashed on the way, and atomically moved
 * into place only if the digest matches. A failed download leaves no partial file behind.
 */
public final class Downloader {
    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
    /** Time allowed to open a connection. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** Time allowed from sending the request to receiving the response headers. */
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

    private static volatile HttpClient client;

    private Downloader() {}

    /** Removes {@code dir} if it is empty; best effort. Returns whether it was removed. */
    private static boolean removeIfEmpty(Path dir) {
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(dir);
                return true;
            }
        } catch (IOException ignored) {
            // not there, or cannot be listed or removed: leave it
        }
        return false;
    }

    /**
     * Makes {@code target} a verified copy of {@code url} and returns it. If {@code target}
     * already exists with the expected digest nothing is fetched. {@code sha256} may be null when
     * no checksum is known: the file is then downloaded (or kept) unverified, with a warning
     * that logs its digest.
     *
     * @throws DataException on an HTTP error status (naming it and the URL), a network failure,
     *     or a checksum mismatch (naming the URL, the expected and the actual digest)
     */
    public static Path fetch(URI url, String sha256, Path target) {
        String expected = sha256 == null ? null : sha256.toLowerCase(java.util.Locale.ROOT);
        if (Files.isRegularFile(target)) {
            if (expected == null) {
                LOG.warn("{} exists and has no known checksum; keeping it unverified", target);
                return target;
            }
            String actual = sha256(target);
            if (actual.equals(expected)) {
                return target;
            }
            LOG.warn("{} has SHA-256 {}, expected {}; downloading it again", target, actual, expected);
        }
        Path dir = target.toAbsolutePath().getParent();
        Path firstNew = null; // the highest folder this call creates, if any
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            firstNew = p;
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, target.getFileName() + ".", ".part");
            LOG.info("downloading {} to {}", url, target);
            HttpRequest request = HttpRequest.newBuilder(url).timeout(RESPONSE_TIMEOUT).GET().build();
            HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            String actual;
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new DataException("download of " + url + " failed: HTTP status " + response.statusCode());
                }
                MessageDigest md = newSha256();
                try (InputStream in = new DigestInputStream(body, md); OutputStream out = Files.newOutputStream(tmp)) {
                    in.transferTo(out);
                }
                actual = HexFormat.of().formatHex(md.digest());
            }
            if (expected != null && !actual.equals(expected)) {
                throw new DataException("checksum mismatch for " + url + ": expected SHA-256 " + expected + ", got " + actual);
            }
            if (expected == null) {
                LOG.warn("{} has no known checksum; downloaded file has SHA-256 {}", url, actual);
            }
            move(tmp, target);
            return target;
        } catch (IOException e) {
            String elsewhere = "point --data, -D" + DataPaths.DATA_PROPERTY + " or " + DataPaths.DATA_ENV + " at a folder that holds it";
            String hint = e instanceof java.nio.file.FileSystemException
                    ? " (cannot write there: " + elsewhere + ", or make the folder writable)"
                    : " (offline? place the file there by hand, or " + elsewhere + ")";
            throw new DataException("download of " + url + " to " + target + " failed: " + e + hint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("download of " + url + " was interrupted", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file has a .part suffix and is never read
                }
            }
            if (firstNew != null && !Files.exists(target)) {
                // a failed download leaves none of the empty folders it created behind
                for (Path p = dir; p != null && p.startsWith(firstNew) && removeIfEmpty(p); p = p.getParent()) {
                    // removed; go up
                }
            }
        }
    }

    /** Lower-case hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) {
        MessageDigest md = newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new DataException("cannot read " + file + " to compute its SHA-256: " + e, e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (Downloader.class) {
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                            .followRedirects(HttpClient.Redirect.NORMAL).build();
                }
                c = client;
            }
        }
        return c;
    }
}
