package org.segrank.evaluation;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import javax.imageio.ImageIO;

import org.segrank.metrics.coco.CocoAnnotation;
import org.segrank.metrics.coco.CocoCategory;
import org.segrank.metrics.coco.CocoDataset;
import org.segrank.metrics.coco.CocoEvaluator;
import org.segrank.metrics.coco.CocoImage;
import org.segrank.metrics.coco.Detection;
import org.segrank.metrics.coco.EvalParams;
import org.segrank.metrics.coco.EvalResult;
import org.segrank.metrics.coco.Segmentation;
import org.segrank.metrics.coco.SummaryStat;
import org.segrank.metrics.mask.Rle;
import org.segrank.workspace.EvaluationResult;
import org.segrank.workspace.GtInstance;
import org.segrank.workspace.Image;
import org.segrank.workspace.ImageModelPair;
import org.segrank.workspace.RegisteredModel;
import org.segrank.workspace.RunStatus;
import org.segrank.workspace.Workspace;

/**
 * Runs models x images and stores each pair's mask AP (COCO, per image), AP50, AP75, counts,
 * inference time or error text in the workspace.
 * <ul>
 * <li><b>Resume:</b> pairs with a stored non-failed result under the same settings (model version,
 * image, {@link #settingsHash}) are skipped, so a rerun after a crash, kill -9 or cancel continues
 * where it stopped; results from {@code results import --coco} count too. Each pair is stored as
 * soon as it is done.</li>
 * <li><b>Failures:</b> a model that fails on one image records the error for that pair (retried
 * next run) and the run goes on; a model that cannot be opened records the error for all its pairs.</li>
 * <li><b>Parallelism:</b> images of one model are spread over {@code workers} threads; models run
 * one after another so only one is in memory.</li>
 * </ul>
 */
public final class EvaluationRunner {

    /** Progress: pairs done (including skipped) of the total, and an ETA from the pairs computed so far. */
    @FunctionalInterface
    public interface Progress {
        void progress(int done, int total, double etaSeconds);
    }

    /** What a run did. */
    public record Summary(long runId, int pairs, int reused, int computed, int failed, double seconds) {
        public String describe() {
            return String.format(Locale.ROOT, "%d pairs: %d reused, %d computed, %d failed in %.1f s (run %d)", pairs,
                    reused, computed, failed, seconds, runId);
        }
    }

    private final Workspace workspace;
    private final SegmenterFactory factory;
    private final EvalParams params;
    private final int workers;

    public EvaluationRunner(Workspace workspace, SegmenterFactory factory, EvalParams params, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        this.workspace = workspace;
        this.factory = factory;
        this.params = params;
        this.workers = workers;
    }

    /** The settings label results are stored under; the same as {@code results import --coco} uses. */
    public String settingsHash() {
        return org.segrank.metrics.coco.CocoFileEvaluation.settingsLabel(params);
    }

