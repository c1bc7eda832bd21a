package org.segrank.metrics.coco;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable evaluation parameters, the counterpart of pycocotools' {@code Params} for {@code iouType='segm'}.
 *
 * <p>{@link #defaults()} equals COCO's defaults except for {@code maxDets}:
 * <ul>
 * <li>IoU thresholds {@code np.linspace(.5, 0.95, 10)} (exact float values, e.g. {@code 0.8999999999999999});</li>
 * <li>recall thresholds {@code np.linspace(0, 1, 101)};</li>
 * <li>{@code maxDets = [1, 10, 1000]}: COCO's {@code [1, 10, 100]} keeps only the 100 best-scoring detections per
 * image and category and silently drops the rest, which caps recall on dense particle images with hundreds of
 * objects. {@link #cocoDefaults()} gives the original values;</li>
 * <li>area ranges all {@code [0, 1e10]}, small {@code [0, 32^2]}, medium {@code [32^2, 96^2]}, large
 * {@code [96^2, 1e10]};</li>
 * <li>per-category evaluation ({@code useCats = 1}) over all ground-truth images and categories.</li>
 * </ul>
 */
public final class EvalParams {

    private final double[] iouThresholds;
    private final double[] recallThresholds;
    private final int[] maxDets;
    private final List<AreaRange> areaRanges;
    private final boolean useCategories;
    private final long[] imageIds;
    private final long[] categoryIds;

    private EvalParams(double[] iouThresholds, double[] recallThresholds, int[] maxDets, List<AreaRange> areaRanges,
            boolean useCategories, long[] imageIds, long[] categoryIds) {
        this.iouThresholds = iouThresholds;
        this.recallThresholds = recallThresholds;
        this.maxDets = maxDets;
        this.areaRanges = areaRanges;
        this.useCategories = useCategories;
        this.imageIds = imageIds;
        this.categoryIds = categoryIds;
    }

    /** COCO defaults with {@code maxDets = [1, 10, 1000]} (see class comment). */
    public static EvalParams defaults() {
        return new EvalParams(NumpyCompat.linspace(.5, 0.95, 10), NumpyCompat.linspace(.0, 1.00, 101),
                new int[] {1, 10, 1000}, List.of(AreaRange.ALL, AreaRange.SMALL, AreaRange.MEDIUM, AreaRange.LARGE),
                true, null, null);
    }

    /** Exactly pycocotools' defaults, {@code maxDets = [1, 10, 100]}. */
    public static EvalParams cocoDefaults() {
        return defaults().withMaxDets(1, 10, 100);
    }

    // ----------------------------------------------------------------------------------------------------------------

    /**
     * Replaces the last (largest) maxDets value, the one used for AP and AR@max.
     *
     * @throws IllegalArgumentException unless {@code n} is larger than the second value
     */
    public EvalParams withMaxDets(int n) {
        if (n <= maxDets[1]) {
            throw new IllegalArgumentException("maxDets must stay increasing: " + n + " is not larger than "
                    + maxDets[1] + "; use withMaxDets(a, b, c)");
        }
        return withMaxDets(maxDets[0], maxDets[1], n);
    }

    /**
     * Sets all three maxDets values. The summary reports AR at each of them and AP at the last one.
     *
     * @throws IllegalArgumentException unless {@code 0 < a < b < c}
     */
    public EvalParams withMaxDets(int a, int b, int c) {
        if (!(0 < a && a < b && b < c)) {
            throw new IllegalArgumentException("maxDets must be positive and strictly increasing: " + a + ", " + b
                    + ", " + c);
        }
        return new EvalParams(iouThresholds, recallThresholds, new int[] {a, b, c}, areaRanges, useCategories,
                imageIds, categoryIds);
    }

    /**
     * IoU thresholds, used exactly as given (the summary's AP50/AP75 look for elements equal to 0.5 and 0.75 and
     * report -1 when there is none, as COCOeval does).
     */
    public EvalParams withIouThresholds(double... thresholds) {
        return new EvalParams(checkedThresholds(thresholds, "IoU"), recallThresholds, maxDets, areaRanges,
                useCategories, imageIds, categoryIds);
    }

    /** Recall thresholds at which precision is sampled; must be ascending. */
    public EvalParams withRecallThresholds(double... thresholds) {
        double[] copy = checkedThresholds(thresholds, "recall");
        for (int i = 1; i < copy.length; i++) {
            if (copy[i] < copy[i - 1]) {
                throw new IllegalArgumentException("recall thresholds must be ascending");
            }
        }
        return new EvalParams(iouThresholds, copy, maxDets, areaRanges, useCategories, imageIds, categoryIds);
    }

    /** Area ranges; labels must be unique. The summary looks up {@code all}, {@code small}, {@code medium}, {@code large}. */
    public EvalParams withAreaRanges(List<AreaRange> ranges) {
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("at least one area range is required");
        }
        Set<String> labels = new HashSet<>();
        for (AreaRange range : ranges) {
            if (!labels.add(range.label())) {
                throw new IllegalArgumentException("duplicate area range label " + range.label());
            }
        }
        return new EvalParams(iouThresholds, recallThresholds, maxDets, List.copyOf(ranges), useCategories, imageIds,
                categoryIds);
    }

    /**
     * {@code useCats}: when false all categories are pooled and category labels are ignored (proposal scoring).
     */
    public EvalParams withUseCategories(boolean use) {
        return new EvalParams(iouThresholds, recallThresholds, maxDets, areaRanges, use, imageIds, categoryIds);
    }

    /** Restricts evaluation to these images ({@code params.imgIds}); duplicates are removed and ids sorted. */
    public EvalParams withImageIds(Collection<Long> ids) {
        return new EvalParams(iouThresholds, recallThresholds, maxDets, areaRanges, useCategories, sortedUnique(ids),
                categoryIds);
    }

    /**
     * Restricts evaluation to these categories ({@code params.catIds}); duplicates are removed and ids sorted (as
     * {@code np.unique} does in COCOeval with useCats).
     */
    public EvalParams withCategoryIds(Collection<Long> ids) {
        return new EvalParams(iouThresholds, recallThresholds, maxDets, areaRanges, useCategories, imageIds,
                sortedUnique(ids));
    }

    /** Back to all ground-truth images and categories. */
    public EvalParams withAllImagesAndCategories() {
        return new EvalParams(iouThresholds, recallThresholds, maxDets, areaRanges, useCategories, null, null);
    }

    private static double[] checkedThresholds(double[] thresholds, String what) {
        Objects.requireNonNull(thresholds, what + " thresholds");
        if (thresholds.length == 0) {
            throw new IllegalArgumentException("at least one " + what + " threshold is required");
        }
        for (double t : thresholds) {
            if (Double.isNaN(t)) {
                throw new IllegalArgumentException(what + " thresholds must not be NaN");
            }
        }
        return thresholds.clone();
    }

    private static long[] sortedUnique(Collection<Long> ids) {
        long[] values = ids.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
        if (values.length == 0) {
            throw new IllegalArgumentException("an id restriction needs at least one id");
        }
        return values;
    }

    // ----------------------------------------------------------------------------------------------------------------

    public double[] iouThresholds() {
        return iouThresholds.clone();
    }

    public double[] recallThresholds() {
        return recallThresholds.clone();
    }

    /** The three maxDets values, ascending. */
    public int[] maxDets() {
        return maxDets.clone();
    }

    /** The largest maxDets value: detections per image and category beyond it are dropped (lowest scores first). */
    public int maxDetections() {
        return maxDets[maxDets.length - 1];
    }

    public List<AreaRange> areaRanges() {
        return areaRanges;
    }

    public boolean useCategories() {
        return useCategories;
    }

    /** The image restriction, or {@code null} for all ground-truth images. */
    public long[] imageIds() {
        return imageIds == null ? null : imageIds.clone();
    }

    /** The category restriction, or {@code null} for all ground-truth categories. */
    public long[] categoryIds() {
        return categoryIds == null ? null : categoryIds.clone();
    }

    double[] iouThresholdsView() {
        return iouThresholds;
    }

    double[] recallThresholdsView() {
        return recallThresholds;
    }

    int[] maxDetsView() {
        return maxDets;
    }

    /** Index of the area range with this label, or -1. */
    int areaIndex(String label) {
        for (int i = 0; i < areaRanges.size(); i++) {
            if (areaRanges.get(i).label().equals(label)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        List<String> ranges = new ArrayList<>();
        for (AreaRange r : areaRanges) {
            ranges.add(r.label() + "[" + r.min() + "," + r.max() + "]");
        }
        return "EvalParams[iouThresholds=" + Arrays.toString(iouThresholds) + ", recallThresholds="
                + recallThresholds.length + ", maxDets=" + Arrays.toString(maxDets) + ", areaRanges=" + ranges
                + ", useCategories=" + useCategories + (imageIds == null ? "" : ", images=" + imageIds.length)
                + (categoryIds == null ? "" : ", categories=" + Arrays.toString(categoryIds)) + "]";
    }
}
