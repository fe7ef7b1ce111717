package io.principia.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NativeMemoryTest {

    @Test
    void residentSizeSeesNd4jArrays() {
        // 256 MiB is past glibc's largest mmap threshold (32 MiB), so it comes from fresh pages
        // rather than from memory earlier tests freed but kept resident; writing every element
        // makes those pages resident (a zero-filled mmap alone may not touch them)
        long before = NativeMemory.residentBytes();
        INDArray a = Nd4j.create(DataType.FLOAT, 64L << 20); // 256 MiB
        a.assign(1.0f);
        long grown = NativeMemory.residentBytes() - before;
        a.close();
        assertTrue(grown >= 128L << 20, "RSS grew by " + grown + " bytes after writing 256 MiB");
    }

    @Test
    void watermarkCollectsAfterThresholdGrowthOnly() {
        NativeMemory.Watermark off = NativeMemory.watermark(0);
        NativeMemory.Watermark on = NativeMemory.watermark(32L << 20);
        for (int i = 0; i < 20; i++) {
            Nd4j.create(DataType.FLOAT, 2 << 20); // 8 MiB of garbage each
            off.check();
            on.check();
        }
        assertEquals(0, off.collections());
        assertTrue(on.collections() >= 1, "160 MiB of garbage past a 32 MiB threshold asks for a collection");
        assertTrue(on.collections() <= 5, "at most one collection per 32 MiB allocated: " + on.collections());
    }
}
