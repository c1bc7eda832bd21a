package org.segrank.metrics.coco;

import java.util.Arrays;
import java.util.List;

import org.segrank.metrics.mask.Rle;

/**
 * The result of COCOeval's {@code evaluateImg} for one image and one category, for every area range at once
 * (the IoUs are shared between area ranges, only the ignore flags differ).
 *
 * <p>Detections are kept in evaluation order (score descending, stable) and truncated to the largest maxDets. For
 * each area range and IoU threshold, each detection is classified as true positive, false positive or ignored.
 */
final class ImageCategoryEval {

    static final byte IGNORED = 0;
    static final byte TRUE_POSITIVE = 1;
    static final byte FALSE_POSITIVE = 2;

    /** {@code min(t, 1 - 1e-10)} in COCOeval: a perfect IoU of 1.0 still matches at threshold 1. */
    private static final double MAX_THRESHOLD = 1 - 1e-10;

    /** Number of detections kept (at most the largest maxDets). */
    final int detectionCount;
    /** Scores of the kept detections in evaluation order. */
    final double[] scores;
    /** {@code outcome[area][t * detectionCount + d]}. */
    final byte[][] outcome;
    /** Number of ground truths that are not ignored, per area range ({@code npig} contribution). */
    final int[] nonIgnoredGroundTruths;

    private ImageCategoryEval(int detectionCount, double[] scores, byte[][] outcome, int[] nonIgnoredGroundTruths) {
        this.detectionCount = detectionCount;
        this.scores = scores;
        this.outcome = outcome;
        this.nonIgnoredGroundTruths = nonIgnoredGroundTruths;
    }

