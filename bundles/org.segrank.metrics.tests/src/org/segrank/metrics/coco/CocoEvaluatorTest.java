package org.segrank.metrics.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.segrank.metrics.mask.Rle;

/**
 * COCOeval behaviour on small cases whose numbers are derived by hand in the comments.
 *
 * <p>Two facts recur. With 101 recall thresholds {@code r = 0, 0.01, ..., 1}, precision is sampled at the first
 * detection whose recall reaches r, and is 0 for r beyond the final recall. And precision is
 * {@code tp / (tp + fp + 2^-52)}, so a "perfect" 1.0 is really {@code 1 / (1 + 2^-52) = 0.9999999999999998}: exact
 * expectations are compared with a tolerance of {@link #EPS}.
 */
class CocoEvaluatorTest {

    private static final double EPS = 1e-12;

    static CocoDataset groundTruth(String fixture) {
        try (InputStream in = CocoEvaluatorTest.class.getResourceAsStream("fixtures/" + fixture)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + fixture);
            }
            return CocoJson.readGroundTruth(in, fixture);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Detection> results(String fixture, CocoDataset gt) {
        try (InputStream in = CocoEvaluatorTest.class.getResourceAsStream("fixtures/" + fixture)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + fixture);
            }
            return CocoJson.readResults(in, fixture, gt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EvalResult evaluate(String name, EvalParams params) {
        CocoDataset gt = groundTruth(name + "_gt.json");
        return new CocoEvaluator(params).evaluate(gt, results(name + "_dt.json", gt));
    }

    @Test
    void perfectDetectionsGiveApOne() {
        // Two images, two categories; ground truth as polygons (one with two parts), compressed and uncompressed
        // RLE, plus a crowd region; every non-crowd instance is detected with its own mask (IoU 1).
        EvalResult result = evaluate("perfect", EvalParams.defaults());
        assertEquals(1.0, result.stat(SummaryStat.AP), EPS);
        assertEquals(1.0, result.stat(SummaryStat.AP50), EPS);
        assertEquals(1.0, result.stat(SummaryStat.AP75), EPS);
        assertEquals(1.0, result.stat(SummaryStat.AR_MAXDETS_2), EPS);
        // All ground-truth areas (280.5, 110, 360, 30) are small; the only medium one (1536) is the crowd region,
        // which is ignored, so no category has medium or large ground truth: -1.
        assertEquals(1.0, result.stat(SummaryStat.AP_SMALL), EPS);
        assertEquals(-1.0, result.stat(SummaryStat.AP_MEDIUM));
        assertEquals(-1.0, result.stat(SummaryStat.AP_LARGE));
        assertEquals(-1.0, result.stat(SummaryStat.AR_LARGE));
        // AR@1: category 1 has 3 instances over two images, one detection per image is kept -> recall 2/3;
        // category 2 has one non-crowd instance -> 1. Mean (2/3 + 1) / 2 = 5/6.
        assertEquals(5.0 / 6, result.stat(SummaryStat.AR_MAXDETS_0), EPS);
        assertEquals(1.0, result.imageAp(7).getAsDouble(), EPS);
        assertEquals(1.0, result.imageAp(8).getAsDouble(), EPS);
    }

    @Test
    void twoGroundTruthsThreeDetections() {
        // Image 100x100. GT1 = box x 0..9, y 0..9; GT2 = box x 50..59, y 50..59 (100 px each, both small).
        // D1 (0.9) = GT1 exactly (IoU 1); D2 (0.8) = box at 80..89 (IoU 0, false positive);
        // D3 (0.7) = x 50..59, y 52..61: overlap 10 x 8 = 80, union 120 -> IoU 2/3.
        // For t in {.50, .55, .60, .65} D3 matches: tp = [1,1,2], fp = [0,1,1], recall = [.5,.5,1],
        //   precision = [1, .5, 2/3] -> monotone [1, 2/3, 2/3]; r = 0..0.50 (51 values) -> 1, r = .51..1 (50) -> 2/3:
        //   AP_t = (51 + 50 * 2/3) / 101 = 253/303.
        // For the six t >= .70 D3 is a false positive: recall = [.5,.5,.5], precision = [1, .5, 1/3]:
        //   51 values 1, the rest 0: AP_t = 51/101.
        // AP = (4 * 253/303 + 6 * 51/101) / 10 = 1930/3030 = 193/303.
        EvalResult result = evaluate("two_gt_three_dt", EvalParams.defaults());
        assertEquals(193.0 / 303, result.stat(SummaryStat.AP), EPS);
        assertEquals(253.0 / 303, result.stat(SummaryStat.AP50), EPS);
        assertEquals(51.0 / 101, result.stat(SummaryStat.AP75), EPS);
        assertEquals(193.0 / 303, result.stat(SummaryStat.AP_SMALL), EPS);
        assertEquals(-1.0, result.stat(SummaryStat.AP_MEDIUM));
        assertEquals(-1.0, result.stat(SummaryStat.AP_LARGE));
        // Recall: 1 at four thresholds, 0.5 at six -> 0.7. With one detection (D1) recall is 0.5 everywhere.
        assertEquals(0.5, result.stat(SummaryStat.AR_MAXDETS_0), EPS);
        assertEquals(0.7, result.stat(SummaryStat.AR_MAXDETS_1), EPS);
        assertEquals(0.7, result.stat(SummaryStat.AR_MAXDETS_2), EPS);
        assertEquals(0.7, result.stat(SummaryStat.AR_SMALL), EPS);
        assertEquals(-1.0, result.stat(SummaryStat.AR_MEDIUM));
        // The precision/recall curve itself at t = .5 (index 0) and t = .75 (index 5), area all, maxDets 1000.
        assertEquals(1.0, result.precision(0, 50, 0, 0, 2), EPS);
        assertEquals(2.0 / 3, result.precision(0, 51, 0, 0, 2), EPS);
        assertEquals(2.0 / 3, result.precision(0, 100, 0, 0, 2), EPS);
        assertEquals(1.0, result.precision(5, 50, 0, 0, 2), EPS);
        assertEquals(0.0, result.precision(5, 51, 0, 0, 2));
        assertEquals(1.0, result.recall(0, 0, 0, 2));
        assertEquals(0.5, result.recall(5, 0, 0, 2));
        // A single image: its AP is the dataset AP.
        assertEquals(193.0 / 303, result.imageAp(1).getAsDouble(), EPS);
    }

    @Test
    void summaryTextMatchesPycocotoolsLayout() {
        EvalResult result = evaluate("two_gt_three_dt", EvalParams.defaults());
        String[] lines = result.summaryText().split("\n");
        assertEquals(12, lines.length);
        // 193/303 = 0.63696..., 253/303 = 0.83498..., 51/101 = 0.50495...
        assertEquals(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=1000 ] = 0.637", lines[0]);
        assertEquals(" Average Precision  (AP) @[ IoU=0.50      | area=   all | maxDets=1000 ] = 0.835", lines[1]);
        assertEquals(" Average Precision  (AP) @[ IoU=0.75      | area=   all | maxDets=1000 ] = 0.505", lines[2]);
        assertEquals(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=medium | maxDets=1000 ] = -1.000", lines[4]);
        assertEquals(" Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ] = 0.500", lines[6]);
        assertEquals(" Average Recall     (AR) @[ IoU=0.50:0.95 | area= small | maxDets=1000 ] = 0.700", lines[9]);
        // pycocotools computes the first line at a hard-coded maxDets=100, absent from [1, 10, 1000]: -1.
        assertEquals(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = -1.000",
                result.pycocotoolsSummaryText().split("\n")[0]);
        assertEquals(-1.0, result.pycocotoolsStats()[0]);
        assertArrayEquals(java.util.Arrays.copyOfRange(result.stats(), 1, 12),
                java.util.Arrays.copyOfRange(result.pycocotoolsStats(), 1, 12));
    }

    @Test
    void detectionsOnCrowdRegionsAreIgnoredNotFalsePositives() {
        // GT1 = box x 0..9, y 0..9; GT2 = crowd region x 40..79, y 40..79.
        // D1 (0.95) x 45..54 and D2 (0.90) x 60..69 lie inside the crowd region: crowd IoU = 100/100 = 1, both match
        // it (a crowd region absorbs any number) and are ignored. D3 (0.85) at 75..84 overlaps the region by 5 x 5:
        // crowd IoU 25/100 = .25 < .5, so it is a false positive. D4 (0.5) = GT1.
        // Order D1 D2 D3 D4: tp = [0,0,0,1], fp = [0,0,1,1] -> recall [0,0,0,1], precision [0,0,0,.5] -> monotone
        // .5 everywhere: AP = 0.5 at every threshold. (Were D1, D2 false positives, AP would be 1/4.)
        EvalResult result = evaluate("crowd", EvalParams.defaults());
        assertEquals(0.5, result.stat(SummaryStat.AP), EPS);
        assertEquals(0.5, result.stat(SummaryStat.AP50), EPS);
        assertEquals(1.0, result.stat(SummaryStat.AR_MAXDETS_2), EPS);
        // With one detection per image only D1 is kept, and it is ignored: recall 0.
        assertEquals(0.0, result.stat(SummaryStat.AR_MAXDETS_0));
    }

    @Test
    void areaRanges() {
        // Image 300x300. GT1 = 10 x 10 box (area 100, small), GT2 = 40 x 50 box (area 2000, medium).
        // D1 (0.95) = 100 x 100 box far from both (area 10000, large) -> unmatched; D2 (0.9) = GT1; D3 (0.8) = GT2.
        // all:    D1 fp, D2 tp, D3 tp: precision [0, .5, 2/3] -> monotone 2/3 everywhere: AP 2/3.
        // small:  GT2 ignored, D3 matches it -> ignored; D1 unmatched and outside [0, 1024] -> ignored: AP 1.
        // medium: likewise with GT1/D2 ignored and D1 (10000 > 9216) ignored: AP 1.
        // large:  no ground truth in [9216, 1e10] -> -1, although D1 lies in that range.
        EvalResult result = evaluate("area_ranges", EvalParams.defaults());
        assertEquals(2.0 / 3, result.stat(SummaryStat.AP), EPS);
        assertEquals(1.0, result.stat(SummaryStat.AP_SMALL), EPS);
        assertEquals(1.0, result.stat(SummaryStat.AP_MEDIUM), EPS);
        assertEquals(-1.0, result.stat(SummaryStat.AP_LARGE));
        assertEquals(1.0, result.stat(SummaryStat.AR_SMALL), EPS);
        assertEquals(1.0, result.stat(SummaryStat.AR_MEDIUM), EPS);
        assertEquals(-1.0, result.stat(SummaryStat.AR_LARGE));
        assertEquals(0.0, result.stat(SummaryStat.AR_MAXDETS_0)); // the best-scoring detection is D1
    }

    @Test
    void maxDetsTruncatesPerImage() {
        // 150 separate 4x4 particles, each detected with its own mask and a distinct score.
        List<CocoImage> images = List.of(new CocoImage(1, 200, 200, "grid.png"));
        List<CocoAnnotation> gts = new ArrayList<>();
        List<Detection> dts = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Rle mask = box(200, 200, 12 * (i % 15) + 2, 12 * (i / 15) + 2, 4, 4);
            gts.add(CocoAnnotation.of(i + 1, images.get(0), 1, Segmentation.of(mask), false));
            dts.add(Detection.of(i + 1, 1, 1, 1 - i * 0.001, mask));
        }
        CocoDataset gt = new CocoDataset(images, List.of(new CocoCategory(1, "p", null)), gts);

        // COCO's maxDets 100 keeps 100 detections: recall reaches 100/150 = 2/3 with precision 1, so the recall
        // thresholds 0 .. 0.66 (67 of 101) get precision 1 and the rest 0: AP = 67/101 at every IoU threshold.
        EvalResult coco = new CocoEvaluator(EvalParams.cocoDefaults()).evaluate(gt, dts);
        assertEquals(67.0 / 101, coco.stat(SummaryStat.AP), EPS);
        assertEquals(2.0 / 3, coco.stat(SummaryStat.AR_MAXDETS_2), EPS);
        assertEquals(10.0 / 150, coco.stat(SummaryStat.AR_MAXDETS_1), EPS);
        assertArrayEquals(coco.stats(), coco.pycocotoolsStats()); // 100 is among the maxDets: no difference

        // Our default 1000 keeps all of them.
        EvalResult dense = new CocoEvaluator(EvalParams.defaults()).evaluate(gt, dts);
        assertEquals(1.0, dense.stat(SummaryStat.AP), EPS);
        assertEquals(1.0, dense.stat(SummaryStat.AR_MAXDETS_2), EPS);
        assertArrayEquals(new int[] {1, 10, 1000}, dense.maxDets());
        assertEquals(-1.0, dense.pycocotoolsStats()[0]);
        assertEquals(1.0, dense.imageAp(1).getAsDouble(), EPS);
    }

