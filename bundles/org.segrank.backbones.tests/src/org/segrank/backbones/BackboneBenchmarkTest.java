package org.segrank.backbones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The benchmark on the tiny fixture backbone: the figures are there and consistent (not how fast they are). */
class BackboneBenchmarkTest {

    @Test
    void ratesAndTheConstantInputFeaturesAreReported() throws IOException {
        try (BackboneFileExtractor extractor = BackboneFileExtractor.load("tiny",
                Fixtures.file(Fixtures.TORCHSCRIPT_FEATURE_MAP), BackboneFormat.TORCHSCRIPT, Preprocessing.imageNet(),
                8)) {
            BackboneBenchmark.Result result = BackboneBenchmark.run(extractor, 16);
            System.out.println(result);
            for (BackboneBenchmark.Rate rate : new BackboneBenchmark.Rate[] {result.batch1(), result.batch8(),
                    result.endToEndBatch8()}) {
                assertTrue(rate.median() > 0 && rate.best() >= rate.median() && rate.mean() > 0, rate.toString());
            }
            assertEquals(16, result.batch1().batches());
            assertEquals(2, result.batch8().batches());
            assertEquals(24, result.dimension());
            float[] constant = new float[3 * 224 * 224];
            Arrays.fill(constant, 0.5f);
            float[] features = extractor.extractPreprocessed(constant, 1)[0];
            double sum = 0;
            for (float v : features) {
                sum += v;
            }
            assertEquals(sum, result.constantFeatureSum(), 1e-6 * Math.max(1, Math.abs(sum)));
            assertEquals(features[0], result.constantFeatureFirst()[0]);
        }
    }

    @Test
    void aNetworkWithoutBatchesIsRefused() throws IOException {
        try (BackboneFileExtractor extractor = BackboneFileExtractor.load("tiny",
                Fixtures.file(Fixtures.ONNX_BATCH_1))) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> BackboneBenchmark.run(extractor, 16));
            assertTrue(error.getMessage().contains(Fixtures.ONNX_BATCH_1), error.getMessage());
        }
    }
}