    /**
     * Evaluates one image/category pair.
     *
     * @param gts ground truth in file order
     * @param dts detections in input order
     * @return {@code null} when there is neither ground truth nor a detection (COCOeval stores None)
     */
    static ImageCategoryEval evaluate(List<CocoAnnotation> gts, List<Detection> dts, EvalParams params) {
        int gtCount = gts.size();
        if (gtCount == 0 && dts.isEmpty()) {
            return null;
        }
        double[] thresholds = params.iouThresholdsView();
        List<AreaRange> areas = params.areaRanges();
        int thresholdCount = thresholds.length;

        // Detections: stable sort by descending score, keep the best maxDets.
        double[] allScores = new double[dts.size()];
        for (int i = 0; i < allScores.length; i++) {
            allScores[i] = dts.get(i).score();
        }
        int[] order = NumpyCompat.stableOrderByDescending(allScores, allScores.length);
        int detectionCount = Math.min(order.length, params.maxDetections());
        Detection[] detections = new Detection[detectionCount];
        double[] scores = new double[detectionCount];
        for (int d = 0; d < detectionCount; d++) {
            detections[d] = dts.get(order[d]);
            scores[d] = allScores[order[d]];
        }

        // Candidate pairs. When every threshold is positive an IoU of 0 can never match, so only overlapping pairs
        // are kept (the matching loop below skips the others exactly as COCOeval's `continue` would).
        boolean sparse = true;
        for (double t : thresholds) {
            sparse &= Math.min(t, MAX_THRESHOLD) > 0;
        }
        int[][] candidateGt = new int[detectionCount][];
        double[][] candidateIou = new double[detectionCount][];
        if (gtCount > 0) {
            Rle[] gtMasks = new Rle[gtCount];
            boolean[] crowd = new boolean[gtCount];
            for (int g = 0; g < gtCount; g++) {
                gtMasks[g] = gts.get(g).mask();
                crowd[g] = gts.get(g).crowd();
            }
            int[] gtBuffer = new int[gtCount];
            double[] iouBuffer = new double[gtCount];
            for (int d = 0; d < detectionCount; d++) {
                Rle dt = detections[d].mask();
                int n = 0;
                for (int g = 0; g < gtCount; g++) {
                    if (sparse) {
                        if (!dt.boxesOverlap(gtMasks[g])) {
                            continue;
                        }
                        double iou = dt.iou(gtMasks[g], crowd[g]);
                        if (iou > 0) {
                            gtBuffer[n] = g;
                            iouBuffer[n++] = iou;
                        }
                    } else {
                        gtBuffer[n] = g;
                        iouBuffer[n++] = dt.iou(gtMasks[g], crowd[g]);
                    }
                }
                candidateGt[d] = Arrays.copyOf(gtBuffer, n);
                candidateIou[d] = Arrays.copyOf(iouBuffer, n);
            }
        } else {
            for (int d = 0; d < detectionCount; d++) {
                candidateGt[d] = new int[0];
                candidateIou[d] = new double[0];
            }
        }

        byte[][] outcome = new byte[areas.size()][];
        int[] nonIgnored = new int[areas.size()];
        int[] position = new int[gtCount];
        long[] sortedIds = new long[gtCount];
        boolean[] sortedIgnored = new boolean[gtCount];
        boolean[] sortedCrowd = new boolean[gtCount];
        boolean[] matched = new boolean[gtCount];
        int maxCandidates = 0;
        for (int[] c : candidateGt) {
            maxCandidates = Math.max(maxCandidates, c.length);
        }
        int[] candidatePosition = new int[maxCandidates];
        double[] candidateValue = new double[maxCandidates];
        int[][] sortedCandidatePosition = new int[detectionCount][];
        double[][] sortedCandidateIou = new double[detectionCount][];

        for (int a = 0; a < areas.size(); a++) {
            AreaRange range = areas.get(a);
            // Ground truth order: not ignored first, then ignored, each in file order (stable argsort of _ignore).
            int next = 0;
            for (int pass = 0; pass < 2; pass++) {
                for (int g = 0; g < gtCount; g++) {
                    CocoAnnotation gt = gts.get(g);
                    boolean ignored = gt.crowd() || !range.contains(gt.area());
                    if (ignored == (pass == 1)) {
                        position[g] = next;
                        sortedIds[next] = gt.id();
                        sortedIgnored[next] = ignored;
                        sortedCrowd[next] = gt.crowd();
                        next++;
                    }
                }
            }
            int notIgnored = 0;
            for (int p = 0; p < gtCount; p++) {
                if (!sortedIgnored[p]) {
                    notIgnored++;
                }
            }
            nonIgnored[a] = notIgnored;

            // Candidates of each detection in ground-truth order for this area range.
            for (int d = 0; d < detectionCount; d++) {
                int[] gtsOfD = candidateGt[d];
                double[] ious = candidateIou[d];
                int n = gtsOfD.length;
                for (int c = 0; c < n; c++) {
                    int p = position[gtsOfD[c]];
                    double v = ious[c];
                    int j = c - 1;
                    while (j >= 0 && candidatePosition[j] > p) {
                        candidatePosition[j + 1] = candidatePosition[j];
                        candidateValue[j + 1] = candidateValue[j];
                        j--;
                    }
                    candidatePosition[j + 1] = p;
                    candidateValue[j + 1] = v;
                }
                sortedCandidatePosition[d] = Arrays.copyOf(candidatePosition, n);
                sortedCandidateIou[d] = Arrays.copyOf(candidateValue, n);
            }

            byte[] result = new byte[thresholdCount * detectionCount];
            for (int t = 0; t < thresholdCount; t++) {
                Arrays.fill(matched, false);
                double threshold = Math.min(thresholds[t], MAX_THRESHOLD);
                for (int d = 0; d < detectionCount; d++) {
                    int[] candidates = sortedCandidatePosition[d];
                    double[] ious = sortedCandidateIou[d];
                    int best = -1;
                    double bestIou = threshold;
                    for (int c = 0; c < candidates.length; c++) {
                        int p = candidates[c];
                        if (matched[p] && !sortedCrowd[p]) {
                            continue; // already taken, and not a crowd region (those absorb any number)
                        }
                        if (best > -1 && !sortedIgnored[best] && sortedIgnored[p]) {
                            break; // matched a regular ground truth; ignored ones (sorted last) cannot replace it
                        }
                        if (ious[c] < bestIou) {
                            continue;
                        }
                        bestIou = ious[c]; // ties go to the later ground truth, as in COCOeval
                        best = p;
                    }
                    // COCOeval stores the matched ground-truth *id* and treats 0 as "unmatched", so a match with a
                    // ground truth whose id is 0 counts as unmatched there; reproduced on purpose.
                    long matchedId = 0;
                    boolean ignored = false;
                    if (best >= 0) {
                        matched[best] = true;
                        matchedId = sortedIds[best];
                        ignored = sortedIgnored[best];
                    }
                    if (matchedId == 0 && !range.contains(detections[d].area())) {
                        ignored = true; // unmatched detection outside the area range
                    }
                    result[t * detectionCount + d] = ignored ? IGNORED
                            : matchedId != 0 ? TRUE_POSITIVE : FALSE_POSITIVE;
                }
            }
            outcome[a] = result;
        }
        return new ImageCategoryEval(detectionCount, scores, outcome, nonIgnored);
    }
}
