package org.segrank.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyAndBenchmarkTest {
    @TempDir
    Path folder;

    @Test
    void npyRoundTripAndHeader() throws IOException {
        float[][] rows = TestData.gaussian(7, 5, 1);
        rows[2][3] = -0.0f;
        rows[6][4] = Float.MAX_VALUE;
        Path file = folder.resolve("x.npy");
        NpyWriter.write(file, rows);
        byte[] bytes = Files.readAllBytes(file);
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLength) % 64);
        assertEquals(10 + headerLength + 7 * 5 * 4, bytes.length);
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (7, 5), }"), header);
        assertTrue(header.endsWith("\n"));
        float[][] back = NpyReader.read(file);
        for (int i = 0; i < rows.length; i++) {
            assertArrayEquals(rows[i], back[i], 0f);
        }
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(back[2][3]));

        float[] flat = { 1, 2, 3, 4, 5, 6 };
        NpyWriter.write(file, flat, 3, 2);
        assertArrayEquals(new float[] { 5, 6 }, NpyReader.read(file)[2], 0f);
        Files.writeString(file, "not numpy");
        assertThrows(IOException.class, () -> NpyReader.read(file));
    }

    @Test
    void benchmarkRunsOnASmallProblem() {
        RetrievalBenchmark.Figures figures = RetrievalBenchmark.run(800, 24, 30, 2, 3L, 10, 2);
        assertEquals(800, figures.n());
        assertEquals(2, figures.threads());
        assertTrue(figures.pcaSeconds() > 0 && figures.kmeansSeconds() > 0 && figures.searchSeconds() > 0);
        assertTrue(figures.pcaRowsPerSecond() > 0 && figures.searchQueriesPerSecond() > 0);
        assertTrue(figures.explainedVarianceRatio() > 0 && figures.explainedVarianceRatio() <= 1 + 1e-9);
        // Queries come from the same blobs as the candidates: their best hits are close.
        assertTrue(figures.meanTop1Similarity() > 0.9, "mean top-1 similarity " + figures.meanTop1Similarity());
        assertTrue(figures.format().contains("exact top-1 search"));
        assertEquals(1.0, figures.agreement(), "brute force finds the same best hits");
        assertTrue(figures.bruteForceSearchSeconds() > 0 && figures.format().contains("brute force"));
    }

    @Test
    void structurelessDataHasNoClusters() {
        RetrievalBenchmark.Data data = RetrievalBenchmark.generateStructureless(2000, 64, 50, 5L, 2);
        assertEquals(2000, data.features().length);
        double sum = 0;
        double squares = 0;
        for (float[] row : data.features()) {
            for (float v : row) {
                sum += v;
                squares += v * v;
            }
        }
        int count = 2000 * 64;
        assertEquals(0, sum / count, 0.02, "mean");
        assertEquals(1, squares / count, 0.02, "variance");
        // best cosines of random directions in 64 dimensions stay far below those of blob data (> 0.9)
        ExactCosineIndex index = new ExactCosineIndex(64, 2);
        index.addAll(data.features());
        double best = 0;
        for (List<Hit> hits : index.searchBatch(data.queries(), 1)) {
            best = Math.max(best, hits.get(0).similarity());
        }
        assertTrue(best < 0.7, "best cosine " + best);
        assertEquals(RetrievalBenchmark.generateStructureless(2000, 64, 50, 5L, 1).features()[1999][63],
                data.features()[1999][63], "same data for any thread count");
    }

    @Test
    void generatedDataDependsOnlyOnTheSeed() {
        RetrievalBenchmark.Data a = RetrievalBenchmark.generate(3000, 6, 10, 9L, 1);
        RetrievalBenchmark.Data b = RetrievalBenchmark.generate(3000, 6, 10, 9L, 3);
        RetrievalBenchmark.Data c = RetrievalBenchmark.generate(3000, 6, 10, 10L, 3);
        assertArrayEquals(a.features()[2999], b.features()[2999], 0f);
        assertArrayEquals(a.queries()[9], b.queries()[9], 0f);
        assertTrue(a.features()[0][0] != c.features()[0][0]);
    }

    @Test
    void exportWritesBothMatrices() throws IOException {
        RetrievalBenchmark.Data data = RetrievalBenchmark.generate(50, 4, 3, 1L, 1);
        var files = RetrievalBenchmark.export(data, folder);
        assertEquals(folder.resolve("features.npy"), files.get(0));
        assertArrayEquals(data.features()[49], NpyReader.read(files.get(0))[49], 0f);
        assertArrayEquals(data.queries()[2], NpyReader.read(files.get(1))[2], 0f);
    }
}
