package org.segrank.segmenters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SegmenterBenchmarkTest {

    @Test
    void compactFiguresArePositiveAndPrinted() {
        SegmenterBenchmark.CompactResult result = SegmenterBenchmark.compact(4, 128, 6, 3);
        assertEquals(4, result.images());
        assertTrue(result.singleImagesPerSecond() > 0);
        assertTrue(result.groupImagesPerSecond() > 0);
        String text = result.toString();
        assertTrue(text.contains("one model:") && text.contains("6 models, shared encoder"), text);
    }

    @Test
    void memoryStaysFlatOverManyInferences() throws Exception {
        // 3000 inferences of 64x64 images, the last 2000 measured: native arrays outliving their call (the encoder's
        // output alone is 0.4 MB per image) would add 800 MB and more to the C heap in use; without a leak it stays
        // within a few MB (the resident size also moves with allocator caching, more so under load: not the criterion).
        // Only growth counts: the heap may shrink when native memory left by earlier tests in this JVM is released.
        org.junit.jupiter.api.Assumptions.assumeTrue(org.segrank.djl.NativeHeap.available(), "needs glibc 2.33+ mallinfo2");
        SegmenterBenchmark.MemoryResult result = SegmenterBenchmark.memory(3000, 64, 5);
        assertTrue(result.rssAfterWarmUpBytes() > 0, result.toString());
        assertTrue(result.nativeGrowthMegabytes() < 32, result.toString());
    }
}
