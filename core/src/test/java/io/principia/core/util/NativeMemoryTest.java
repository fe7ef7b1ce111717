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
        long before = NativeMemory.residentBytes();
        INDArray a = Nd4j.create(DataType.FLOAT, 4 << 20); // 16 MiB, zero-filled, so resident
        assertTrue(NativeMemory.residentBytes() - before >= 8L << 20, "RSS grew by " + (NativeMemory.residentBytes() - before));
        a.close();
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
