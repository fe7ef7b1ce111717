package io.principia.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataPathsTest {
    @TempDir
    Path tmp;

    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void saveProperties() {
        for (String key : new String[] {DataPaths.DATA_PROPERTY, DataPaths.CACHE_PROPERTY, DataPaths.SHARED_DATA_PROPERTY,
                DataPaths.HOME_PROPERTY}) {
            saved.put(key, System.getProperty(key));
        }
    }

    @AfterEach
    void restoreProperties() {
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    @Test
    void explicitPathWinsAndMustExist() throws IOException {
        Path given = Files.createDirectory(tmp.resolve("mine"));
        Path root = Files.createDirectories(tmp.resolve("root/toy"));
        System.setProperty(DataPaths.DATA_PROPERTY, root.getParent().toString());
        assertEquals(given, DataPaths.resolve("toy", given));
        Path missing = tmp.resolve("missing");
        DataException e = assertThrows(DataException.class, () -> DataPaths.resolve("toy", missing));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("toy"), e.getMessage());
    }

    @Test
    void dataRootPropertyThenCache() throws IOException {
        Path root = tmp.resolve("root");
        Path cache = tmp.resolve("cache");
        System.setProperty(DataPaths.CACHE_PROPERTY, cache.toString());
        System.setProperty(DataPaths.DATA_PROPERTY, root.toString());
        // root/toy absent: the cache folder is returned (not created) for a downloader to fill
        assertEquals(cache.resolve("toy"), DataPaths.resolve("toy", null));
        assertTrue(!Files.exists(cache.resolve("toy")));
        DataException e = assertThrows(DataException.class, () -> DataPaths.require("toy", null));
        assertTrue(e.getMessage().contains(root.resolve("toy").toString()) && e.getMessage().contains(cache.resolve("toy").toString()),
                e.getMessage());
        Files.createDirectories(root.resolve("toy"));
        assertEquals(root.resolve("toy"), DataPaths.resolve("toy", null));
        assertEquals(root.resolve("toy"), DataPaths.require("toy", null));
        System.clearProperty(DataPaths.DATA_PROPERTY);
        if (System.getenv(DataPaths.DATA_ENV) == null) {
            Files.createDirectories(cache.resolve("toy"));
            assertEquals(cache.resolve("toy"), DataPaths.require("toy", null));
        }
    }

    @Test
    void launcherRunsFindSharedDataBesideTheCheckout() throws IOException {
        Path checkout = Files.createDirectories(tmp.resolve("work/main"));
        Path shared = Files.createDirectories(tmp.resolve("work/shared/data/toy"));
        System.setProperty(DataPaths.CACHE_PROPERTY, tmp.resolve("cache").toString());
        System.clearProperty(DataPaths.DATA_PROPERTY);
        System.setProperty(DataPaths.HOME_PROPERTY, checkout.toString());
        Files.writeString(shared.resolve("a.txt"), "a");
        if (System.getenv(DataPaths.DATA_ENV) == null) {
            assertEquals(shared, DataPaths.resolve("toy", null, "a.txt"));
            // a folder that lacks a needed file, or a caller that names none, goes to the cache: the shared folder
            // may be read-only and must never receive a download
            assertEquals(tmp.resolve("cache/toy"), DataPaths.resolve("toy", null, "a.txt", "b.txt"));
            assertEquals(tmp.resolve("cache/toy"), DataPaths.resolve("toy", null));
            assertEquals(tmp.resolve("cache/other"), DataPaths.resolve("other", null, "a.txt"));
        }
        // the data root still comes first
        Path root = Files.createDirectories(tmp.resolve("root/toy"));
        System.setProperty(DataPaths.DATA_PROPERTY, root.getParent().toString());
        assertEquals(root, DataPaths.resolve("toy", null, "a.txt"));
        System.clearProperty(DataPaths.HOME_PROPERTY);
    }

    @Test
    void defaultCacheIsUnderUserHome() {
        System.clearProperty(DataPaths.CACHE_PROPERTY);
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "principia", "toy"), DataPaths.cacheDir("toy"));
    }

    @Test
    void sharedDataComesFromItsProperty() throws IOException {
        System.setProperty(DataPaths.SHARED_DATA_PROPERTY, tmp.toString());
        Files.createDirectory(tmp.resolve("cora"));
        assertEquals(tmp.toAbsolutePath().normalize(), DataPaths.sharedData());
        assertEquals(tmp.resolve("cora").toAbsolutePath().normalize(), DataPaths.sharedData("cora").orElseThrow());
        assertTrue(DataPaths.sharedData("absent").isEmpty());
        System.clearProperty(DataPaths.SHARED_DATA_PROPERTY);
        assertTrue(DataPaths.sharedData("cora").isEmpty());
        DataException e = assertThrows(DataException.class, DataPaths::sharedData);
        assertTrue(e.getMessage().contains(DataPaths.SHARED_DATA_PROPERTY), e.getMessage());
    }

    @Test
    void badNamesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> DataPaths.resolve("../etc", null));
        assertThrows(IllegalArgumentException.class, () -> DataPaths.resolve("", null));
    }
}
