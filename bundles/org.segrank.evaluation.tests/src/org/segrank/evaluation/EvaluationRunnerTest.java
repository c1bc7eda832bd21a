package org.segrank.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segrank.metrics.coco.EvalParams;
import org.segrank.metrics.mask.Rle;
import org.segrank.workspace.BoundingBox;
import org.segrank.workspace.EvaluationResult;
import org.segrank.workspace.Image;
import org.segrank.workspace.ModelFormat;
import org.segrank.workspace.ModelRegistration;
import org.segrank.workspace.NewDataset;
import org.segrank.workspace.NewImage;
import org.segrank.workspace.NewInstance;
import org.segrank.workspace.RegisteredModel;
import org.segrank.workspace.StoredFile;
import org.segrank.workspace.Workspace;

/**
 * The runner on a real workspace with a real (classical) segmenter: bright pixels above a
 * threshold, one instance per 4-connected component. Images hold white squares on black whose
 * ground truth is exactly those squares, so every AP below is known by construction.
 */
class EvaluationRunnerTest {

    @TempDir
    Path dir;

    private Workspace workspace;

    /** Threshold segmenter: exact on these images, so its AP is 1 wherever there is ground truth. */
    static final class ThresholdSegmenter implements InstanceSegmenter {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public List<PredictedInstance> segment(BufferedImage image) {
            calls.incrementAndGet();
            int w = image.getWidth();
            int h = image.getHeight();
            int[] label = new int[w * h];
            List<PredictedInstance> out = new ArrayList<>();
            int next = 0;
            for (int start = 0; start < w * h; start++) {
                if (label[start] != 0 || (image.getRGB(start % w, start / w) & 0xFF) < 128) {
                    continue;
                }
                next++;
                boolean[] mask = new boolean[w * h];
                java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>(List.of(start));
                label[start] = next;
                while (!queue.isEmpty()) {
                    int p = queue.pop();
                    mask[p] = true;
                    int x = p % w;
                    int y = p / w;
                    int[][] around = { { x - 1, y }, { x + 1, y }, { x, y - 1 }, { x, y + 1 } };
                    for (int[] q : around) {
                        if (q[0] >= 0 && q[0] < w && q[1] >= 0 && q[1] < h) {
                            int i = q[1] * w + q[0];
                            if (label[i] == 0 && (image.getRGB(q[0], q[1]) & 0xFF) >= 128) {
                                label[i] = next;
                                queue.push(i);
                            }
                        }
                    }
                }
                out.add(new PredictedInstance(0.9, Rle.encodeRowMajor(mask, h, w)));
            }
            return out;
        }

        @Override
        public void close() {
        }
    }

    private List<Image> images;
    private RegisteredModel good;
    private RegisteredModel broken;

    @BeforeEach
    void workspaceWithThreeImagesAndTwoModels() throws Exception {
        workspace = Workspace.open(dir.resolve("ws"));
        workspace.datasets().create(NewDataset.named("squares"));
        List<NewImage> newImages = new ArrayList<>();
        // image 0 and 1: two squares each; image 2: empty (no ground truth -> AP undefined)
        int[][][] squares = { { { 2, 2 }, { 10, 10 } }, { { 1, 8 }, { 9, 2 } }, {} };
        for (int n = 0; n < 3; n++) {
            BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
            List<NewInstance> truth = new ArrayList<>();
            for (int[] corner : squares[n]) {
                boolean[] mask = new boolean[256];
                for (int y = corner[1]; y < corner[1] + 4; y++) {
                    for (int x = corner[0]; x < corner[0] + 4; x++) {
                        image.getRaster().setSample(x, y, 0, 255);
                        mask[y * 16 + x] = true;
                    }
                }
                Rle rle = Rle.encodeRowMajor(mask, 16, 16);
                truth.add(new NewInstance("particle", rle.toCompressedString(), 16, 16, 16,
                        new BoundingBox(corner[0], corner[1], 4, 4), false));
            }
            Path file = dir.resolve("img" + n + ".png");
            ImageIO.write(image, "png", file.toFile());
            StoredFile stored = workspace.put(file);
            newImages.add(new NewImage("img" + n + ".png", stored.sha256(), 16, 16, "candidate", null, null, truth));
        }
        workspace.datasets().addImages("squares", "test", newImages);
        images = workspace.datasets().images("squares", "candidate");
        good = workspace.models().register(ModelRegistration.builder("threshold", "classical", ModelFormat.DJL).build());
        broken = workspace.models().register(ModelRegistration.builder("broken", "classical", ModelFormat.DJL).build());
    }