    @Test
    void imagesWithoutGroundTruthAreUndefinedAndImagesWithoutDetectionsScoreZero() {
        // Image 1: one GT, detected exactly (score 0.6). Image 2: no GT, one detection (0.9). Image 3: one GT, no
        // detection.
        // Dataset: detections pooled by score: image 2's fp, then image 1's tp; 2 ground truths:
        //   recall [0, .5], precision [0, .5] -> monotone .5; r = 0 .. .5 (51 values) -> .5, rest 0: AP = 25.5/101.
        // Per image: image 1 alone -> 1; image 2 has no ground truth -> undefined; image 3 has ground truth but no
        // detection -> 0. Mean over defined images (1 + 0) / 2 = 0.5, one image undefined.
        EvalResult result = evaluate("per_image", EvalParams.defaults());
        assertEquals(25.5 / 101, result.stat(SummaryStat.AP), EPS);
        assertEquals(1.0, result.imageAp(1).getAsDouble(), EPS);
        assertFalse(result.imageAp(2).isPresent());
        assertEquals(OptionalDouble.of(0.0), result.imageAp(3));
        assertEquals(0.5, result.meanImageAp().getAsDouble(), EPS);
        assertEquals(1, result.undefinedImageCount());
        // Listed in ascending id order although the file lists image 3 first.
        assertEquals(List.of(1L, 2L, 3L), result.perImage().stream().map(ImageAp::imageId).toList());
        assertFalse(result.perImage().get(1).defined());
    }

