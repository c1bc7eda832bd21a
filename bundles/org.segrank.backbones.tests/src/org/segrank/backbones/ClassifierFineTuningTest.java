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
import java.util.HashSet;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segrank.core.InvalidInputException;

/**
 * CNN-P on a tiny synthetic task: bright discs on a dark background against dark discs on a light background, 20
 * images each at 96 x 96, trained for 3 epochs at 64 px (about 5 s on one core).
 */
class ClassifierFineTuningTest {

    private static final int PER_CLASS = 20;
    private static final ClassifierFineTuning.Settings SETTINGS = ClassifierFineTuning.Settings.defaults()
            .withInputSize(64).withBatchSize(8).withEpochs(3, 3).withValidationFraction(0.2);

    @TempDir
    static Path dir;
    private static List<BufferedImage> images;
    private static List<String> labels;
    private static ClassifierFineTuning.TrainingReport report;
    private static Path file;

    @BeforeAll
    static void train() throws IOException {
        images = new ArrayList<>();
        labels = new ArrayList<>();
        for (int i = 0; i < PER_CLASS; i++) {
            for (int kind = 0; kind < 2; kind++) {
                images.add(SyntheticParticles.image(kind, 96, 96, i));
                labels.add(SyntheticParticles.KINDS[kind]);
            }
        }
        file = dir.resolve("cnnp.bin");
        report = ClassifierFineTuning.train(images, labels, SETTINGS, file);
        System.out.println(report.toJson());
    }

    @Test
    void trainingAccuracyImprovesAndEverythingIsRecorded() {
        assertEquals(3, report.epochs().size(), report.toJson());
        assertEquals(List.of("bright-discs", "dark-discs"), report.classes());
        assertEquals(32, report.trainImages());
        assertEquals(8, report.validationImages());
        ClassifierFineTuning.EpochRecord first = report.epochs().get(0);
        ClassifierFineTuning.EpochRecord last = report.epochs().get(report.epochs().size() - 1);
        // the initialised network predicts one class for everything; a few updates separate the classes
        assertTrue(report.initialAccuracy() <= 0.7, report.toJson());
        assertTrue(last.trainAccuracy() >= 0.8 && last.trainAccuracy() > report.initialAccuracy(), report.toJson());
        assertTrue(report.epochs().stream().mapToDouble(ClassifierFineTuning.EpochRecord::trainLoss).min()
                .getAsDouble() < Math.min(first.trainLoss(), report.initialLoss()), report.toJson());
        assertTrue(report.best().validationAccuracy() >= 0.875, report.toJson());
        assertTrue(report.bestEpoch() >= 1 && report.bestEpoch() <= 3);
        assertTrue(report.trainingSeconds() > 0 && report.epochs().stream().allMatch(e -> e.seconds() > 0));
        assertTrue(report.epochs().stream().allMatch(e -> e.validationAccuracy() >= 0 && e.validationLoss() > 0));
        String json = report.toJson();
        assertTrue(json.contains("\"seed\":42") && json.contains("\"learning_rate\":0.00100000")
                && json.contains("\"training_seconds\":") && json.contains("\"stop_reason\":\"max epochs (3)\""),
                json);
    }

