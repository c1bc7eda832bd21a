package org.segrank.metrics.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.segrank.metrics.coco.CocoAnnotation;
import org.segrank.metrics.coco.CocoCategory;
import org.segrank.metrics.coco.CocoDataset;
import org.segrank.metrics.coco.CocoEvaluator;
import org.segrank.metrics.coco.CocoImage;
import org.segrank.metrics.coco.CocoJson;
import org.segrank.metrics.coco.Detection;
import org.segrank.metrics.coco.EvalParams;
import org.segrank.metrics.coco.EvalResult;
import org.segrank.metrics.coco.Segmentation;
import org.segrank.metrics.mask.Rle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Throughput benchmark of mask AP on dense synthetic particle images: every image holds {@code gtPerImage} elliptic
 * particles; detections are jittered copies of most of them (centre +-1.5 px, radii +-15%) plus random false
 * positives, with random scores. Measures RLE encoding of full-frame masks, the IoU matrix and the full evaluation
 * (single-threaded and on all cores), after a warm-up.
 */
public final class MaskApBenchmark {

    /** Fraction of ground truths that get a (jittered) detection. */
    private static final double DETECTED_FRACTION = 0.9;
    private static final int WARM_UP_RUNS = 3;
    private static final int REPETITIONS = 5;

    private MaskApBenchmark() {
    }

    /** Runs with 512x512 images, 200 ground truths and 300 detections each. */
    public static void main(String[] args) {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path export = args.length > 1 ? Path.of(args[1]) : null;
        System.out.println(run(images, 512, 512, 200, 300, 42L, export));
    }

    /** {@link #run(int, int, int, int, int, long, Path)} without exporting a case file. */
    public static String run(int images, int width, int height, int gtPerImage, int dtPerImage, long seed) {
        return run(images, width, height, gtPerImage, dtPerImage, seed, null);
    }