    @Test
    void equalScoresKeepFileOrder() {
        // One GT; two detections with the same score 0.5: one exact (tp), one elsewhere (fp).
        // File order fp, tp: stable sort keeps it -> precision [0, .5] -> AP 0.5.
        // File order tp, fp: precision [1, .5] -> monotone [1, .5]; recall reaches 1 at the first -> AP 1.
        CocoDataset gt = groundTruth("ties_gt.json");
        CocoEvaluator evaluator = new CocoEvaluator(EvalParams.defaults());
        EvalResult fpFirst = evaluator.evaluate(gt, results("ties_fp_first_dt.json", gt));
        EvalResult tpFirst = evaluator.evaluate(gt, results("ties_tp_first_dt.json", gt));
        assertEquals(0.5, fpFirst.stat(SummaryStat.AP), EPS);
        assertEquals(1.0, tpFirst.stat(SummaryStat.AP), EPS);
    }

    @Test
    void equalScoresAcrossImagesKeepImageOrder() {
        // Two images, one GT each; image 1's detection is a false positive, image 2's a true positive, same score.
        // Pooled in image-id order: fp then tp (tp then fp would give 51/101). The detections are given in the
        // opposite order to show that it is the image order, not the input order, that breaks the tie.
        List<CocoImage> images = List.of(new CocoImage(1, 20, 20, null), new CocoImage(2, 20, 20, null));
        Rle gtMask = box(20, 20, 2, 2, 5, 5);
        Rle elsewhere = box(20, 20, 12, 12, 5, 5);
        CocoDataset gt = new CocoDataset(images, List.of(new CocoCategory(1, "p", null)),
                List.of(CocoAnnotation.of(1, images.get(0), 1, Segmentation.of(gtMask), false),
                        CocoAnnotation.of(2, images.get(1), 1, Segmentation.of(gtMask), false)));
        List<Detection> dts = List.of(Detection.of(1, 2, 1, 0.5, gtMask), Detection.of(2, 1, 1, 0.5, elsewhere));
        EvalResult result = new CocoEvaluator(EvalParams.defaults()).evaluate(gt, dts);
        // Two GTs: fp, tp -> recall [0, .5], precision [0, .5]: 51 values .5 -> 25.5/101.
        assertEquals(25.5 / 101, result.stat(SummaryStat.AP), EPS);
    }

