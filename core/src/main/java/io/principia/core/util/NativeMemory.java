package io.principia.core.util;

import org.bytedeco.javacpp.Pointer;

/**
 * ND4J keeps array data off the Java heap and frees it only when the garbage collector reclaims
 * the array object; a loop that makes many short-lived arrays but little heap garbage (an ODE
 * solve, a long recurrent unroll) can therefore grow native memory by gigabytes before a
 * collection runs. A {@link Watermark} asks for a collection whenever the resident size has grown
 * by a threshold since the last one, which bounds that growth at a cost amortised over the
 * threshold (at most one collection per that many bytes of growth).
 */
public final class NativeMemory {
    private NativeMemory() {}

    /**
     * The process's resident memory (RSS, bytes), as JavaCPP reads it from the OS. ND4J's CPU
     * buffers are not counted by JavaCPP's own allocation counter, so growth is watched here.
     */
    public static long residentBytes() {
        return Pointer.physicalBytes();
    }

    /** A fresh watermark at the current allocation level; a threshold of 0 or less never collects. */
    public static Watermark watermark(long thresholdBytes) {
        return new Watermark(thresholdBytes);
    }

    /** See {@link NativeMemory}. */
    public static final class Watermark {
        private final long threshold;
        private long mark;
        private int collections;

        private Watermark(long threshold) {
            this.threshold = threshold;
            this.mark = residentBytes();
        }

        /** Collects garbage if the resident size grew by more than the threshold since the mark. */
        public void check() {
            if (threshold <= 0) {
                return;
            }
            long now = residentBytes();
            if (now < mark) {
                mark = now; // returned to the OS since: follow the level down
            } else if (now - mark > threshold) {
                // freed native memory is usually reused rather than returned, so the resident size
                // grows again only when garbage piles up faster than it is collected
                System.gc();
                collections++;
                mark = residentBytes();
            }
        }

        /** How many collections this watermark has asked for. */
        public int collections() { return collections; }
    }
}
