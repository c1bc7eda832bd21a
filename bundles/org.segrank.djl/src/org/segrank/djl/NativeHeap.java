package org.segrank.djl;

import java.util.List;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;

/**
 * Bytes the C heap has handed out and not got back, from glibc's {@code mallinfo2()} ({@code uordblks + hblkhd}):
 * libtorch and OnnxRuntime allocate tensors there, so a leaked native array shows up here, while the resident set
 * size also moves with allocator caching and JIT code and is too noisy for a leak test. JNA comes with DJL.
 */
public final class NativeHeap {

    /** The {@code struct mallinfo2} of glibc 2.33 and later (every field a size_t). */
    public static final class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena;
        public long ordblks;
        public long smblks;
        public long hblks;
        public long hblkhd;
        public long usmblks;
        public long fsmblks;
        public long uordblks;
        public long fordblks;
        public long keepcost;

        @Override
        protected List<String> getFieldOrder() {
            return List.of("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
                    "fordblks", "keepcost");
        }
    }

    /** The part of the C library used here. */
    public interface GlibcMalloc extends Library {
        MallInfo2 mallinfo2();

        int malloc_trim(long pad);
    }

    private static final GlibcMalloc GLIBC = load();

    private NativeHeap() {
    }

    private static GlibcMalloc load() {
        try {
            GlibcMalloc glibc = Native.load("c", GlibcMalloc.class);
            glibc.mallinfo2();
            return glibc;
        } catch (UnsatisfiedLinkError | RuntimeException notGlibc233) {
            return null;
        }
    }

    /** Whether {@link #bytesInUse()} is measured (Linux with glibc 2.33 or later). */
    public static boolean available() {
        return GLIBC != null;
    }

    /** Bytes allocated with malloc and not freed, or -1 when not {@link #available()}. */
    public static long bytesInUse() {
        if (GLIBC == null) {
            return -1;
        }
        MallInfo2 info = GLIBC.mallinfo2();
        return info.uordblks + info.hblkhd;
    }

    /** Bytes the C heap holds free (taken from the system, not in use), or -1 when not {@link #available()}. */
    public static long bytesHeldFree() {
        return GLIBC == null ? -1 : GLIBC.mallinfo2().fordblks;
    }

    /**
     * Gives the C heap's free memory back to the system (glibc {@code malloc_trim(0)}, every arena), after a job
     * has closed its models or finished training. SegRank's launcher tells glibc never to trim by itself
     * ({@code MALLOC_TRIM_THRESHOLD_} in releng/scripts/env.sh, for steady native timings), so without this a
     * long-lived process (the UI, the demo) would keep the peak of every job it ran: the demo held 7.6 GB free
     * and 1.4 GB in use. No-op where not {@link #available()}.
     *
     * @return whether memory was released
     */
    public static boolean releaseFreeMemory() {
        return GLIBC != null && GLIBC.malloc_trim(0) == 1;
    }
}
