package org.segrank.metrics.coco;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * COCO instance-segmentation evaluation with the numbers of pycocotools' {@code COCOeval(gt, dt, 'segm')}:
 * {@code evaluate()}, {@code accumulate()} and {@code summarize()}, plus per-image AP.
 *
 * <h2>Definitions (as COCOeval)</h2>
 * <ol>
 * <li>Images are the ground-truth images (or {@link EvalParams#withImageIds}) in ascending id order, categories the
 * ground-truth categories in ascending id order. Ground truth of an image/category is taken in file order, detections
 * in input order; detections in categories that are not evaluated are ignored.</li>
 * <li>Per image and category, detections are sorted by descending score with a <b>stable</b> sort (numpy mergesort):
 * <b>equal scores keep their input (file) order</b>. Only the first {@code maxDets[2]} are kept.</li>
 * <li>IoU is mask IoU ({@link org.segrank.metrics.mask.Rle#iou}); against a crowd ground truth it is
 * intersection / detection area.</li>
 * <li>Per area range, a ground truth is ignored if it is crowd or its {@code area} field lies outside the range;
 * ignored ground truth is moved behind the others (stable). For each IoU threshold {@code t}, detections in score
 * order are greedily matched to the ground truth with the highest IoU {@code >= min(t, 1 - 1e-10)} that is not yet
 * matched (crowd regions can absorb any number of detections); a regular match is never replaced by an ignored one,
 * and of equal IoUs the later ground truth wins. A detection matched to ignored ground truth is ignored (a detection
 * on a crowd region is neither true nor false positive), as is an unmatched detection whose area is outside the
 * range.</li>
 * <li>Per category, area range and maxDets {@code m}: the first {@code m} detections of every image are pooled and
 * sorted by descending score (stable, so ties keep image order, then per-image order). With cumulative true/false
 * positives, recall is {@code tp / npig} ({@code npig} = number of non-ignored ground truths) and precision
 * {@code tp / (tp + fp + 2^-52)}; precision is made monotone from right to left and sampled at each recall threshold
 * with {@code searchsorted(side='left')} (0 beyond the reached recall). Without non-ignored ground truth, precision
 * and recall are -1.</li>
 * </ol>
 *
 * <p>Per-image AP is COCOeval's AP for {@code imgIds = [image]}, derived from the per-image results of step 4 without
 * re-running anything; see {@link ImageAp}.
 *
 * <p>Instances are immutable and thread-safe; images are evaluated on {@link #withThreads(int) several threads} with
 * results independent of the thread count.
 */
public final class CocoEvaluator {

    private final EvalParams params;
    private final int threads;

    /** Evaluator using all available processors. */
    public CocoEvaluator(EvalParams params) {
        this(params, Runtime.getRuntime().availableProcessors());
    }

    private CocoEvaluator(EvalParams params, int threads) {
        this.params = Objects.requireNonNull(params, "params");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive");
        }
        this.threads = threads;
    }

    /** A copy that evaluates images on {@code threads} threads (1 = the calling thread only). */
    public CocoEvaluator withThreads(int threads) {
        return new CocoEvaluator(params, threads);
    }

    public EvalParams params() {
        return params;
    }

    /** {@link #evaluate(CocoDataset, List, EvalMonitor)} without progress reporting. */
    public EvalResult evaluate(CocoDataset groundTruth, List<Detection> detections) {
        return evaluate(groundTruth, detections, EvalMonitor.NONE);
    }

    /**
     * Evaluates detections against ground truth.
     *
     * @throws IllegalArgumentException if a detection names an image that is not in the ground truth, a mask has
     *         the wrong size, or an image/category restriction names unknown ids
     * @throws CancellationException if the monitor reports cancellation
     */
    public EvalResult evaluate(CocoDataset groundTruth, List<Detection> detections, EvalMonitor monitor) {
        long[] imageIds = imageIds(groundTruth);
        long[] categoryIds = categoryIds(groundTruth);
        boolean pooled = !params.useCategories();
        int imageCount = imageIds.length;
        int groupCount = pooled ? 1 : categoryIds.length;

        Map<Long, Integer> imageIndex = indexOf(imageIds);
        Map<Long, Integer> categoryIndex = indexOf(categoryIds);
        // gts[i][k] / dts[i][k]: per image and category (k = 0 only when pooled), in file / input order.
        List<List<List<CocoAnnotation>>> gts = emptyGroups(imageCount, categoryIds.length);
        List<List<List<Detection>>> dts = emptyGroups(imageCount, categoryIds.length);
        for (CocoAnnotation annotation : groundTruth.annotations()) {
            Integer i = imageIndex.get(annotation.imageId());
            Integer k = categoryIndex.get(annotation.categoryId());
            if (i != null && k != null) {
                gts.get(i).get(k).add(annotation);
            }
        }
        for (Detection detection : detections) {
            CocoImage image = groundTruth.image(detection.imageId()).orElseThrow(() -> new IllegalArgumentException(
                    "detection " + detection.id() + " names image " + detection.imageId()
                            + ", which is not in the ground truth"));
            if (detection.mask().height() != image.height() || detection.mask().width() != image.width()) {
                throw new IllegalArgumentException("mask of detection " + detection.id() + " is "
                        + detection.mask().height() + "x" + detection.mask().width() + " (h x w), image "
                        + image.id() + " is " + image.height() + "x" + image.width());
            }
            Integer i = imageIndex.get(detection.imageId());
            Integer k = categoryIndex.get(detection.categoryId());
            if (i != null && k != null) {
                dts.get(i).get(k).add(detection);
            }
        }

        ImageCategoryEval[][] evals = new ImageCategoryEval[groupCount][imageCount];
        monitor.begin(imageCount);
        evaluateImages(imageCount, i -> {
            for (int k = 0; k < groupCount; k++) {
                List<CocoAnnotation> gt = pooled ? concat(gts.get(i)) : gts.get(i).get(k);
                List<Detection> dt = pooled ? concat(dts.get(i)) : dts.get(i).get(k);
                evals[k][i] = ImageCategoryEval.evaluate(gt, dt, params);
            }
        }, monitor);

        Accumulator accumulator = new Accumulator(params, groupCount);
        for (int k = 0; k < groupCount; k++) {
            if (monitor.isCancelled()) {
                throw new CancellationException("evaluation cancelled");
            }
            accumulator.accumulate(k, evals[k]);
        }
        double[] imageAp = new double[imageCount];
        for (int i = 0; i < imageCount; i++) {
            imageAp[i] = accumulator.imageAp(evals, i);
        }
        long[] reportedCategories = pooled ? new long[] {-1} : categoryIds;
        return new EvalResult(params, imageIds, reportedCategories, accumulator.precision, accumulator.recall,
                imageAp);
    }

    private long[] imageIds(CocoDataset groundTruth) {
        long[] restricted = params.imageIds();
        if (restricted == null) {
            return groundTruth.images().stream().mapToLong(CocoImage::id).sorted().toArray();
        }
        for (long id : restricted) {
            if (groundTruth.image(id).isEmpty()) {
                throw new IllegalArgumentException("image " + id + " is not in the ground truth");
            }
        }
        return restricted;
    }

    private long[] categoryIds(CocoDataset groundTruth) {
        long[] restricted = params.categoryIds();
        if (restricted == null) {
            return groundTruth.categories().stream().mapToLong(CocoCategory::id).sorted().toArray();
        }
        for (long id : restricted) {
            if (groundTruth.category(id).isEmpty()) {
                throw new IllegalArgumentException("category " + id + " is not in the ground truth");
            }
        }
        return restricted;
    }

    private static Map<Long, Integer> indexOf(long[] ids) {
        Map<Long, Integer> index = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], i);
        }
        return index;
    }

    private static <T> List<List<List<T>>> emptyGroups(int images, int categories) {
        List<List<List<T>>> groups = new ArrayList<>(images);
        for (int i = 0; i < images; i++) {
            List<List<T>> perCategory = new ArrayList<>(categories);
            for (int k = 0; k < categories; k++) {
                perCategory.add(new ArrayList<>(0));
            }
            groups.add(perCategory);
        }
        return groups;
    }

    /** Pooled evaluation (useCats = 0) visits categories in id order, each in file order, like COCOeval. */
    private static <T> List<T> concat(List<List<T>> perCategory) {
        List<T> all = new ArrayList<>();
        for (List<T> list : perCategory) {
            all.addAll(list);
        }
        return all;
    }

    private interface ImageTask {
        void run(int imageIndex);
    }

    /** Runs the task for every image, on up to {@link #threads} threads, polling the monitor between images. */
    private void evaluateImages(int imageCount, ImageTask task, EvalMonitor monitor) {
        Object monitorLock = new Object();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean cancelled = new AtomicBoolean();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < imageCount; i = next.getAndIncrement()) {
                synchronized (monitorLock) {
                    if (cancelled.get() || monitor.isCancelled()) {
                        cancelled.set(true);
                        return;
                    }
                }
                task.run(i);
                synchronized (monitorLock) {
                    monitor.worked(1);
                }
            }
        };
        int workers = Math.min(threads, Math.max(1, imageCount));
        if (workers == 1) {
            worker.run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(workers - 1, runnable -> {
                Thread thread = new Thread(runnable, "coco-eval");
                thread.setDaemon(true);
                return thread;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 1; w < workers; w++) {
                    futures.add(pool.submit(worker));
                }
                worker.run();
                for (Future<?> future : futures) {
                    future.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled.set(true);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(cause);
            } finally {
                pool.shutdownNow();
            }
        }
        if (cancelled.get()) {
            throw new CancellationException("evaluation cancelled");
        }
    }

    /** COCOeval's accumulate(), plus the per-image AP from the same per-image results. */
    private static final class Accumulator {
        private final EvalParams params;
        private final int t;
        private final int r;
        private final int k;
        private final int a;
        private final int m;
        final double[] precision;
        final double[] recall;
        private double[] rc = new double[0];
        private double[] pr = new double[0];

        Accumulator(EvalParams params, int categories) {
            this.params = params;
            this.t = params.iouThresholdsView().length;
            this.r = params.recallThresholdsView().length;
            this.k = categories;
            this.a = params.areaRanges().size();
            this.m = params.maxDetsView().length;
            this.precision = new double[t * r * k * a * m];
            this.recall = new double[t * k * a * m];
            Arrays.fill(precision, -1);
            Arrays.fill(recall, -1);
        }

        void accumulate(int category, ImageCategoryEval[] perImage) {
            List<ImageCategoryEval> evals = new ArrayList<>();
            for (ImageCategoryEval e : perImage) {
                if (e != null) {
                    evals.add(e);
                }
            }
            if (evals.isEmpty()) {
                return;
            }
            int total = 0;
            for (ImageCategoryEval e : evals) {
                total += e.detectionCount;
            }
            // Pool detections in image order; one stable sort serves every maxDets value, because the pooled list for
            // a smaller maxDets is a subsequence of this one and a stable sort preserves relative order.
            double[] scores = new double[total];
            int[] owner = new int[total];
            int[] rank = new int[total];
            int n = 0;
            for (int e = 0; e < evals.size(); e++) {
                ImageCategoryEval eval = evals.get(e);
                for (int d = 0; d < eval.detectionCount; d++) {
                    scores[n] = eval.scores[d];
                    owner[n] = e;
                    rank[n] = d;
                    n++;
                }
            }
            int[] order = NumpyCompat.stableOrderByDescending(scores, total);
            ensureCapacity(total);
            int[] selected = new int[total];
            int[] maxDets = params.maxDetsView();
            for (int mi = 0; mi < m; mi++) {
                int count = 0;
                for (int i : order) {
                    if (rank[i] < maxDets[mi]) {
                        selected[count++] = i;
                    }
                }
                for (int ai = 0; ai < a; ai++) {
                    int npig = 0;
                    for (ImageCategoryEval eval : evals) {
                        npig += eval.nonIgnoredGroundTruths[ai];
                    }
                    if (npig == 0) {
                        continue;
                    }
                    for (int ti = 0; ti < t; ti++) {
                        double tp = 0;
                        double fp = 0;
                        for (int j = 0; j < count; j++) {
                            int i = selected[j];
                            ImageCategoryEval eval = evals.get(owner[i]);
                            byte outcome = eval.outcome[ai][ti * eval.detectionCount + rank[i]];
                            if (outcome == ImageCategoryEval.TRUE_POSITIVE) {
                                tp++;
                            } else if (outcome == ImageCategoryEval.FALSE_POSITIVE) {
                                fp++;
                            }
                            rc[j] = tp / npig;
                            pr[j] = tp / (fp + tp + NumpyCompat.SPACING_OF_ONE);
                        }
                        recall[((ti * k + category) * a + ai) * m + mi] = count > 0 ? rc[count - 1] : 0;
                        storePrecision(count, ti, category, ai, mi, precision);
                    }
                }
            }
        }

        /** Right-to-left monotone precision sampled at the recall thresholds ({@code rc}, {@code pr} filled). */
        private void storePrecision(int count, int ti, int category, int ai, int mi, double[] target) {
            for (int i = count - 1; i > 0; i--) {
                if (pr[i] > pr[i - 1]) {
                    pr[i - 1] = pr[i];
                }
            }
            double[] recallThresholds = params.recallThresholdsView();
            for (int ri = 0; ri < r; ri++) {
                int at = NumpyCompat.searchSortedLeft(rc, count, recallThresholds[ri]);
                target[(((ti * r + ri) * k + category) * a + ai) * m + mi] = at < count ? pr[at] : 0;
            }
        }

        /**
         * COCOeval's first statistic for {@code imgIds = [image]}: precision of this image alone (area "all", last
         * maxDets) averaged over the defined entries; NaN when there is none.
         */
        double imageAp(ImageCategoryEval[][] evals, int image) {
            int area = params.areaIndex("all");
            if (area < 0) {
                return Double.NaN;
            }
            double[] single = new double[t * r * k];
            Arrays.fill(single, -1);
            for (int category = 0; category < k; category++) {
                ImageCategoryEval eval = evals[category][image];
                if (eval == null || eval.nonIgnoredGroundTruths[area] == 0) {
                    continue;
                }
                int npig = eval.nonIgnoredGroundTruths[area];
                int count = eval.detectionCount; // already sorted and cut at the last maxDets
                ensureCapacity(count);
                for (int ti = 0; ti < t; ti++) {
                    double tp = 0;
                    double fp = 0;
                    for (int d = 0; d < count; d++) {
                        byte outcome = eval.outcome[area][ti * count + d];
                        if (outcome == ImageCategoryEval.TRUE_POSITIVE) {
                            tp++;
                        } else if (outcome == ImageCategoryEval.FALSE_POSITIVE) {
                            fp++;
                        }
                        rc[d] = tp / npig;
                        pr[d] = tp / (fp + tp + NumpyCompat.SPACING_OF_ONE);
                    }
                    // Same layout as precision with a = m = 1: index (ti * r + ri) * k + category.
                    for (int i = count - 1; i > 0; i--) {
                        if (pr[i] > pr[i - 1]) {
                            pr[i - 1] = pr[i];
                        }
                    }
                    double[] recallThresholds = params.recallThresholdsView();
                    for (int ri = 0; ri < r; ri++) {
                        int at = NumpyCompat.searchSortedLeft(rc, count, recallThresholds[ri]);
                        single[(ti * r + ri) * k + category] = at < count ? pr[at] : 0;
                    }
                }
            }
            int n = 0;
            for (double v : single) {
                if (v > -1) {
                    single[n++] = v;
                }
            }
            return n == 0 ? Double.NaN : NumpyCompat.mean(single, n);
        }

        private void ensureCapacity(int size) {
            if (rc.length < size) {
                rc = new double[size];
                pr = new double[size];
            }
        }
    }
}
