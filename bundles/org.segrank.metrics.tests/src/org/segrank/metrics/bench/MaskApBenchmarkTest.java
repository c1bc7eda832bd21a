package org.segrank.metrics.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segrank.metrics.mask.Rle;

class MaskApBenchmarkTest {

    @Test
    void ellipseEncoderMatchesARasterisedEllipse() {
        for (double[] e : new double[][] {{10, 8, 5, 3}, {0.5, 0.5, 4, 7}, {30, 20, 3.3, 12}, {15, 15, 40, 40}}) {
            int width = 32;
            int height = 24;
            boolean[] raster = new boolean[width * height];
            for (int x = 0; x < width; x++) {
                double dx = (x - e[0]) / e[2];
                if (dx * dx > 1) {
                    continue;
                }
                double half = e[3] * Math.sqrt(1 - dx * dx);
                for (int y = 0; y < height; y++) {
                    raster[y * width + x] = y >= Math.ceil(e[1] - half) && y <= Math.floor(e[1] + half);
                }
            }
            assertEquals(Rle.encodeRowMajor(raster, height, width),
                    MaskApBenchmark.ellipse(e[0], e[1], e[2], e[3], width, height));
        }
    }

    @Test
    void smallRunReportsFiguresAndExportsACase(@TempDir Path dir) throws IOException {
        Path caseFile = dir.resolve("case.json");
        String report = MaskApBenchmark.run(2, 64, 48, 10, 15, 1L, caseFile);
        assertTrue(report.contains("masks/s"), report);
        assertTrue(report.contains("pairs/s"), report);
        assertTrue(report.contains("ms/image"), report);
        assertTrue(report.contains("maxDets=1000"), report);
        String json = Files.readString(caseFile);
        assertTrue(json.contains("\"ground_truth\"") && json.contains("\"results\"") && json.contains("\"java\""));
    }
}
