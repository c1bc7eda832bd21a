package org.segrank.djl;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seconds per image of a {@link SegmentationModel} on a synthetic particle image, end to end: image to tensor,
 * inference, mask thresholding and RLE encoding.
 *
 * <p>From the command line: {@code InferenceBenchmark MODEL_FILE [onnx|torchscript] [SIZE=512] [RUNS=5]}. Run the
 * JVM with {@code -Dai.djl.offline=true} and the allocator settings of the {@code segrank} launcher
 * ({@code MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=17179869184 MALLOC_TOP_PAD_=536870912}): with
 * glibc's defaults timings swing 2-4x on small machines.
 */
public final class InferenceBenchmark {

    private InferenceBenchmark() {
    }

    /**
     * Figures of one benchmark run.
     *
     * @param model the model's {@link SegmentationModel#description()}
     * @param note what the figures stand for (e.g. that the model is a tiny test model)
     * @param medianSeconds median seconds per image over the timed runs
     * @param meanDetections detections per image after the model's thresholds
     * @param engines the DJL engines and thread settings in force
     */
    public record Result(String model, String note, int imageWidth, int imageHeight, int warmupRuns, int timedRuns,
            double medianSeconds, double minSeconds, double maxSeconds, double meanDetections, String engines) {

        /** Images per second at the median time. */
        public double imagesPerSecond() {
            return 1 / medianSeconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "Mask R-CNN inference, %s, %dx%d image: %.3f s/image median (min %.3f, max %.3f, %d runs after"
                            + " %d warm-up), %.1f detections/image%n  %s%n  %s",
                    model, imageWidth, imageHeight, medianSeconds, minSeconds, maxSeconds, timedRuns, warmupRuns,
                    meanDetections, note, engines);
        }
    }

    /**
     * Times {@code model} on {@link #particleImage} of {@code imageSize x imageSize}.
     *
     * @param note printed with the figures, e.g. {@code "tiny fixture model (68k parameters), not a ResNet-50"}
     * @param warmupRuns untimed runs first (the first calls allocate and optimise)
     * @param timedRuns timed runs, {@code >= 1}
     */
    public static Result run(SegmentationModel model, String note, int imageSize, int warmupRuns, int timedRuns) {
        if (timedRuns < 1 || warmupRuns < 0 || imageSize < 1) {
            throw new IllegalArgumentException("need imageSize >= 1, warmupRuns >= 0, timedRuns >= 1");
        }
        String engines = DjlEngines.ensureInitialized().toString();
        BufferedImage image = particleImage(imageSize, imageSize, 42);
        for (int i = 0; i < warmupRuns; i++) {
            model.predict(image);
        }
        double[] seconds = new double[timedRuns];
        long detections = 0;
        for (int i = 0; i < timedRuns; i++) {
            long start = System.nanoTime();
            detections += model.predict(image).size();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        double median = timedRuns % 2 == 1 ? seconds[timedRuns / 2]
                : (seconds[timedRuns / 2 - 1] + seconds[timedRuns / 2]) / 2;
        return new Result(model.description(), note, imageSize, imageSize, warmupRuns, timedRuns, median, seconds[0],
                seconds[timedRuns - 1], (double) detections / timedRuns, engines);
    }

    /**
     * A reproducible grey particle image: bright discs and ellipses of 8 to 30 pixels radius, some touching, on a
     * dark background with a gentle gradient. The same seed gives the same pixels.
     */
    public static BufferedImage particleImage(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            for (int x = 0; x < width; x++) {
                int level = 20 + 30 * x / Math.max(1, width);
                g.setColor(new Color(level, level, level));
                g.drawLine(x, 0, x, height - 1);
            }
            SplittableRandom random = new SplittableRandom(seed);
            int particles = Math.max(1, width * height / 10_000);
            for (int i = 0; i < particles; i++) {
                int rx = random.nextInt(8, 31);
                int ry = random.nextBoolean() ? rx : random.nextInt(8, 31);
                int cx = random.nextInt(width);
                int cy = random.nextInt(height);
                int level = random.nextInt(150, 256);
                g.setColor(new Color(level, level * 9 / 10, level * 8 / 10));
                g.fillOval(cx - rx, cy - ry, 2 * rx, 2 * ry);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** {@code InferenceBenchmark MODEL_FILE [onnx|torchscript] [SIZE] [RUNS]}; prints the {@link Result}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: InferenceBenchmark MODEL_FILE [onnx|torchscript] [SIZE=512] [RUNS=5]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        String format = args.length > 1 ? args[1] : file.toString().endsWith(".onnx") ? "onnx" : "torchscript";
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 512;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        System.out.println(DjlEngines.ensureInitialized());
        try (SegmentationModel model = SegmentationModels.load(file, format, ModelSettings.defaults())) {
            System.out.println(run(model, "model file " + file.toAbsolutePath(), size, 1, runs));
        }
    }
}
