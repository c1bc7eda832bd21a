package org.segrank.backbones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tiny fixture backbone through the extractor, compared with the features PyTorch recorded for the same images
 * with torchvision's preprocessing. The three images give pairwise cosines between -0.6 and 0.76 and an
 * unantialiased resize gives 0.71 on the large one, so the bounds below fail on any preprocessing or pooling error.
 */
class BackboneFileExtractorTest {

    /** What the brief requires of Java against Python. */
    private static final double MIN_COSINE = 0.999;
    /** What exact preprocessing actually gives (only the convolution arithmetic differs). */
    private static final double MAX_RELATIVE_ERROR = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.TORCHSCRIPT_FEATURE_MAP, Fixtures.ONNX, Fixtures.ONNX_BATCH_1})
    void featuresAgreeWithPyTorch(String modelFile) throws IOException {
        List<Fixtures.ExpectedCase> cases = Fixtures.cases();
        try (BackboneFileExtractor extractor = BackboneFileExtractor.load("tiny", Fixtures.file(modelFile))) {
            assertEquals(Fixtures.dimension(), extractor.dimension());
            for (int i = 0; i < cases.size(); i++) {
                Fixtures.ExpectedCase expected = cases.get(i);
                float[] actual = extractor.extract(Fixtures.image(expected.image()));
                assertEquals(expected.features().length, actual.length);
                double cosine = Fixtures.cosine(actual, expected.features());
                System.out.printf("%s %s: cosine %.7f, relative max error %.2e%n", modelFile, expected.image(), cosine,
                        Fixtures.relativeMaxError(actual, expected.features()));
                assertTrue(cosine > MIN_COSINE, modelFile + " " + expected.image() + ": cosine " + cosine);
                assertTrue(Fixtures.relativeMaxError(actual, expected.features()) < MAX_RELATIVE_ERROR,
                        modelFile + " " + expected.image());
                for (int j = 0; j < cases.size(); j++) {
                    if (j != i) {
                        assertTrue(Fixtures.cosine(actual, cases.get(j).features()) < 0.9,
                                "images must be told apart: " + expected.image() + " vs " + cases.get(j).image());
                    }
                }
            }
        }
    }

    @Test
    void layoutAndBatchingAreDiscoveredAtLoad() throws IOException {
        try (BackboneFileExtractor featureMap = BackboneFileExtractor.load("tiny",
                Fixtures.file(Fixtures.TORCHSCRIPT_FEATURE_MAP));
                BackboneFileExtractor pooled = BackboneFileExtractor.load("tiny", Fixtures.file(Fixtures.ONNX));
                BackboneFileExtractor batchOne = BackboneFileExtractor.load("tiny",
                        Fixtures.file(Fixtures.ONNX_BATCH_1))) {
            assertTrue(featureMap.poolsFeatureMap());
            assertFalse(pooled.poolsFeatureMap());
            assertEquals(BackboneFormat.TORCHSCRIPT, featureMap.format());
            assertEquals(BackboneFormat.ONNX, pooled.format());
            assertEquals(BackboneFileExtractor.DEFAULT_BATCH_SIZE, featureMap.maxBatchSize());
            assertEquals(BackboneFileExtractor.DEFAULT_BATCH_SIZE, pooled.maxBatchSize());
            assertEquals(1, batchOne.maxBatchSize());
            assertTrue(featureMap.settingsJson().contains("\"pooling\":\"global-average\""));
            assertTrue(pooled.settingsJson().contains("\"pooling\":\"none\""));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.TORCHSCRIPT_FEATURE_MAP, Fixtures.ONNX_BATCH_1})
    void batchesGiveTheSameVectorsAsSingleImages(String modelFile) throws IOException {
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            images.add(Fixtures.image(Fixtures.IMAGES.get(i % 3)));
        }
        try (BackboneFileExtractor extractor = BackboneFileExtractor.load("tiny", Fixtures.file(modelFile),
                BackboneFormat.of(Fixtures.file(modelFile)), Preprocessing.imageNet(), 2)) {
            List<float[]> batch = extractor.extractBatch(images);
            assertEquals(5, batch.size());
            for (int i = 0; i < 5; i++) {
                float[] single = extractor.extract(images.get(i));
                assertTrue(Fixtures.relativeMaxError(batch.get(i), single) < 1e-5, "image " + i);
            }
            assertTrue(extractor.extractBatch(List.of()).isEmpty());
        }
    }

    @Test
    void identityTiesTheVersionToTheFileAndTheSettingsHashToTheSettings(@TempDir Path dir) throws IOException {
        Path copy = Files.copy(Fixtures.file(Fixtures.ONNX), dir.resolve("copy.onnx"));
        try (BackboneFileExtractor a = BackboneFileExtractor.load("resnet-like", Fixtures.file(Fixtures.ONNX));
                BackboneFileExtractor b = BackboneFileExtractor.load("resnet-like", copy);
                BackboneFileExtractor c = BackboneFileExtractor.load("resnet-like", Fixtures.file(Fixtures.ONNX),
                        BackboneFormat.ONNX, new Preprocessing(288, 224, Preprocessing.IMAGENET_MEAN,
                                Preprocessing.IMAGENET_STD), 4);
                BackboneFileExtractor d = BackboneFileExtractor.load("resnet-like",
                        Fixtures.file(Fixtures.TORCHSCRIPT_FEATURE_MAP))) {
            assertEquals("resnet-like", a.name());
            assertEquals("1-sha256:" + a.fileSha256().substring(0, 16), a.version());
            assertEquals(Hashing.sha256(Files.readAllBytes(Fixtures.file(Fixtures.ONNX))), a.fileSha256());
            assertEquals(a.version(), b.version());
            assertEquals(a.settingsJson(), b.settingsJson());
            assertEquals(a.settingsHash(), b.settingsHash());
            assertEquals(Hashing.sha256(a.settingsJson()), a.settingsHash());
            assertNotEquals(a.settingsHash(), c.settingsHash());
            assertTrue(c.settingsJson().contains("\"resize_shorter_side\":288"), c.settingsJson());
            assertNotEquals(a.version(), d.version());
            assertTrue(a.settingsJson().startsWith("{\"name\":\"resnet-like\",\"extractor\":\"backbone-file\","
                    + "\"algorithm\":\"1\",\"format\":\"onnx\",\"file_sha256\":\"" + a.fileSha256()
                    + "\",\"dimension\":24,\"pooling\":\"none\",\"preprocessing\":{"), a.settingsJson());
        }
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("resnet50.pt");
        NoSuchFileException error = assertThrows(NoSuchFileException.class,
                () -> BackboneFileExtractor.load("x", missing));
        assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
    }

    @Test
    void aFileThatIsNotAModelIsRefusedNamingIt(@TempDir Path dir) throws IOException {
        Path text = Fixtures.file(Fixtures.NOT_A_MODEL);
        BackboneException torch = assertThrows(BackboneException.class, () -> BackboneFileExtractor.load("x", text));
        assertTrue(torch.getMessage().contains(text.toString()) && torch.getMessage().contains("PyTorch"),
                torch.getMessage());
        Path asOnnx = Files.copy(text, dir.resolve("not_a_model.onnx"));
        BackboneException onnx = assertThrows(BackboneException.class, () -> BackboneFileExtractor.load("x", asOnnx));
        assertTrue(onnx.getMessage().contains(asOnnx.toString()) && onnx.getMessage().contains("OnnxRuntime"),
                onnx.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BackboneFileExtractor.load("x", dir.resolve("model.bin")));
    }

    @Test
    void anUnexpectedOutputShapeIsRefusedNamingFileAndShape() {
        Path file = Fixtures.file(Fixtures.BAD_OUTPUT);
        BackboneException error = assertThrows(BackboneException.class, () -> BackboneFileExtractor.load("x", file));
        assertTrue(error.getMessage().contains(file.toString()) && error.getMessage().contains("(2, 4, 6)"),
                error.getMessage());
    }

    @Test
    void concurrentCallersGetCorrectVectorsAndOwnPredictors() throws Exception {
        List<Fixtures.ExpectedCase> cases = Fixtures.cases();
        List<BufferedImage> images = cases.stream().map(c -> Fixtures.image(c.image())).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (BackboneFileExtractor extractor = BackboneFileExtractor.load("tiny",
                Fixtures.file(Fixtures.TORCHSCRIPT_FEATURE_MAP))) {
            List<Future<Double>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    double worst = 1;
                    for (int k = 0; k < 9; k++) {
                        float[] v = extractor.extract(images.get(k % 3));
                        worst = Math.min(worst, Fixtures.cosine(v, cases.get(k % 3).features()));
                    }
                    return worst;
                }));
            }
            for (Future<Double> result : results) {
                assertTrue(result.get() > MIN_COSINE, "worst cosine " + result.get());
            }
            assertTrue(extractor.predictorCount() >= 1 && extractor.predictorCount() <= 4,
                    "predictors: " + extractor.predictorCount());
            extractor.close();
            assertThrows(IllegalStateException.class, () -> extractor.extract(images.get(0)));
        } finally {
            pool.shutdownNow();
        }
    }
}