    public Summary run(String dataset, String split, List<RegisteredModel> models, Progress progress,
            BooleanSupplier cancelRequested) throws Exception {
        long start = System.nanoTime();
        String settings = settingsHash();
        List<Image> images = workspace.datasets().images(dataset, split);
        Set<ImageModelPair> done = workspace.results().donePairs(dataset, split, settings);
        int total = images.size() * models.size();
        long run = workspace.results().startRun(settings,
                "{\"iouType\":\"segm\",\"maxDets\":" + java.util.Arrays.toString(params.maxDets()) + ",\"workers\":" + workers + "}",
                "evaluate " + models.size() + " models on " + dataset + (split == null ? "" : "/" + split), "segrank");
        Counters counters = new Counters(start, total, progress);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            for (List<RegisteredModel> group : factory.groups(workspace, models)) {
                if (group.size() == 1) {
                    runModel(group.get(0), images, done, settings, run, pool, counters, cancelRequested);
                } else {
                    runGroup(group, images, done, settings, run, pool, counters, cancelRequested);
                }
                checkCancelled(cancelRequested, run);
            }
        } catch (CancellationException e) {
            throw e;
        } catch (Exception e) {
            workspace.results().finishRun(run, RunStatus.FAILED);
            throw e;
        } finally {
            pool.shutdownNow();
        }
        workspace.results().finishRun(run, RunStatus.FINISHED);
        return new Summary(run, total, counters.reused, counters.computed.get(), counters.failed.get(),
                (System.nanoTime() - start) / 1e9);
    }

    /** Shared tallies of one run and its progress reports. */
    private static final class Counters {
        final long start;
        final int total;
        final Progress progress;
        final AtomicInteger finished = new AtomicInteger();
        final AtomicInteger computed = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        int reused;

        Counters(long start, int total, Progress progress) {
            this.start = start;
            this.total = total;
            this.progress = progress;
        }

        void reused(int pairs) {
            reused += pairs;
            finished.addAndGet(pairs);
        }

        void stored(EvaluationResult result) {
            (result.isDone() ? computed : failed).incrementAndGet();
            finished.incrementAndGet();
        }

        void report() {
            int now = finished.get();
            progress.progress(now, total, eta(start, computed.get() + failed.get(), total - now));
        }
    }

    /** One model over its pending images, images spread over the workers. */
    private void runModel(RegisteredModel model, List<Image> images, Set<ImageModelPair> done, String settings, long run,
            ExecutorService pool, Counters counters, BooleanSupplier cancelRequested) throws Exception {
        List<Image> todo = new ArrayList<>();
        for (Image image : images) {
            if (done.contains(new ImageModelPair(image.id(), model.id()))) {
                counters.reused(1);
            } else {
                todo.add(image);
            }
        }
        counters.report();
        if (todo.isEmpty()) {
            return;
        }
        checkCancelled(cancelRequested, run);
        InstanceSegmenter segmenter;
        try {
            segmenter = factory.open(workspace, model);
        } catch (Exception e) {
            failAll(List.of(model), todo, settings, run, counters, "cannot open model " + model.qualifiedName() + ": " + e);
            return;
        }
        try (segmenter) {
            List<Future<?>> futures = new ArrayList<>();
            for (Image image : todo) {
                futures.add(pool.submit(() -> {
                    if (cancelRequested.getAsBoolean()) {
                        return null;
                    }
                    EvaluationResult result = evaluate(segmenter, model, image, settings).inRun(run);
                    store(result);
                    counters.stored(result);
                    counters.report();
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
    }

    /** A group image by image: each image is decoded and segmented once for all the group's pending models. */
    private void runGroup(List<RegisteredModel> group, List<Image> images, Set<ImageModelPair> done, String settings,
            long run, ExecutorService pool, Counters counters, BooleanSupplier cancelRequested) throws Exception {
        List<Image> todoImages = new ArrayList<>();
        List<List<RegisteredModel>> todoModels = new ArrayList<>();
        for (Image image : images) {
            List<RegisteredModel> pending = new ArrayList<>();
            for (RegisteredModel model : group) {
                if (done.contains(new ImageModelPair(image.id(), model.id()))) {
                    counters.reused(1);
                } else {
                    pending.add(model);
                }
            }
            if (!pending.isEmpty()) {
                todoImages.add(image);
                todoModels.add(pending);
            }
        }
        counters.report();
        if (todoImages.isEmpty()) {
            return;
        }
        checkCancelled(cancelRequested, run);
        SegmenterGroup segmenters;
        try {
            segmenters = factory.openGroup(workspace, group);
        } catch (Exception e) {
            for (int i = 0; i < todoImages.size(); i++) {
                failAll(todoModels.get(i), List.of(todoImages.get(i)), settings, run, counters,
                        "cannot open model group of " + group.size() + ": " + e);
            }
            return;
        }
        try (segmenters) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < todoImages.size(); i++) {
                Image image = todoImages.get(i);
                List<RegisteredModel> pending = todoModels.get(i);
                futures.add(pool.submit(() -> {
                    if (cancelRequested.getAsBoolean()) {
                        return null;
                    }
                    for (EvaluationResult result : evaluateGroup(segmenters, pending, image, settings)) {
                        store(result.inRun(run));
                        counters.stored(result);
                    }
                    counters.report();
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
    }

    private void failAll(List<RegisteredModel> models, List<Image> images, String settings, long run, Counters counters,
            String error) {
        for (RegisteredModel model : models) {
            for (Image image : images) {
                EvaluationResult failure = EvaluationResult.failure(image.id(), model.id(), settings, error).inRun(run);
                store(failure);
                counters.stored(failure);
            }
        }
        counters.report();
    }

    private void checkCancelled(BooleanSupplier cancelRequested, long run) {
        if (cancelRequested.getAsBoolean()) {
            workspace.results().finishRun(run, RunStatus.CANCELLED);
            throw new CancellationException("evaluation cancelled; rerun the same command to continue");
        }
    }

    private static double eta(long start, int computedPairs, int remaining) {
        if (computedPairs == 0) {
            return Double.NaN;
        }
        double perPair = (System.nanoTime() - start) / 1e9 / computedPairs;
        return perPair * remaining;
    }

    private synchronized void store(EvaluationResult result) {
        workspace.results().upsert(result);
    }

    /** One pair; never throws: a failure becomes the pair's error text. */
    EvaluationResult evaluate(InstanceSegmenter segmenter, RegisteredModel model, Image image, String settings) {
        try {
            BufferedImage pixels = read(image);
            if (pixels == null) {
                return EvaluationResult.failure(image.id(), model.id(), settings, "image " + image.fileName() + " cannot be decoded");
            }
            long t0 = System.nanoTime();
            List<PredictedInstance> predicted = segmenter.segment(pixels);
            double inferenceMs = (System.nanoTime() - t0) / 1e6;
            return scored(model, image, settings, workspace.datasets().instances(image.id()), predicted, inferenceMs);
        } catch (Exception | LinkageError e) {
            return EvaluationResult.failure(image.id(), model.id(), settings,
                    model.qualifiedName() + " on " + image.fileName() + ": " + e);
        }
    }

    /** One image for several models of a group; never throws: a failure becomes each pair's error text. */
    List<EvaluationResult> evaluateGroup(SegmenterGroup group, List<RegisteredModel> pending, Image image, String settings) {
        List<EvaluationResult> results = new ArrayList<>();
        try {
            BufferedImage pixels = read(image);
            if (pixels == null) {
                for (RegisteredModel model : pending) {
                    results.add(EvaluationResult.failure(image.id(), model.id(), settings,
                            "image " + image.fileName() + " cannot be decoded"));
                }
                return results;
            }
            List<SegmenterGroup.Output> outputs = group.segmentAll(pixels);
            List<GtInstance> truth = workspace.datasets().instances(image.id());
            for (RegisteredModel model : pending) {
                int index = group.models().indexOf(model);
                SegmenterGroup.Output output = outputs.get(index);
                try {
                    results.add(scored(model, image, settings, truth, output.instances(), output.inferenceMillis()));
                } catch (Exception | LinkageError e) {
                    results.add(EvaluationResult.failure(image.id(), model.id(), settings,
                            model.qualifiedName() + " on " + image.fileName() + ": " + e));
                }
            }
        } catch (Exception | LinkageError e) {
            results.clear();
            for (RegisteredModel model : pending) {
                results.add(EvaluationResult.failure(image.id(), model.id(), settings,
                        model.qualifiedName() + " on " + image.fileName() + ": " + e));
            }
        }
        return results;
    }

    private BufferedImage read(Image image) throws java.io.IOException {
        try (InputStream in = workspace.open(image.sha256())) {
            return ImageIO.read(in);
        }
    }

    private EvaluationResult scored(RegisteredModel model, Image image, String settings, List<GtInstance> truth,
            List<PredictedInstance> predicted, double inferenceMs) {
        ImageScores scores = score(image, truth, predicted, params);
        int gtCount = (int) truth.stream().filter(g -> !g.iscrowd()).count();
        if (scores.ap().isEmpty()) {
            return EvaluationResult.undefined(image.id(), model.id(), settings, gtCount, predicted.size(), inferenceMs);
        }
        return EvaluationResult.of(image.id(), model.id(), settings, scores.ap().getAsDouble(), scores.ap50(),
                scores.ap75(), gtCount, predicted.size(), inferenceMs);
    }

    /** Per-image COCO mask AP over 0.50:0.95, and at 0.50 and 0.75. */
    record ImageScores(OptionalDouble ap, Double ap50, Double ap75) {
    }

    /**
     * Scores one image's predictions as COCOeval restricted to that image, with every instance in
     * one category (the lab's models segment "particles"; category labels are not compared).
     */
    static ImageScores score(Image image, List<GtInstance> truth, List<PredictedInstance> predicted, EvalParams params) {
        CocoImage cocoImage = new CocoImage(1, image.width(), image.height(), image.fileName());
        List<CocoAnnotation> annotations = new ArrayList<>();
        for (GtInstance g : truth) {
            Rle mask = Rle.fromCompressedString(g.rleCounts(), g.rleHeight(), g.rleWidth());
            annotations.add(new CocoAnnotation(annotations.size() + 1L, 1, 1,
                    new Segmentation.CompressedRle(g.rleHeight(), g.rleWidth(), g.rleCounts()), mask, g.area(), g.iscrowd(),
                    null, new double[] { g.bbox().x(), g.bbox().y(), g.bbox().width(), g.bbox().height() }));
        }
        CocoDataset dataset = new CocoDataset(List.of(cocoImage), List.of(new CocoCategory(1, "particle", null)), annotations);
        List<Detection> detections = new ArrayList<>();
        for (PredictedInstance p : predicted) {
            detections.add(Detection.of(detections.size() + 1L, 1, 1, p.score(), p.mask()));
        }
        // one evaluation: with a single image and category, the summary's AP50 and AP75 are that image's
        EvalResult all = new CocoEvaluator(params).withThreads(1).evaluate(dataset, detections);
        OptionalDouble ap = all.imageAp(1);
        if (ap.isEmpty()) {
            return new ImageScores(ap, null, null);
        }
        return new ImageScores(ap, all.stat(SummaryStat.AP50), all.stat(SummaryStat.AP75));
    }
}
