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
}
