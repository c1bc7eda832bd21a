package org.segrank.backbones;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CNN-P the paper's way on a small scale: the tiny fixture backbone (TorchScript, feature-map output) fine-tuned
 * with a linear head on bright against dark discs, then used as a backbone file.
 */
class FineTuningFromBackboneTest {

    @Test
    void aFineTunedBackboneIsSavedAsTorchScriptAndSeparatesTheClasses(@TempDir Path dir) throws IOException {
        List<BufferedImage> images = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            for (int kind = 0; kind < 2; kind++) {
                images.add(SyntheticParticles.image(kind, 96, 96, i));
                labels.add(SyntheticParticles.KINDS[kind]);
            }
        }
        Preprocessing preprocessing = new Preprocessing(128, 112, Preprocessing.IMAGENET_MEAN,
                Preprocessing.IMAGENET_STD);
        ClassifierFineTuning.Settings settings = ClassifierFineTuning.Settings.defaults().withBatchSize(8)
                .withEpochs(5, 5).withValidationFraction(0.25);
        Path original = Fixtures.file(Fixtures.TORCHSCRIPT_FEATURE_MAP);
        Path output = dir.resolve("tiny_fine_tuned.pt");
        ClassifierFineTuning.TrainingReport report = ClassifierFineTuning.fineTune(original, images, labels,
                settings, preprocessing, output);
        System.out.println(report.toJson());
        assertTrue(report.method().contains(Fixtures.TORCHSCRIPT_FEATURE_MAP), report.method());
        assertEquals(5, report.epochs().size());
        assertTrue(report.best().validationAccuracy() >= 0.75, report.toJson());
        assertTrue(report.epochs().stream().mapToDouble(ClassifierFineTuning.EpochRecord::trainLoss).min()
                .getAsDouble() < report.initialLoss(), report.toJson());
        assertEquals(report.toJson() + "\n", Files.readString(dir.resolve("tiny_fine_tuned.pt.json")));

        try (BackboneFileExtractor before = BackboneFileExtractor.load("tiny", original, BackboneFormat.TORCHSCRIPT,
                preprocessing, 8);
                BackboneFileExtractor after = BackboneFileExtractor.load("tiny-fine-tuned", output,
                        BackboneFormat.TORCHSCRIPT, preprocessing, 8)) {
            assertEquals(before.dimension(), after.dimension());
            assertNotEquals(before.version(), after.version());
            double beforeGap = separation(before);
            double afterGap = separation(after);
            System.out.printf("within-minus-across cosine: before %.4f, after fine-tuning %.4f%n", beforeGap,
                    afterGap);
            assertTrue(afterGap > 0.05, "after " + afterGap);
            float[] a = before.extract(images.get(0));
            float[] b = after.extract(images.get(0));
            assertTrue(Fixtures.relativeMaxError(b, a) > 1e-3, "the weights must have changed");
        }
    }

    @Test
    void aMissingBackboneIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("resnet50.pt");
        NoSuchFileException error = assertThrows(NoSuchFileException.class, () -> ClassifierFineTuning.fineTune(
                missing, List.of(SyntheticParticles.image(0, 32, 32, 1), SyntheticParticles.image(1, 32, 32, 1)),
                List.of("a", "b"), ClassifierFineTuning.Settings.defaults(), Preprocessing.imageNet(),
                dir.resolve("out.pt")));
        assertTrue(error.getMessage().contains(missing.toString()));
    }

    /** Mean cosine within classes minus across, on fresh images. */
    private static double separation(BackboneFileExtractor extractor) {
        List<float[]> bright = new ArrayList<>();
        List<float[]> dark = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            bright.add(extractor.extract(SyntheticParticles.image(0, 96, 96, 500 + i)));
            dark.add(extractor.extract(SyntheticParticles.image(1, 96, 96, 500 + i)));
        }
        double within = 0;
        double across = 0;
        int nWithin = 0;
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                across += Fixtures.cosine(bright.get(i), dark.get(j));
                if (i != j) {
                    within += Fixtures.cosine(bright.get(i), bright.get(j)) + Fixtures.cosine(dark.get(i), dark.get(j));
                    nWithin += 2;
                }
            }
        }
        return within / nWithin - across / 25;
    }
}
