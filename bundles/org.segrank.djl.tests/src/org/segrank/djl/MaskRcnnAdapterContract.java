package org.segrank.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.segrank.djl.Fixtures.ExpectedCase;
import org.segrank.djl.Fixtures.ExpectedDetection;
import org.segrank.metrics.coco.Detection;
import org.segrank.metrics.mask.Rle;

/**
 * What every Mask R-CNN adapter must do with the tiny fixture model: reproduce the outputs recorded in Python, and
 * honour its settings. Subclasses say how to load the model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MaskRcnnAdapterContract {

    /** Scores and box coordinates must match the Python recording this closely. */
    static final float VALUE_TOLERANCE = 1e-3f;
    /** Mask areas may differ by the pixels whose probability was within 1e-3 of the threshold, plus this. */
    static final int AREA_SLACK = 2;

    private SegmentationModel model;

    abstract SegmentationModel load(ModelSettings settings) throws IOException;

    abstract String modelFile();

    @BeforeAll
    void loadDefaultModel() throws IOException {
        model = load(ModelSettings.defaults());
    }

    @AfterAll
    void closeDefaultModel() {
        model.close();
    }

    @Test
    void reproducesPythonOutputsOnSquareImage() {
        assertMatches(Fixtures.expectedCase("image_a"), model.predict(Fixtures.image("image_a.png")));
    }

    @Test
    void reproducesPythonOutputsOnNonSquareImage() {
        // 112 wide, 80 high: a width/height mix-up anywhere changes boxes and masks
        assertMatches(Fixtures.expectedCase("image_b"), model.predict(Fixtures.image("image_b.png")));
    }

    @Test
    void resizesToInputSizeAndMapsPredictionsBackToTheOriginalImage() throws IOException {
        ExpectedCase resized = Fixtures.expectedCase("image_a_resized_112x128");
        ModelSettings settings = ModelSettings.defaults().withInputSize(resized.inputWidth(), resized.inputHeight());
        try (SegmentationModel resizing = load(settings)) {
            assertMatches(resized, resizing.predict(Fixtures.image(resized.image())));
        }
    }

    @Test
    void floatInputGivesTheSameResultAsTheImage() {
        BufferedImage image = Fixtures.image("image_b.png");
        float[] chw = ImageTensors.toChw(image);
        float[] untouched = chw.clone();
        List<InstancePrediction> fromFloats = model.predict(chw, image.getHeight(), image.getWidth());
        assertEquals(model.predict(image), fromFloats);
        assertArrayEquals(untouched, chw, "predict must not modify its input");
    }

    @Test
    void labelFilterKeepsOnlyTheRequestedLabels() throws IOException {
        ExpectedCase expected = Fixtures.expectedCase("image_a");
        List<ExpectedDetection> squares = expected.detections().stream().filter(d -> d.label() == 2).toList();
        assertTrue(!squares.isEmpty() && squares.size() < expected.detections().size(),
                "fixture must have both labels on image_a");
        try (SegmentationModel squaresOnly = load(ModelSettings.defaults().withLabels(Set.of(2)))) {
            List<InstancePrediction> predictions = squaresOnly.predict(Fixtures.image("image_a.png"));
            assertMatches(new ExpectedCase("squares of image_a", "image_a.png", expected.height(), expected.width(),
                    null, null, squares), predictions);
        }
    }

    @Test
    void scoreThresholdDropsLowerScores() throws IOException {
        List<ExpectedDetection> all = Fixtures.expectedCase("image_a").detections();
        float between = (all.get(1).score() + all.get(2).score()) / 2;
        try (SegmentationModel confident = load(ModelSettings.defaults().withScoreThreshold(between))) {
            List<InstancePrediction> predictions = confident.predict(Fixtures.image("image_a.png"));
            assertEquals(2, predictions.size());
            assertEquals(all.get(0).score(), predictions.get(0).score(), VALUE_TOLERANCE);
            assertEquals(all.get(1).score(), predictions.get(1).score(), VALUE_TOLERANCE);
        }
        try (SegmentationModel none = load(ModelSettings.defaults().withScoreThreshold(1f))) {
            assertEquals(List.of(), none.predict(Fixtures.image("image_a.png")));
        }
    }

    @Test
    void higherMaskThresholdGivesSmallerMasks() throws IOException {
        List<InstancePrediction> atHalf = model.predict(Fixtures.image("image_a.png"));
        try (SegmentationModel strict = load(ModelSettings.defaults().withMaskThreshold(0.9f))) {
            List<InstancePrediction> atNinety = strict.predict(Fixtures.image("image_a.png"));
            assertEquals(atHalf.size(), atNinety.size());
            int shrunk = 0;
            for (int i = 0; i < atHalf.size(); i++) {
                Rle loose = atHalf.get(i).mask();
                Rle tight = atNinety.get(i).mask();
                assertEquals(tight.area(), tight.intersectionArea(loose), "the 0.9 mask must lie inside the 0.5 one");
                shrunk += tight.area() < loose.area() ? 1 : 0;
            }
            assertTrue(shrunk > 0, "some mask must lose pixels at 0.9");
        }
    }

    @Test
    void normalisationIsAppliedBeforeTheModel() throws IOException {
        List<Float> mean = List.of(0.2f, 0.3f, 0.4f);
        List<Float> std = List.of(0.5f, 0.6f, 0.7f);
        BufferedImage image = Fixtures.image("image_a.png");
        float[] normalised = ImageTensors.toChw(image);
        ImageTensors.normalize(normalised, image.getHeight(), image.getWidth(), mean, std);
        try (SegmentationModel normalising = load(ModelSettings.defaults().withNormalization(mean, std))) {
            List<InstancePrediction> viaSettings = normalising.predict(image);
            assertEquals(model.predict(normalised, image.getHeight(), image.getWidth()), viaSettings);
            assertTrue(!viaSettings.equals(model.predict(image)), "normalising must change the model input");
        }
    }

    @Test
    void predictionsBecomeCocoDetections() {
        List<InstancePrediction> predictions = model.predict(Fixtures.image("image_b.png"));
        InstancePrediction first = predictions.get(0);
        Detection detection = first.toDetection(7, 3);
        assertEquals(first.label(), detection.categoryId());
        assertEquals(first.score(), detection.score(), 0.0);
        assertEquals(first.mask().area(), detection.area(), 0.0);
        Rle decoded = Rle.fromCompressedString(first.mask().toCompressedString(), 80, 112);
        assertEquals(first.mask(), decoded);
    }

    @Test
    void rejectsInputOfTheWrongLength() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.predict(new float[3 * 10 * 10], 10, 11));
        assertTrue(error.getMessage().contains("3x10x11"), error.getMessage());
    }

    @Test
    void closedModelRefusesToPredict() throws IOException {
        SegmentationModel closing = load(ModelSettings.defaults());
        closing.close();
        closing.close(); // idempotent
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> closing.predict(Fixtures.image("image_a.png")));
        assertTrue(error.getMessage().contains(modelFile()), error.getMessage());
    }

    @Test
    void missingFileIsReportedAsSuch() {
        assertThrows(NoSuchFileException.class,
                () -> SegmentationModels.load(Fixtures.directory().resolve("absent-" + modelFile()),
                        modelFile().endsWith(".onnx") ? "onnx" : "torchscript", ModelSettings.defaults()));
    }

    /** Same count and order; labels equal; scores and boxes within 1e-3; masks at image size, areas close. */
    static void assertMatches(ExpectedCase expected, List<InstancePrediction> actual) {
        assertEquals(expected.detections().size(), actual.size(), expected.name() + ": detection count, got " + actual);
        for (int i = 0; i < actual.size(); i++) {
            ExpectedDetection want = expected.detections().get(i);
            InstancePrediction got = actual.get(i);
            String where = expected.name() + " detection " + i + ": ";
            assertEquals(want.label(), got.label(), where + "label");
            assertEquals(want.score(), got.score(), VALUE_TOLERANCE, where + "score");
            float[] box = got.box();
            for (int k = 0; k < 4; k++) {
                assertEquals(want.box()[k], box[k], VALUE_TOLERANCE, where + "box coordinate " + k);
            }
            assertEquals(expected.height(), got.mask().height(), where + "mask height");
            assertEquals(expected.width(), got.mask().width(), where + "mask width");
            assertEquals(want.maskArea(), got.mask().area(), want.uncertainPixels() + AREA_SLACK, where + "mask area");
        }
    }
}