    private SegmenterFactory factory(ThresholdSegmenter threshold) {
        return (ws, model) -> {
            if (model.name().equals("broken")) {
                return new InstanceSegmenter() {
                    @Override
                    public List<PredictedInstance> segment(BufferedImage image) {
                        if (image.getRGB(2, 2) != 0xFF000000) { // fails on img0 only (white at 2,2)
                            throw new IllegalStateException("simulated inference crash");
                        }
                        return List.of();
                    }

                    @Override
                    public void close() {
                    }
                };
            }
            return threshold;
        };
    }

    private EvaluationResult result(Image image, RegisteredModel model, EvaluationRunner runner) {
        return workspace.results().find(image.id(), model.id(), runner.settingsHash()).orElseThrow();
    }

    @Test
    void oneImagesApAp50AndAp75MatchAHandComputedCase() {
        // ground truth: a 10x10 square; detection: a 9x8 block inside it, IoU 72/100 = 0.72. It matches at the IoU
        // thresholds 0.50..0.70 (5 of 10) and misses at 0.75..0.95: AP 0.5, AP50 1, AP75 0.
        boolean[] square = new boolean[32 * 32];
        boolean[] inside = new boolean[32 * 32];
        for (int y = 4; y < 14; y++) {
            for (int x = 4; x < 14; x++) {
                square[y * 32 + x] = true;
                inside[y * 32 + x] = y < 13 && x < 12;
            }
        }
        org.segrank.metrics.mask.Rle truthMask = org.segrank.metrics.mask.Rle.encodeRowMajor(square, 32, 32);
        org.segrank.metrics.mask.Rle detected = org.segrank.metrics.mask.Rle.encodeRowMajor(inside, 32, 32);
        assertEquals(72, detected.area());
        Image image = new Image(1, 1, "hand.png", "0".repeat(64), 32, 32, "candidate", null, null);
        List<org.segrank.workspace.GtInstance> truth = List.of(new org.segrank.workspace.GtInstance(1, 1, "particle",
                truthMask.toCompressedString(), 32, 32, 100, new org.segrank.workspace.BoundingBox(4, 4, 10, 10), false));
        EvaluationRunner.ImageScores scores = EvaluationRunner.score(image, truth, List.of(new PredictedInstance(0.9, detected)),
                EvalParams.defaults());
        assertEquals(0.5, scores.ap().getAsDouble(), 1e-12);
        assertEquals(1.0, scores.ap50(), 1e-12);
        assertEquals(0.0, scores.ap75(), 1e-12);
    }

    @Test
    void scoresEveryPairRecordsFailuresAndGoesOn() throws Exception {
        ThresholdSegmenter threshold = new ThresholdSegmenter();
        EvaluationRunner runner = new EvaluationRunner(workspace, factory(threshold), EvalParams.defaults(), 2);
        EvaluationRunner.Summary summary = runner.run("squares", "candidate", List.of(good, broken), (d, t, eta) -> { },
                () -> false);
        assertEquals(6, summary.pairs());
        assertEquals(0, summary.reused());
        assertEquals(5, summary.computed());
        assertEquals(1, summary.failed());

        Image img0 = images.stream().filter(i -> i.fileName().equals("img0.png")).findFirst().orElseThrow();
        Image img1 = images.stream().filter(i -> i.fileName().equals("img1.png")).findFirst().orElseThrow();
        Image img2 = images.stream().filter(i -> i.fileName().equals("img2.png")).findFirst().orElseThrow();
        // exact masks: AP 1 at every threshold
        EvaluationResult perfect = result(img1, good, runner);
        assertEquals(1.0, perfect.ap());
        assertEquals(1.0, perfect.ap50());
        assertEquals(1.0, perfect.ap75());
        assertEquals(2, perfect.gtCount());
        assertEquals(2, perfect.detectionCount());
        assertTrue(perfect.inferenceMs() >= 0);
        // no ground truth: undefined, never 0
        EvaluationResult empty = result(img2, good, runner);
        assertTrue(empty.apUndefined());
        assertNull(empty.ap());
        // the broken model detects nothing on img1 (ground truth present): AP 0, and img0 failed with its error kept
        assertEquals(0.0, result(img1, broken, runner).ap());
        EvaluationResult crash = result(img0, broken, runner);
        assertTrue(crash.errorText().contains("simulated inference crash") && crash.errorText().contains("img0.png"),
                crash.errorText());
    }

