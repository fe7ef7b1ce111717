package io.principia.core.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One downloadable file of a dataset: the local file name, its canonical URL, and its SHA-256
 * (lower-case hex), or {@code null} where no verified checksum is known.
 */
public record RemoteFile(String name, URI url, String sha256) {
    public RemoteFile {
        if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("RemoteFile: name must be a plain file name, got '" + name + "'");
        }
        if (url == null) {
            throw new IllegalArgumentException("RemoteFile " + name + ": url must not be null");
        }
        if (sha256 != null) {
            sha256 = sha256.toLowerCase(Locale.ROOT);
            if (!sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("RemoteFile " + name + ": sha256 must be 64 hex digits, got '" + sha256 + "'");
            }
        }
    }

    public RemoteFile(String name, String url, String sha256) {
        this(name, URI.create(url), sha256);
    }

    /** Downloads this file into {@code dir} (kept if already there with the right checksum). */
    public Path fetch(Path dir) {
        return Downloader.fetch(url, sha256, dir.resolve(name));
    }
}