    @Test
    void emptyMasksDoNotBreakAnything() {
        // GT1 = 10 x 10 box, GT2 = empty mask (area 0, still inside the "all" range [0, 1e10], so it counts).
        // D1 (0.9) is empty: IoU 0 with both (empty boxes never overlap) -> fp. D2 (0.8) = GT1 -> tp.
        // Two ground truths: recall [0, .5], precision [0, .5] -> AP = 25.5/101; recall 0.5.
        EvalResult result = evaluate("empty_masks", EvalParams.defaults());
        for (double stat : result.stats()) {
            assertFalse(Double.isNaN(stat));
        }
        assertEquals(25.5 / 101, result.stat(SummaryStat.AP), EPS);
        assertEquals(0.5, result.stat(SummaryStat.AR_MAXDETS_2), EPS);
    }

    @Test
    void pooledCategoriesIgnoreLabels() {
        // useCats = 0: a detection with the wrong label still matches. One GT of category 1, detected exactly but
        // labelled category 2: per category AP is 0 (category 1 has a GT and no detection; category 2 has no GT and
        // is skipped); pooled AP is 1.
        List<CocoImage> images = List.of(new CocoImage(1, 20, 20, null));
        Rle mask = box(20, 20, 2, 2, 5, 5);
        CocoDataset gt = new CocoDataset(images,
                List.of(new CocoCategory(1, "a", null), new CocoCategory(2, "b", null)),
                List.of(CocoAnnotation.of(1, images.get(0), 1, Segmentation.of(mask), false)));
        List<Detection> dts = List.of(Detection.of(1, 1, 2, 0.9, mask));
        assertEquals(0.0, new CocoEvaluator(EvalParams.defaults()).evaluate(gt, dts).stat(SummaryStat.AP));
        EvalResult pooled = new CocoEvaluator(EvalParams.defaults().withUseCategories(false)).evaluate(gt, dts);
        assertEquals(1.0, pooled.stat(SummaryStat.AP), EPS);
        assertArrayEquals(new long[] {-1}, pooled.categoryIds());
    }

