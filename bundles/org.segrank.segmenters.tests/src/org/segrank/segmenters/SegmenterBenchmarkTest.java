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
        // 600 inferences of 64x64 images: any native array outliving its call (a few hundred KB each) would add
        // well over 64 MB; allocator noise stays far below that
        SegmenterBenchmark.MemoryResult result = SegmenterBenchmark.memory(600, 64, 5);
        assertTrue(result.rssAfterWarmUpBytes() > 0, result.toString());
        assertTrue(result.growthMegabytes() < 64, result.toString());
    }
}
