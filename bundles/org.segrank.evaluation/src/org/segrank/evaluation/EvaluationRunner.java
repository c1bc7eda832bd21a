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
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger computed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        int reused = 0;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            for (RegisteredModel model : models) {
                List<Image> todo = new ArrayList<>();
                for (Image image : images) {
                    if (done.contains(new ImageModelPair(image.id(), model.id()))) {
                        reused++;
                        finished.incrementAndGet();
                    } else {
                        todo.add(image);
                    }
                }
                progress.progress(finished.get(), total, eta(start, computed.get(), total - finished.get()));
                if (todo.isEmpty()) {
                    continue;
                }
                checkCancelled(cancelRequested, run);
                InstanceSegmenter segmenter;
                try {
                    segmenter = factory.open(workspace, model);
                } catch (Exception e) {
                    for (Image image : todo) {
                        store(EvaluationResult.failure(image.id(), model.id(), settings,
                                "cannot open model " + model.qualifiedName() + ": " + e).inRun(run));
                        failed.incrementAndGet();
                        finished.incrementAndGet();
                    }
                    continue;
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
                            (result.isDone() ? computed : failed).incrementAndGet();
                            int now = finished.incrementAndGet();
                            progress.progress(now, total, eta(start, computed.get() + failed.get(), total - now));
                            return null;
                        }));
                    }
                    for (Future<?> future : futures) {
                        future.get();
                    }
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
        return new Summary(run, total, reused, computed.get(), failed.get(), (System.nanoTime() - start) / 1e9);
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
            BufferedImage pixels;
            try (InputStream in = workspace.open(image.sha256())) {
                pixels = ImageIO.read(in);
            }
            if (pixels == null) {
                return EvaluationResult.failure(image.id(), model.id(), settings, "image " + image.fileName() + " cannot be decoded");
            }
            long t0 = System.nanoTime();
            List<PredictedInstance> predicted = segmenter.segment(pixels);
            double inferenceMs = (System.nanoTime() - t0) / 1e6;
            List<GtInstance> truth = workspace.datasets().instances(image.id());
            ImageScores scores = score(image, truth, predicted, params);
            int gtCount = (int) truth.stream().filter(g -> !g.iscrowd()).count();
            if (scores.ap().isEmpty()) {
                return EvaluationResult.undefined(image.id(), model.id(), settings, gtCount, predicted.size(), inferenceMs);
            }
            return EvaluationResult.of(image.id(), model.id(), settings, scores.ap().getAsDouble(), scores.ap50(),
                    scores.ap75(), gtCount, predicted.size(), inferenceMs);
        } catch (Exception | LinkageError e) {
            return EvaluationResult.failure(image.id(), model.id(), settings,
                    model.qualifiedName() + " on " + image.fileName() + ": " + e);
        }
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
        CocoEvaluator single = new CocoEvaluator(params).withThreads(1);
        EvalResult all = single.evaluate(dataset, detections);
        OptionalDouble ap = all.imageAp(1);
        if (ap.isEmpty()) {
            return new ImageScores(ap, null, null);
        }
        double ap50 = new CocoEvaluator(params.withIouThresholds(0.5)).withThreads(1).evaluate(dataset, detections).imageAp(1).orElse(0);
        double ap75 = new CocoEvaluator(params.withIouThresholds(0.75)).withThreads(1).evaluate(dataset, detections).imageAp(1).orElse(0);
        return new ImageScores(ap, ap50, ap75);
    }
}
