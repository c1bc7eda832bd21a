package org.segrank.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.sun.jna.Native;

class NativeHeapTest {
    private static final int BLOCKS = 4096;
    private static final long BLOCK_BYTES = 64 * 1024;

    @Test
    void freedMemoryHeldByTheCHeapIsGivenBackToTheSystem() throws IOException {
        Assumptions.assumeTrue(NativeHeap.available(), "needs glibc 2.33+");
        // 256 MB in blocks below the mmap threshold, touched, then a block on top that keeps glibc from trimming
        // by itself: freed, the 256 MB stay resident in the C heap until released
        long[] blocks = new long[BLOCKS];
        for (int i = 0; i < BLOCKS; i++) {
            blocks[i] = Native.malloc(BLOCK_BYTES);
            assertTrue(blocks[i] != 0, "malloc");
            new com.sun.jna.Pointer(blocks[i]).setMemory(0, BLOCK_BYTES, (byte) 1);
        }
        long pin = Native.malloc(BLOCK_BYTES);
        try {
            for (long block : blocks) {
                Native.free(block);
            }
            long heldFree = NativeHeap.bytesHeldFree();
            long residentBefore = residentBytes();
            assertTrue(heldFree >= BLOCKS * BLOCK_BYTES, "held free: " + heldFree);
            NativeHeap.releaseFreeMemory();
            long residentAfter = residentBytes();
            long released = residentBefore - residentAfter;
            assertTrue(released > 200_000_000L, "resident " + residentBefore / 1_000_000 + " MB, after the release "
                    + residentAfter / 1_000_000 + " MB");
        } finally {
            Native.free(pin);
        }
    }

    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
