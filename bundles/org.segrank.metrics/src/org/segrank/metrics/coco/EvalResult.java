package org.segrank.metrics.coco;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The outcome of a {@link CocoEvaluator} run: COCOeval's accumulated precision/recall arrays, the twelve summary
 * numbers and the per-image AP.
 *
 * <h2>Summary</h2>
 * Each statistic is the mean of the accumulated entries that are {@code > -1} (numpy's pairwise summation, so the
 * value is bit-identical to {@code np.mean}), or -1 when there is none, e.g. AP_SMALL when no ground truth is small.
 * AP uses precision over all IoU thresholds, recall thresholds and categories; AR uses the recall reached with the
 * given number of detections per image and category.
 *
 * <p>One deliberate difference to pycocotools: its {@code summarize()} computes the first number (AP) with a hard-coded
 * {@code maxDets=100} and returns -1 for it when 100 is not among the maxDets (cocoapi issue #558), although all
 * other numbers use {@code maxDets[2]}. {@link #stats()} computes AP at {@code maxDets[2]} as intended; with
 * maxDets {@code [1, 10, 100]} both agree. {@link #pycocotoolsStats()} reproduces the literal behaviour.
 */
public final class EvalResult {

    private final EvalParams params;
    private final long[] imageIds;
    private final long[] categoryIds;
    private final int t;
    private final int r;
    private final int k;
    private final int a;
    private final int m;
    private final double[] precision;
    private final double[] recall;
    private final double[] stats;
    private final double[] pycocotoolsStats;
    private final List<ImageAp> perImage;
    private final Map<Long, ImageAp> perImageById;

    EvalResult(EvalParams params, long[] imageIds, long[] categoryIds, double[] precision, double[] recall,
            double[] imageAp) {
        this.params = params;
        this.imageIds = imageIds;
        this.categoryIds = categoryIds;
        this.t = params.iouThresholdsView().length;
        this.r = params.recallThresholdsView().length;
        this.k = categoryIds.length;
        this.a = params.areaRanges().size();
        this.m = params.maxDetsView().length;
        this.precision = precision;
        this.recall = recall;
        int[] maxDets = params.maxDetsView();
        this.stats = summarize(maxDets[2]);
        this.pycocotoolsStats = summarize(100);
        List<ImageAp> images = new ArrayList<>(imageIds.length);
        Map<Long, ImageAp> byId = new HashMap<>();
        for (int i = 0; i < imageIds.length; i++) {
            ImageAp entry = new ImageAp(imageIds[i],
                    Double.isNaN(imageAp[i]) ? OptionalDouble.empty() : OptionalDouble.of(imageAp[i]));
            images.add(entry);
            byId.put(imageIds[i], entry);
        }
        this.perImage = Collections.unmodifiableList(images);
        this.perImageById = byId;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Summary

    /** The twelve summary numbers in {@link SummaryStat} order (a copy). */
    public double[] stats() {
        return stats.clone();
    }

    /** One summary number. */
    public double stat(SummaryStat stat) {
        return stats[stat.ordinal()];
    }

    /** Shorthand for {@code stat(SummaryStat.AP)}. */
    public double ap() {
        return stats[SummaryStat.AP.ordinal()];
    }

    /**
     * The numbers exactly as pycocotools' {@code summarize()} returns them, including AP at the literal
     * {@code maxDets=100} (-1 unless 100 is one of the maxDets).
     */
    public double[] pycocotoolsStats() {
        return pycocotoolsStats.clone();
    }

    /** The maxDets values used. */
    public int[] maxDets() {
        return params.maxDets();
    }

    public EvalParams params() {
        return params;
    }

    /**
     * The twelve lines pycocotools prints, e.g.
     * {@code " Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=1000 ] = 0.523"}, joined with
     * {@code '\n'}; each line shows the maxDets value its number was computed with (see the class comment on AP).
     */
    public String summaryText() {
        return summaryText(stats, params.maxDetsView()[2]);
    }

    /** The lines exactly as pycocotools prints them (first line with {@code maxDets=100}). */
    public String pycocotoolsSummaryText() {
        return summaryText(pycocotoolsStats, 100);
    }

    private String summaryText(double[] values, int apMaxDets) {
        int[] maxDets = params.maxDetsView();
        int last = maxDets[2];
        List<String> lines = new ArrayList<>(12);
        lines.add(line(true, null, "all", apMaxDets, values[0]));
        lines.add(line(true, .5, "all", last, values[1]));
        lines.add(line(true, .75, "all", last, values[2]));
        lines.add(line(true, null, "small", last, values[3]));
        lines.add(line(true, null, "medium", last, values[4]));
        lines.add(line(true, null, "large", last, values[5]));
        lines.add(line(false, null, "all", maxDets[0], values[6]));
        lines.add(line(false, null, "all", maxDets[1], values[7]));
        lines.add(line(false, null, "all", last, values[8]));
        lines.add(line(false, null, "small", last, values[9]));
        lines.add(line(false, null, "medium", last, values[10]));
        lines.add(line(false, null, "large", last, values[11]));
        return String.join("\n", lines);
    }

    /** {@code ' {:<18} {} @[ IoU={:<9} | area={:>6s} | maxDets={:>3d} ] = {:0.3f}'}. */
    private String line(boolean ap, Double iouThreshold, String area, int maxDets, double value) {
        double[] thresholds = params.iouThresholdsView();
        String iou = iouThreshold == null
                ? NumpyCompat.formatFixed(thresholds[0], 2) + ":"
                        + NumpyCompat.formatFixed(thresholds[thresholds.length - 1], 2)
                : NumpyCompat.formatFixed(iouThreshold, 2);
        return String.format(Locale.ROOT, " %-18s %s @[ IoU=%-9s | area=%6s | maxDets=%3d ] = %s",
                ap ? "Average Precision" : "Average Recall", ap ? "(AP)" : "(AR)", iou, area, maxDets,
                NumpyCompat.formatFixed(value, 3));
    }

    private double[] summarize(int apMaxDets) {
        int[] maxDets = params.maxDetsView();
        int last = maxDets[2];
        double[] s = new double[12];
        s[0] = summarize(true, null, "all", apMaxDets);
        s[1] = summarize(true, .5, "all", last);
        s[2] = summarize(true, .75, "all", last);
        s[3] = summarize(true, null, "small", last);
        s[4] = summarize(true, null, "medium", last);
        s[5] = summarize(true, null, "large", last);
        s[6] = summarize(false, null, "all", maxDets[0]);
        s[7] = summarize(false, null, "all", maxDets[1]);
        s[8] = summarize(false, null, "all", last);
        s[9] = summarize(false, null, "small", last);
        s[10] = summarize(false, null, "medium", last);
        s[11] = summarize(false, null, "large", last);
        return s;
    }

    /** COCOeval's {@code _summarize}: mean over entries {@code > -1} in C order (t, r, k), else -1. */
    private double summarize(boolean ap, Double iouThreshold, String areaLabel, int maxDetsValue) {
        int area = params.areaIndex(areaLabel);
        int md = -1;
        int[] maxDets = params.maxDetsView();
        for (int i = 0; i < maxDets.length; i++) {
            if (maxDets[i] == maxDetsValue) {
                md = i;
            }
        }
        if (area < 0 || md < 0) {
            return -1;
        }
        double[] thresholds = params.iouThresholdsView();
        double[] values = new double[ap ? t * r * k : t * k];
        int n = 0;
        for (int ti = 0; ti < t; ti++) {
            if (iouThreshold != null && thresholds[ti] != iouThreshold) {
                continue; // np.where(iouThr == p.iouThrs): exact float equality
            }
            if (ap) {
                for (int ri = 0; ri < r; ri++) {
                    for (int ki = 0; ki < k; ki++) {
                        double v = precision[precisionIndex(ti, ri, ki, area, md)];
                        if (v > -1) {
                            values[n++] = v;
                        }
                    }
                }
            } else {
                for (int ki = 0; ki < k; ki++) {
                    double v = recall[recallIndex(ti, ki, area, md)];
                    if (v > -1) {
                        values[n++] = v;
                    }
                }
            }
        }
        return n == 0 ? -1 : NumpyCompat.mean(values, n);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Per image

    /** AP of every evaluated image, in ascending image-id order. */
    public List<ImageAp> perImage() {
        return perImage;
    }

    /** AP of one image; empty when undefined (no non-crowd ground truth) or not evaluated. */
    public OptionalDouble imageAp(long imageId) {
        ImageAp entry = perImageById.get(imageId);
        return entry == null ? OptionalDouble.empty() : entry.ap();
    }

    /** Arithmetic mean of the defined per-image APs; empty when no image has one. */
    public OptionalDouble meanImageAp() {
        double sum = 0;
        int n = 0;
        for (ImageAp entry : perImage) {
            if (entry.defined()) {
                sum += entry.ap().getAsDouble();
                n++;
            }
        }
        return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n);
    }

    /** Number of images whose AP is undefined, i.e. skipped by {@link #meanImageAp()}. */
    public int undefinedImageCount() {
        int n = 0;
        for (ImageAp entry : perImage) {
            if (!entry.defined()) {
                n++;
            }
        }
        return n;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Raw arrays

    /** The evaluated image ids, ascending. */
    public long[] imageIds() {
        return imageIds.clone();
    }

    /** The evaluated category ids, ascending; {@code [-1]} when categories are pooled (useCats = 0). */
    public long[] categoryIds() {
        return categoryIds.clone();
    }

    /**
     * COCOeval's {@code eval['precision'][t, r, k, a, m]}: interpolated precision at recall threshold {@code r}, or
     * -1 when category {@code k} has no non-ignored ground truth in area range {@code a}.
     */
    public double precision(int iouIndex, int recallIndex, int categoryIndex, int areaIndex, int maxDetsIndex) {
        return precision[precisionIndex(iouIndex, recallIndex, categoryIndex, areaIndex, maxDetsIndex)];
    }

    /** COCOeval's {@code eval['recall'][t, k, a, m]}: the recall reached, or -1 as for precision. */
    public double recall(int iouIndex, int categoryIndex, int areaIndex, int maxDetsIndex) {
        return recall[recallIndex(iouIndex, categoryIndex, areaIndex, maxDetsIndex)];
    }

    private int precisionIndex(int ti, int ri, int ki, int ai, int mi) {
        checkIndex(ti, t);
        checkIndex(ri, r);
        checkIndex(ki, k);
        checkIndex(ai, a);
        checkIndex(mi, m);
        return (((ti * r + ri) * k + ki) * a + ai) * m + mi;
    }

    private int recallIndex(int ti, int ki, int ai, int mi) {
        checkIndex(ti, t);
        checkIndex(ki, k);
        checkIndex(ai, a);
        checkIndex(mi, m);
        return ((ti * k + ki) * a + ai) * m + mi;
    }

    private static void checkIndex(int index, int size) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " not in [0, " + size + ")");
        }
    }

    @Override
    public String toString() {
        return summaryText();
    }
}
