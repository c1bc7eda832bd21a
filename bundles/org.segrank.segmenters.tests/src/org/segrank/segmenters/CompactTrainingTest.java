package org.segrank.segmenters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.segrank.djl.DjlEngines;
import org.segrank.evaluation.InstanceSegmenter;
import org.segrank.evaluation.PredictedInstance;

/** Real DJL training on tiny images of bright discs: fast, but it must learn. */
class CompactTrainingTest {

    private static final int SIDE = 48;

    @BeforeAll
    static void engines() {
        DjlEngines.ensureInitialized();
    }

    /** Grey levels and instance labels of a drawn image. */
    record Drawn(byte[] gray, int[] labels) {
        CompactTraining.Example example() {
            WorkingImage image = WorkingImage.of(gray, SIDE, SIDE, SIDE);
            return new CompactTraining.Example(image, TrainingTargets.of(labels, image));
        }
    }

    static CompactTraining.Example discs(long seed, boolean bright) {
        return draw(seed, bright).example();
    }

    /** Dark background, a few bright discs of radius 4-6 (or the reverse), light noise; labels 1..n. */
    static Drawn draw(long seed, boolean bright) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] gray = new byte[SIDE * SIDE];
        int[] labels = new int[SIDE * SIDE];
        int count = 2 + random.nextInt(3);
        for (int i = 0; i < SIDE * SIDE; i++) {
            gray[i] = (byte) ((bright ? 40 : 210) + random.nextInt(20));
        }
        for (int d = 1; d <= count; d++) {
            int r = 4 + random.nextInt(3);
            int cx = r + random.nextInt(SIDE - 2 * r);
            int cy = r + random.nextInt(SIDE - 2 * r);
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                        gray[y * SIDE + x] = (byte) ((bright ? 200 : 50) + random.nextInt(20));
                        labels[y * SIDE + x] = d;
                    }
                }
            }
        }
        return new Drawn(gray, labels);
    }

    static List<CompactTraining.Example> set(long seed, int n, boolean bright) {
        List<CompactTraining.Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(discs(seed + i, bright));
        }
        return out;
    }

    @Test
    void baseTrainingLowersTheLossAndFineTuningChangesOnlyTheHead() {
        CompactSettings.Base base = new CompactSettings.Base(60, 4, 32, 1e-2, 0.1);
        CompactTraining.Result trained = CompactTraining.trainBase(set(1, 8, true), base, 42, (d, t, l) -> { }, () -> false);
        assertTrue(trained.lastLoss() < 0.6 * trained.firstLoss(), trained.firstLoss() + " -> " + trained.lastLoss());
        assertEquals(60, trained.steps());

        CompactTraining.Result tuned = CompactTraining.fineTuneHead(trained.parameters(), set(100, 4, false),
                new CompactSettings.FineTune(30, 1e-2), 7, (d, t, l) -> { }, () -> false);
        assertEquals(CompactTraining.encoderDigest(trained.parameters()), CompactTraining.encoderDigest(tuned.parameters()),
                "the encoder is frozen during fine-tuning");
        assertFalse(Arrays.equals(trained.parameters(), tuned.parameters()), "the head changed");
        assertTrue(tuned.lastLoss() < tuned.firstLoss(), tuned.firstLoss() + " -> " + tuned.lastLoss());
    }

    @Test
    void sameSeedGivesTheSameNetworkAndAnotherSeedAnotherOne() {
        CompactSettings.Base base = new CompactSettings.Base(5, 2, 32, 1e-2, 0.1);
        List<CompactTraining.Example> data = set(1, 3, true);
        byte[] a = CompactTraining.trainBase(data, base, 5, (d, t, l) -> { }, () -> false).parameters();
        byte[] b = CompactTraining.trainBase(data, base, 5, (d, t, l) -> { }, () -> false).parameters();
        byte[] c = CompactTraining.trainBase(data, base, 6, (d, t, l) -> { }, () -> false).parameters();
        assertEquals(CompactTraining.encoderDigest(a), CompactTraining.encoderDigest(b));
        assertNotEquals(CompactTraining.encoderDigest(a), CompactTraining.encoderDigest(c));
    }

    @Test
    void aTrainedSegmenterFindsTheDiscs() throws Exception {
        CompactSettings.Base base = new CompactSettings.Base(150, 4, 32, 1e-2, 0.1);
        CompactTraining.Result trained = CompactTraining.trainBase(set(1, 12, true), base, 3, (d, t, l) -> { }, () -> false);
        CompactModelFile file = new CompactModelFile(SIDE, 0.5, 2, CompactTraining.encoderDigest(trained.parameters()),
                trained.parameters());
        Drawn drawn = draw(999, true);
        CompactTraining.Example test = drawn.example();
        int truth = (int) Arrays.stream(drawn.labels()).filter(v -> v > 0).count();
        try (InstanceSegmenter segmenter = CompactSegmenters.single(file)) {
            java.awt.image.BufferedImage image = toImage(test.image());
            List<PredictedInstance> found = segmenter.segment(image);
            assertFalse(found.isEmpty());
            int area = found.stream().mapToInt(p -> p.mask().area()).sum();
            // most particle pixels found, not much more
            assertTrue(area > 0.6 * truth && area < 1.6 * truth, "found " + area + " of " + truth + " particle pixels");
            assertTrue(found.get(0).score() >= found.get(found.size() - 1).score(), "sorted by score");
        }
    }

    @Test
    void trainingStopsWhenCancelled() {
        CompactSettings.Base base = new CompactSettings.Base(1000, 2, 32, 1e-2, 0.1);
        int[] steps = { 0 };
        assertThrows(CancellationException.class, () -> CompactTraining.trainBase(set(1, 2, true), base, 1,
                (d, t, l) -> steps[0] = d, () -> steps[0] >= 3));
        assertEquals(3, steps[0]);
    }

    private static java.awt.image.BufferedImage toImage(WorkingImage w) {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(w.width(), w.height(),
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < w.height(); y++) {
            for (int x = 0; x < w.width(); x++) {
                int v = Math.round((w.pixels()[y * w.width() + x] + 1f) * 127.5f);
                image.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, v)));
            }
        }
        return image;
    }
}