    /**
     * Generates the synthetic case, measures and returns a human-readable report.
     *
     * @param exportCase if not null, the case (ground truth, results, Java statistics and timings) is written there
     *        as JSON for {@code releng/bench/pycocotools_bench.py}
     */
    public static String run(int images, int width, int height, int gtPerImage, int dtPerImage, long seed,
            Path exportCase) {
        if (images < 1 || width < 1 || height < 1 || gtPerImage < 0 || dtPerImage < 0) {
            throw new IllegalArgumentException("benchmark sizes must be positive");
        }
        SplittableRandom random = new SplittableRandom(seed);
        Synthetic data = generate(random, images, width, height, gtPerImage, dtPerImage);
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT,
                "Mask AP benchmark: %d images %dx%d, %d GT and %d detections per image, seed %d, %d cores%n",
                images, width, height, gtPerImage, dtPerImage, seed, Runtime.getRuntime().availableProcessors()));

        // RLE encoding of full-frame masks (what a model's output goes through), on a bounded sample.
        int sample = Math.min(data.detections.size(), 400);
        boolean[][] frames = new boolean[Math.min(sample, 50)][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = data.detections.get(i).mask().decodeRowMajor();
        }
        int encodeRounds = Math.max(1, sample / frames.length);
        double encodeSeconds = bestOf(() -> encodeAll(frames, width, height, encodeRounds));
        int encoded = frames.length * encodeRounds;
        report.append(String.format(Locale.ROOT,
                "RLE encode (row-major, full frame): %.0f masks/s, %.1f Mpixel/s%n", encoded / encodeSeconds,
                encoded * (double) width * height / encodeSeconds / 1e6));

        // IoU matrices, one per image, as COCOeval computes them.
        List<List<Rle>> gtMasks = new ArrayList<>();
        List<List<Rle>> dtMasks = new ArrayList<>();
        List<boolean[]> crowds = new ArrayList<>();
        for (CocoImage image : data.dataset.images()) {
            List<Rle> g = new ArrayList<>();
            for (CocoAnnotation annotation : data.dataset.annotationsOf(image.id())) {
                g.add(annotation.mask());
            }
            List<Rle> d = new ArrayList<>();
            for (Detection detection : data.detections) {
                if (detection.imageId() == image.id()) {
                    d.add(detection.mask());
                }
            }
            gtMasks.add(g);
            dtMasks.add(d);
            crowds.add(new boolean[g.size()]);
        }
        long pairs = iouAll(gtMasks, dtMasks, crowds);
        double iouSeconds = bestOf(() -> iouAll(gtMasks, dtMasks, crowds));
        report.append(String.format(Locale.ROOT, "IoU matrix: %.1f M pairs/s, %.3f ms/image (%d x %d)%n",
                pairs / iouSeconds / 1e6, iouSeconds * 1e3 / images, dtPerImage, gtPerImage));

        // Full evaluation.
        EvalParams params = EvalParams.defaults();
        CocoEvaluator single = new CocoEvaluator(params).withThreads(1);
        CocoEvaluator parallel = new CocoEvaluator(params);
        EvalResult result = single.evaluate(data.dataset, data.detections);
        double singleSeconds = bestOf(() -> single.evaluate(data.dataset, data.detections));
        double parallelSeconds = bestOf(() -> parallel.evaluate(data.dataset, data.detections));
        report.append(String.format(Locale.ROOT,
                "Full evaluation, 1 thread: %.1f images/s, %.2f ms/image%n", images / singleSeconds,
                singleSeconds * 1e3 / images));
        report.append(String.format(Locale.ROOT,
                "Full evaluation, %d threads: %.1f images/s, %.2f ms/image%n",
                Runtime.getRuntime().availableProcessors(), images / parallelSeconds,
                parallelSeconds * 1e3 / images));
        report.append(result.summaryText()).append(System.lineSeparator());
        if (exportCase != null) {
            exportCase(exportCase, data, result, iouSeconds * 1e3 / images, singleSeconds * 1e3 / images);
            report.append("Case written to ").append(exportCase).append(System.lineSeparator());
        }
        return report.toString();
    }

    /** Best wall time in seconds of {@link #REPETITIONS} runs after {@link #WARM_UP_RUNS} untimed ones. */
    private static double bestOf(Runnable work) {
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            work.run();
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < REPETITIONS; i++) {
            long start = System.nanoTime();
            work.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best / 1e9;
    }

    private static void encodeAll(boolean[][] frames, int width, int height, int rounds) {
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            for (boolean[] frame : frames) {
                sink += Rle.encodeRowMajor(frame, height, width).area();
            }
        }
        if (sink == 42) {
            System.out.print(""); // keeps the JIT from discarding the work
        }
    }

    private static long iouAll(List<List<Rle>> gts, List<List<Rle>> dts, List<boolean[]> crowds) {
        long pairs = 0;
        double sink = 0;
        for (int i = 0; i < gts.size(); i++) {
            double[][] matrix = Rle.iou(dts.get(i), gts.get(i), crowds.get(i));
            pairs += (long) dts.get(i).size() * gts.get(i).size();
            if (matrix.length > 0 && matrix[0].length > 0) {
                sink += matrix[0][0];
            }
        }
        if (sink == -42) {
            System.out.print("");
        }
        return pairs;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Synthetic data

    private record Synthetic(CocoDataset dataset, List<Detection> detections) {
    }

    private static Synthetic generate(SplittableRandom random, int imageCount, int width, int height, int gtPerImage,
            int dtPerImage) {
        List<CocoImage> images = new ArrayList<>();
        List<CocoAnnotation> annotations = new ArrayList<>();
        List<Detection> detections = new ArrayList<>();
        long annotationId = 1;
        long detectionId = 1;
        for (int i = 0; i < imageCount; i++) {
            CocoImage image = new CocoImage(i + 1, width, height, "synthetic_" + (i + 1) + ".png");
            images.add(image);
            List<double[]> particles = new ArrayList<>();
            for (int g = 0; g < gtPerImage; g++) {
                double[] p = {random.nextDouble(width), random.nextDouble(height), 3 + random.nextDouble(20),
                        3 + random.nextDouble(20)};
                particles.add(p);
                Rle mask = ellipse(p[0], p[1], p[2], p[3], width, height);
                annotations.add(new CocoAnnotation(annotationId++, image.id(), 1, Segmentation.of(mask), mask,
                        mask.area(), false, null, mask.toBbox()));
            }
            int detected = Math.min(dtPerImage, (int) Math.round(gtPerImage * DETECTED_FRACTION));
            for (int d = 0; d < dtPerImage; d++) {
                Rle mask;
                if (d < detected) {
                    double[] p = particles.get(d);
                    mask = ellipse(p[0] + random.nextDouble(-1.5, 1.5), p[1] + random.nextDouble(-1.5, 1.5),
                            p[2] * random.nextDouble(0.85, 1.15), p[3] * random.nextDouble(0.85, 1.15), width,
                            height);
                } else {
                    mask = ellipse(random.nextDouble(width), random.nextDouble(height), 3 + random.nextDouble(20),
                            3 + random.nextDouble(20), width, height);
                }
                double score = d < detected ? 0.3 + 0.7 * random.nextDouble() : random.nextDouble();
                detections.add(Detection.of(detectionId++, image.id(), 1, score, mask));
            }
        }
        CocoDataset dataset = new CocoDataset(images, List.of(new CocoCategory(1, "particle", null)), annotations);
        return new Synthetic(dataset, detections);
    }

    /** An axis-aligned filled ellipse encoded column by column (no full-frame raster needed). */
    static Rle ellipse(double cx, double cy, double rx, double ry, int width, int height) {
        int[] counts = new int[2 * width + 1];
        int m = 0;
        int position = 0; // start of the current background run
        int runEnd = 0;
        for (int x = 0; x < width; x++) {
            double dx = (x - cx) / rx;
            if (dx * dx > 1) {
                continue;
            }
            double half = ry * Math.sqrt(1 - dx * dx);
            int y0 = Math.max(0, (int) Math.ceil(cy - half));
            int y1 = Math.min(height - 1, (int) Math.floor(cy + half));
            if (y0 > y1) {
                continue;
            }
            int start = x * height + y0;
            int end = x * height + y1 + 1;
            if (m > 0 && start == runEnd) {
                counts[m - 1] += end - start; // touches the previous column's run
            } else {
                counts[m++] = start - position;
                counts[m++] = end - start;
            }
            position = end;
            runEnd = end;
        }
        if (position < width * height || m == 0) {
            counts[m++] = width * height - position;
        }
        return Rle.of(height, width, Arrays.copyOf(counts, m));
    }

    private static void exportCase(Path file, Synthetic data, EvalResult result, double iouMsPerImage,
            double evalMsPerImage) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            ByteArrayOutputStream gt = new ByteArrayOutputStream();
            CocoJson.writeGroundTruth(data.dataset, gt);
            ByteArrayOutputStream dt = new ByteArrayOutputStream();
            CocoJson.writeResults(data.detections, dt);
            ObjectNode root = mapper.createObjectNode();
            root.set("ground_truth", mapper.readTree(gt.toByteArray()));
            root.set("results", mapper.readTree(dt.toByteArray()));
            ObjectNode java = root.putObject("java");
            ArrayNode maxDets = java.putArray("maxDets");
            for (int v : result.maxDets()) {
                maxDets.add(v);
            }
            ArrayNode stats = java.putArray("stats");
            for (double v : result.stats()) {
                stats.add(v);
            }
            java.put("iou_ms_per_image", iouMsPerImage);
            java.put("eval_ms_per_image_1_thread", evalMsPerImage);
            Files.write(file, mapper.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write benchmark case " + file, e);
        }
    }
}