    @Test
    void aRerunReusesFinishedPairsAndRetriesOnlyFailures() throws Exception {
        ThresholdSegmenter threshold = new ThresholdSegmenter();
        EvaluationRunner runner = new EvaluationRunner(workspace, factory(threshold), EvalParams.defaults(), 1);
        runner.run("squares", "candidate", List.of(good, broken), (d, t, eta) -> { }, () -> false);
        int callsAfterFirst = threshold.calls.get();
        EvaluationRunner.Summary again = runner.run("squares", "candidate", List.of(good, broken), (d, t, eta) -> { },
                () -> false);
        assertEquals(5, again.reused());
        assertEquals(0, again.computed());
        assertEquals(1, again.failed(), "the failed pair is retried (and fails again)");
        assertEquals(callsAfterFirst, threshold.calls.get(), "no finished pair is recomputed");
        assertEquals(5, workspace.results().countDone("squares", "candidate", runner.settingsHash()));
    }

    @Test
    void cancelStopsAndTheNextRunContinuesWithoutDuplicates() throws Exception {
        ThresholdSegmenter threshold = new ThresholdSegmenter();
        EvaluationRunner runner = new EvaluationRunner(workspace, factory(threshold), EvalParams.defaults(), 1);
        AtomicInteger progressCalls = new AtomicInteger();
        assertThrows(CancellationException.class, () -> runner.run("squares", "candidate", List.of(good),
                (d, t, eta) -> progressCalls.incrementAndGet(), () -> threshold.calls.get() >= 2));
        long doneAfterCancel = workspace.results().countDone("squares", "candidate", runner.settingsHash());
        assertTrue(doneAfterCancel >= 1 && doneAfterCancel < 3, "stopped part-way: " + doneAfterCancel);
        EvaluationRunner.Summary rest = runner.run("squares", "candidate", List.of(good), (d, t, eta) -> { }, () -> false);
        assertEquals(doneAfterCancel, rest.reused());
        assertEquals(3 - doneAfterCancel, rest.computed());
        assertEquals(3, workspace.results().countDone("squares", "candidate", runner.settingsHash()));
        assertTrue(progressCalls.get() > 0);
    }

    @Test
    void aModelThatCannotBeOpenedRecordsItsErrorForEveryPair() throws Exception {
        EvaluationRunner runner = new EvaluationRunner(workspace, (ws, model) -> {
            throw new java.io.IOException("artifact missing from the store");
        }, EvalParams.defaults(), 1);
        EvaluationRunner.Summary summary = runner.run("squares", null, List.of(good), (d, t, eta) -> { }, () -> false);
        assertEquals(3, summary.failed());
        assertTrue(result(images.get(0), good, runner).errorText().contains("artifact missing from the store"));
    }

    @Test
    void settingsLabelMatchesImportedResults() {
        EvaluationRunner runner = new EvaluationRunner(workspace, factory(new ThresholdSegmenter()),
                EvalParams.defaults().withMaxDets(1, 10, 300), 1);
        assertEquals("coco-segm:maxdets-1-10-300", runner.settingsHash());
    }

    @org.junit.jupiter.api.AfterEach
    void close() throws Exception {
        workspace.close();
        Files.deleteIfExists(dir.resolve("unused"));
    }
}
