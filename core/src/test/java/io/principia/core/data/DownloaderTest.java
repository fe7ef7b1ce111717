package io.principia.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads against a local HTTP server on 127.0.0.1 (a handful of requests per test). */
class DownloaderTest {
    private static final byte[] BODY = "principia test payload\n".repeat(1000).getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try (exchange) {
                if (exchange.getRequestURI().getPath().equals("/data.bin")) {
                    exchange.sendResponseHeaders(200, BODY.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(BODY);
                    }
                } else {
                    exchange.sendResponseHeaders(404, -1);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private long leftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).count();
        }
    }

    @Test
    void downloadsVerifiesAndSkipsWhenPresent() throws Exception {
        Path target = dir.resolve("sub/data.bin");
        String digest = sha256(BODY);
        assertEquals(target, Downloader.fetch(url("/data.bin"), digest.toUpperCase(), target));
        assertArrayEquals(BODY, Files.readAllBytes(target));
        assertEquals(digest, Downloader.sha256(target));
        assertEquals(1, requests.get());
        Downloader.fetch(url("/data.bin"), digest, target); // already there and verified: no request
        assertEquals(1, requests.get());
        Files.writeString(target, "stale");
        Downloader.fetch(url("/data.bin"), digest, target); // wrong content: fetched again
        assertEquals(2, requests.get());
        assertArrayEquals(BODY, Files.readAllBytes(target));
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(1, files.count(), "only the target remains");
        }
    }

    @Test
    void checksumMismatchDeletesTheTemporaryFileAndNamesBothDigests() throws Exception {
        Path target = dir.resolve("data.bin");
        String wrong = "0".repeat(64);
        URI u = url("/data.bin");
        DataException e = assertThrows(DataException.class, () -> Downloader.fetch(u, wrong, target));
        String m = e.getMessage();
        assertTrue(m.contains(u.toString()) && m.contains(wrong) && m.contains(sha256(BODY)), m);
        assertFalse(Files.exists(target));
        assertEquals(0, leftovers());
    }

    @Test
    void httpErrorNamesTheStatus() throws Exception {
        Path target = dir.resolve("missing.bin");
        URI u = url("/missing.bin");
        DataException e = assertThrows(DataException.class, () -> Downloader.fetch(u, sha256(BODY), target));
        assertTrue(e.getMessage().contains("404") && e.getMessage().contains(u.toString()), e.getMessage());
        assertFalse(Files.exists(target));
        assertEquals(0, leftovers());
        // a folder the failed download created is removed again; one that was there stays
        Path fresh = dir.resolve("cache/new");
        assertThrows(DataException.class, () -> Downloader.fetch(u, sha256(BODY), fresh.resolve("missing.bin")));
        assertFalse(Files.exists(fresh));
        assertFalse(Files.exists(dir.resolve("cache")), "the parent it created goes too");
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void remoteFileFetchesIntoAFolder() throws Exception {
        RemoteFile f = new RemoteFile("data.bin", url("/data.bin"), sha256(BODY));
        Path got = f.fetch(dir.resolve("cache"));
        assertEquals(dir.resolve("cache/data.bin"), got);
        assertArrayEquals(BODY, Files.readAllBytes(got));
        Path unverified = new RemoteFile("plain.bin", url("/data.bin"), null).fetch(dir); // no known digest
        assertArrayEquals(BODY, Files.readAllBytes(unverified));
        assertThrows(IllegalArgumentException.class, () -> new RemoteFile("a/b", "http://x/", null));
        assertThrows(IllegalArgumentException.class, () -> new RemoteFile("a", "http://x/", "abc"));
    }
}