    @Test
    void resultsDoNotDependOnThreadCount() {
        SplittableRandom random = new SplittableRandom(3);
        List<CocoImage> images = new ArrayList<>();
        List<CocoAnnotation> gts = new ArrayList<>();
        List<Detection> dts = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            CocoImage image = new CocoImage(i, 64, 48, null);
            images.add(image);
            for (int g = 0; g < 15; g++) {
                int x = random.nextInt(56);
                int y = random.nextInt(40);
                Rle mask = box(48, 64, x, y, 2 + random.nextInt(6), 2 + random.nextInt(6));
                gts.add(CocoAnnotation.of(gts.size() + 1, image, 1 + random.nextInt(2), Segmentation.of(mask),
                        random.nextInt(10) == 0));
                Rle jittered = box(48, 64, Math.max(0, x - random.nextInt(2)), y, 3 + random.nextInt(5), 4);
                dts.add(Detection.of(dts.size() + 1, i, 1 + random.nextInt(2), random.nextInt(5) / 4.0, jittered));
            }
        }
        CocoDataset gt = new CocoDataset(images, List.of(new CocoCategory(1, "a", null), new CocoCategory(2, "b",
                null)), gts);
        EvalResult one = new CocoEvaluator(EvalParams.defaults()).withThreads(1).evaluate(gt, dts);
        EvalResult four = new CocoEvaluator(EvalParams.defaults()).withThreads(4).evaluate(gt, dts);
        assertArrayEquals(one.stats(), four.stats());
        assertEquals(one.perImage(), four.perImage());
        assertTrue(one.stat(SummaryStat.AP) > 0 && one.stat(SummaryStat.AP) < 1, "a non-trivial case");
    }

    @Test
    void monitorSeesProgressAndCanCancel() {
        CocoDataset gt = groundTruth("per_image_gt.json");
        List<Detection> dts = results("per_image_dt.json", gt);
        AtomicInteger total = new AtomicInteger();
        AtomicInteger worked = new AtomicInteger();
        new CocoEvaluator(EvalParams.defaults()).withThreads(2).evaluate(gt, dts, new EvalMonitor() {
            @Override
            public void begin(int totalImages) {
                total.set(totalImages);
            }

            @Override
            public void worked(int images) {
                worked.addAndGet(images);
            }
        });
        assertEquals(3, total.get());
        assertEquals(3, worked.get());

        EvalMonitor cancelAfterOne = new EvalMonitor() {
            private int polls;

            @Override
            public boolean isCancelled() {
                return ++polls > 1;
            }
        };
        assertThrows(CancellationException.class,
                () -> new CocoEvaluator(EvalParams.defaults()).withThreads(1).evaluate(gt, dts, cancelAfterOne));
    }

    @Test
    void detectionsOnUnknownImagesAreRejected() {
        CocoDataset gt = groundTruth("ties_gt.json");
        Rle mask = box(100, 100, 0, 0, 3, 3);
        List<Detection> dts = List.of(Detection.of(1, 99, 1, 0.5, mask));
        assertThrows(IllegalArgumentException.class, () -> new CocoEvaluator(EvalParams.defaults()).evaluate(gt, dts));
    }

    /** Rectangle x in [x0, x0 + bw), y in [y0, y0 + bh). */
    static Rle box(int height, int width, int x0, int y0, int bw, int bh) {
        boolean[] rowMajor = new boolean[height * width];
        for (int y = y0; y < Math.min(height, y0 + bh); y++) {
            for (int x = x0; x < Math.min(width, x0 + bw); x++) {
                rowMajor[y * width + x] = true;
            }
        }
        return Rle.encodeRowMajor(rowMajor, height, width);
    }
}