    @Test
    void featuresOfTheSameClassAreMoreSimilarThanAcrossClasses() throws IOException {
        try (CnnPExtractor extractor = CnnPExtractor.load(file)) {
            assertEquals(128, extractor.dimension());
            assertEquals(List.of("bright-discs", "dark-discs"), extractor.classes());
            // fresh images, not seen in training
            List<float[]> bright = new ArrayList<>();
            List<float[]> dark = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                bright.add(extractor.extract(SyntheticParticles.image(0, 96, 96, 1000 + i)));
                dark.add(extractor.extract(SyntheticParticles.image(1, 96, 96, 1000 + i)));
            }
            double within = (meanCosine(bright, bright) + meanCosine(dark, dark)) / 2;
            double across = meanCosine(bright, dark);
            System.out.printf("CNN-P features: mean cosine within classes %.4f, across %.4f%n", within, across);
            assertTrue(within > across + 0.05, "within " + within + ", across " + across);
            List<float[]> batch = extractor.extractBatch(List.of(images.get(0), images.get(1)));
            assertTrue(Fixtures.relativeMaxError(batch.get(1), extractor.extract(images.get(1))) < 1e-5);
        }
    }

    @Test
    void theFileCarriesIdentityAndProvenance(@TempDir Path other) throws IOException {
        try (CnnPExtractor a = CnnPExtractor.load(file);
                CnnPExtractor b = CnnPExtractor.load("cnn-p-run2", Files.copy(file, other.resolve("copy.bin")), 4)) {
            assertEquals("cnn-p", a.name());
            assertEquals("1-sha256:" + Hashing.sha256(Files.readAllBytes(file)).substring(0, 16), a.version());
            assertEquals(a.version(), b.version());
            assertEquals(Hashing.sha256(a.settingsJson()), a.settingsHash());
            assertNotEquals(a.settingsHash(), b.settingsHash()); // the name is part of the settings
            assertTrue(a.settingsJson().contains("\"architecture\":{\"input\":64,\"widths\":[16,32,64,128],"
                    + "\"blocks_per_stage\":1,\"classes\":2}"), a.settingsJson());
            assertEquals(report.toJson(), a.trainingReportJson());
            assertEquals(64, a.preprocessing().cropSize());
        }
    }

    @Test
    void badFilesAndInputsAreRefusedWithClearMessages(@TempDir Path other) throws IOException {
        NoSuchFileException missing = assertThrows(NoSuchFileException.class,
                () -> CnnPExtractor.load(other.resolve("none.bin")));
        assertTrue(missing.getMessage().contains("none.bin"));
        Path text = Files.writeString(other.resolve("text.bin"), "not a classifier");
        BackboneException notCnnP = assertThrows(BackboneException.class, () -> CnnPExtractor.load(text));
        assertTrue(notCnnP.getMessage().contains(text.toString()), notCnnP.getMessage());
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = Files.write(other.resolve("truncated.bin"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        BackboneException cut = assertThrows(BackboneException.class, () -> CnnPExtractor.load(truncated));
        assertTrue(cut.getMessage().contains(truncated.toString()), cut.getMessage());
        assertThrows(InvalidInputException.class, () -> ClassifierFineTuning.train(images.subList(0, 4),
                List.of("a", "a", "a", "a"), SETTINGS, other.resolve("x.bin")));
        assertThrows(InvalidInputException.class, () -> ClassifierFineTuning.train(images.subList(0, 4),
                List.of("a", "b"), SETTINGS, other.resolve("x.bin")));
    }

    @Test
    void theMonitorSeesEveryEpochAndCancellingWritesNothing(@TempDir Path other) throws IOException {
        List<String> seen = new ArrayList<>();
        ClassifierFineTuning.Monitor recording = new ClassifierFineTuning.Monitor() {
            @Override
            public void epochFinished(int epoch, int maxEpochs, double trainLoss, double validationLoss) {
                seen.add(epoch + "/" + maxEpochs + (Double.isFinite(trainLoss) && Double.isFinite(validationLoss) ? "" : " NaN"));
            }
        };
        ClassifierFineTuning.TrainingReport monitored = ClassifierFineTuning.train(images, labels, SETTINGS.withEpochs(2, 2),
                other.resolve("monitored.bin"), recording);
        assertEquals(List.of("1/2", "2/2"), seen);
        assertEquals(2, monitored.epochs().size());
        // cancelled after the first epoch: the run stops inside the second, and the file is not written
        Path cancelledFile = other.resolve("cancelled.bin");
        java.util.concurrent.atomic.AtomicInteger epochs = new java.util.concurrent.atomic.AtomicInteger();
        ClassifierFineTuning.Monitor cancelAfterOne = new ClassifierFineTuning.Monitor() {
            @Override
            public void epochFinished(int epoch, int maxEpochs, double trainLoss, double validationLoss) {
                epochs.set(epoch);
            }

            @Override
            public boolean cancelled() {
                return epochs.get() >= 1;
            }
        };
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> ClassifierFineTuning.train(images, labels, SETTINGS, cancelledFile, cancelAfterOne));
        assertEquals(1, epochs.get());
        assertTrue(Files.notExists(cancelledFile), "nothing written");
    }

    @Test
    void theSameSeedRepeatsTheRunAndAnotherSeedDoesNot(@TempDir Path other) throws IOException {
        ClassifierFineTuning.Settings short1 = SETTINGS.withEpochs(1, 1);
        ClassifierFineTuning.TrainingReport again = ClassifierFineTuning.train(images, labels, short1,
                other.resolve("again.bin"));
        ClassifierFineTuning.TrainingReport reseeded = ClassifierFineTuning.train(images, labels,
                short1.withSeed(7), other.resolve("reseeded.bin"));
        double first = report.epochs().get(0).trainLoss();
        assertEquals(first, again.epochs().get(0).trainLoss(), 1e-4 * first);
        assertEquals(report.initialLoss(), again.initialLoss(), 1e-5 * report.initialLoss());
        assertNotEquals(report.initialLoss(), reseeded.initialLoss());
        assertEquals(7, reseeded.seed());
    }

    @Test
    void theValidationSplitIsStratifiedAndSeeded() {
        int[] y = new int[50];
        for (int i = 0; i < y.length; i++) {
            y[i] = i < 30 ? 0 : i < 45 ? 1 : i < 49 ? 2 : 3; // 30, 15, 4, 1 images
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        ClassifierFineTuning.split(y, 4, 0.2, new Random(7), train, validation);
        assertEquals(6 + 3 + 1, validation.size());
        assertEquals(50, new HashSet<>(concat(train, validation)).size());
        assertEquals(0, validation.stream().filter(i -> y[i] == 3).count()); // a lone image stays in training
        List<Integer> again = new ArrayList<>();
        ClassifierFineTuning.split(y, 4, 0.2, new Random(7), new ArrayList<>(), again);
        assertEquals(validation, again);
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static double meanCosine(List<float[]> a, List<float[]> b) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                if (a != b || i != j) {
                    sum += Fixtures.cosine(a.get(i), b.get(j));
                    n++;
                }
            }
        }
        return sum / n;
    }
}
