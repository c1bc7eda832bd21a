package org.segrank.metrics.coco;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.segrank.metrics.mask.Rle;

/**
 * A seeded synthetic COCO ground truth plus detection results for demos and end-to-end tests of
 * mask AP: elliptical particles from 3 to 70 px radius (so all three COCO area ranges occur), some
 * as polygons and some as RLE, detections that miss, shift and resize particles by a per-image
 * difficulty, false positives, and the edge cases the evaluation must handle:
 * <ul>
 * <li>image 1 has a crowd region (detections inside it must be ignored, not counted as false positives);</li>
 * <li>image 2 has no ground truth, only false positives (AP undefined);</li>
 * <li>image 3 has ground truth but no detections (AP 0).</li>
 * </ul>
 * Same arguments, same output, byte for byte.
 */
public final class SyntheticCocoSample {

    /** The generated pair and the seed it came from (recorded in the JSON {@code info}). */
    public record Sample(CocoDataset groundTruth, List<Detection> detections, long seed) {
    }

    private static final long CATEGORY = 1;

    private SyntheticCocoSample() {
    }

    public static Sample generate(int imageCount, int width, int height, long seed) {
        if (imageCount < 3) {
            throw new IllegalArgumentException("the sample needs at least 3 images for its edge cases, got " + imageCount);
        }
        if (width < 64 || height < 64) {
            throw new IllegalArgumentException("images must be at least 64x64, got " + width + "x" + height);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<CocoImage> images = new ArrayList<>();
        List<CocoAnnotation> annotations = new ArrayList<>();
        List<Detection> detections = new ArrayList<>();
        long annotationId = 1;
        long detectionId = 1;
        for (int index = 1; index <= imageCount; index++) {
            CocoImage image = new CocoImage(index, width, height, String.format("particles_%04d.png", index));
            images.add(image);
            SplittableRandom imageRandom = random.split();
            double difficulty = imageRandom.nextDouble();
            boolean withGroundTruth = index != 2;
            boolean withDetections = index != 3;
            int particles = withGroundTruth ? 15 + imageRandom.nextInt(30) : 0;
            for (int p = 0; p < particles; p++) {
                Ellipse truth = Ellipse.random(imageRandom, width, height);
                Segmentation segmentation = p % 2 == 0 ? new Segmentation.Polygons(List.of(truth.polygon(24, width, height)))
                        : Segmentation.of(truth.rasterise(height, width));
                CocoAnnotation annotation = CocoAnnotation.of(annotationId++, image, CATEGORY, segmentation, false);
                if (annotation.area() == 0) {
                    continue;
                }
                annotations.add(annotation);
                if (withDetections && imageRandom.nextDouble() > 0.1 + 0.3 * difficulty) {
                    Ellipse found = truth.jittered(imageRandom, 0.03 + 0.25 * difficulty);
                    Rle mask = found.rasterise(height, width);
                    double quality = mask.iou(annotation.mask(), false);
                    double score = clamp(0.3 + 0.6 * quality + 0.2 * (imageRandom.nextDouble() - 0.5));
                    if (mask.area() > 0) {
                        detections.add(Detection.of(detectionId++, image.id(), CATEGORY, round(score), mask));
                    }
                }
            }
            if (index == 1) {
                // a crowd region over the image's right border strip, with a detection inside it
                double[] strip = { width - 40.0, 0, width, 0, width, height, width - 40.0, height };
                annotations.add(CocoAnnotation.of(annotationId++, image, CATEGORY,
                        new Segmentation.Polygons(List.of(strip)), true));
                Rle inside = new Ellipse(width - 20.0, height / 2.0, 8, 8, 0).rasterise(height, width);
                detections.add(Detection.of(detectionId++, image.id(), CATEGORY, 0.5, inside));
            }
            if (withDetections) {
                int falsePositives = imageRandom.nextInt(1 + (int) (6 * difficulty)) + (withGroundTruth ? 0 : 2);
                for (int f = 0; f < falsePositives; f++) {
                    Rle mask = Ellipse.random(imageRandom, width, height).rasterise(height, width);
                    if (mask.area() > 0) {
                        detections.add(Detection.of(detectionId++, image.id(), CATEGORY,
                                round(0.05 + 0.5 * imageRandom.nextDouble()), mask));
                    }
                }
            }
        }
        CocoDataset groundTruth = new CocoDataset(images, List.of(new CocoCategory(CATEGORY, "particle", "particle")),
                annotations);
        return new Sample(groundTruth, detections, seed);
    }

    private static double clamp(double value) {
        return Math.max(0.01, Math.min(0.99, value));
    }

    /** Scores with 4 decimals, as detectors usually write them; ties become possible, as in real files. */
    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private record Ellipse(double cx, double cy, double rx, double ry, double angle) {

        static Ellipse random(SplittableRandom random, int width, int height) {
            // squared uniform: mostly small particles, a few large ones (COCO large: area > 96^2)
            double r = Math.min(3 + Math.pow(random.nextDouble(), 2) * 67, Math.min(width, height) / 3.0);
            double aspect = 0.6 + 0.4 * random.nextDouble();
            return new Ellipse(r + random.nextDouble() * (width - 2 * r), r + random.nextDouble() * (height - 2 * r), r,
                    r * aspect, random.nextDouble() * Math.PI);
        }

        Ellipse jittered(SplittableRandom random, double amount) {
            double shift = amount * rx;
            return new Ellipse(cx + shift * (2 * random.nextDouble() - 1), cy + shift * (2 * random.nextDouble() - 1),
                    rx * (1 + amount * (2 * random.nextDouble() - 1)), ry * (1 + amount * (2 * random.nextDouble() - 1)),
                    angle + amount * (random.nextDouble() - 0.5));
        }

        boolean contains(double x, double y) {
            double dx = x - cx;
            double dy = y - cy;
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            double u = (dx * cos + dy * sin) / rx;
            double v = (-dx * sin + dy * cos) / ry;
            return u * u + v * v <= 1;
        }

        Rle rasterise(int height, int width) {
            boolean[] mask = new boolean[height * width];
            double reach = Math.max(rx, ry) + 1;
            int x0 = Math.max(0, (int) Math.floor(cx - reach));
            int x1 = Math.min(width - 1, (int) Math.ceil(cx + reach));
            int y0 = Math.max(0, (int) Math.floor(cy - reach));
            int y1 = Math.min(height - 1, (int) Math.ceil(cy + reach));
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    mask[y * width + x] = contains(x + 0.5, y + 0.5);
                }
            }
            return Rle.encodeRowMajor(mask, height, width);
        }

        double[] polygon(int vertices, int width, int height) {
            double[] xy = new double[2 * vertices];
            for (int i = 0; i < vertices; i++) {
                double t = 2 * Math.PI * i / vertices;
                double x = cx + rx * Math.cos(t) * Math.cos(angle) - ry * Math.sin(t) * Math.sin(angle);
                double y = cy + rx * Math.cos(t) * Math.sin(angle) + ry * Math.sin(t) * Math.cos(angle);
                xy[2 * i] = Math.round(Math.max(0, Math.min(width, x)) * 100) / 100.0;
                xy[2 * i + 1] = Math.round(Math.max(0, Math.min(height, y)) * 100) / 100.0;
            }
            return xy;
        }
    }
}
