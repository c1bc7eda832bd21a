package org.segrank.backbones;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.segrank.djl.DjlEngines;
import org.segrank.djl.EngineSettings;
import org.segrank.djl.EngineVersions;
import org.segrank.djl.InferenceBenchmark;

/**
 * Images per second of a backbone file (typically a torchvision ResNet-50 saved as TorchScript by
 * {@code releng/bench/resnet50_reference.py}, which times PyTorch eager on the same file) in DJL.
 *
 * <p>Three figures: the network alone at batch 1 and at batch 8 (already preprocessed random inputs, as the Python
 * script times eager PyTorch: input copy, inference, output copy and pooling included), and end to end at batch 8
 * ({@link BackboneFileExtractor#extractBatch} of 512 x 512 images: Java preprocessing included). Each is given
 * from the median batch time (robust to another process taking a core for a while), the mean and the best.
 *
 * <p>Run the JVM with {@code -Dai.djl.offline=true} and the allocator settings of the {@code segrank} launcher
 * ({@code MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=17179869184 MALLOC_TOP_PAD_=536870912}).
 */
public final class BackboneBenchmark {

    private static final int WARM_UP_BATCHES = 2;

    private BackboneBenchmark() {
    }

    /** Images/s of one batch size over {@code batches} timed batches. */
    public record Rate(int batchSize, int batches, double median, double mean, double best) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "batch %d: %.2f img/s median (mean %.2f, best %.2f, %d batches)",
                    batchSize, median, mean, best, batches);
        }
    }

    /**
     * Figures of one run.
     *
     * @param model the extractor's description (file)
     * @param engines engines and thread counts in force
     * @param graphOptimizer the value of {@code ai.djl.pytorch.graph_optimizer} in force
     * @param constantFeatureSum sum of the features of a constant 0.5 input (compare with the Python script's)
     * @param constantFeatureFirst the first 4 of those features
     */
    public record Result(String model, String engines, String graphOptimizer, int dimension, int images,
            Rate batch1, Rate batch8, Rate endToEndBatch8, double constantFeatureSum, float[] constantFeatureFirst) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s, %d features, %d images%n  network %s%n  network %s%n"
                    + "  end to end (512x512 images, Java preprocessing) %s%n  features of a constant 0.5 input: "
                    + "sum %.3f, first %s%n  %s, graph optimizer %s", model, dimension, images, batch1, batch8,
                    endToEndBatch8, constantFeatureSum, Arrays.toString(constantFeatureFirst), engines,
                    graphOptimizer);
        }
    }

    /**
     * Loads {@code file} (ImageNet preprocessing, batches of 8) and times it on {@code images} images per figure.
     * Initialises the engines with {@code threads} intra-op threads (one inter-op thread) if they are not yet
     * initialised.
     *
     * @throws IllegalStateException if PyTorch already runs another number of threads in this JVM (thread pools are
     *         fixed per JVM; {@code -Dai.djl.pytorch.num_threads} also sets them)
     */
    public static Result run(Path file, int images, int threads) throws IOException {
        EngineVersions engines = DjlEngines.isInitialized() ? DjlEngines.ensureInitialized()
                : DjlEngines.initialize(DjlEngines.defaultEngineLoader(), EngineSettings.cpu(threads, 1));
        if (engines.pytorchIntraOpThreads() != threads) {
            throw new IllegalStateException("PyTorch runs " + engines.pytorchIntraOpThreads() + " intra-op threads in "
                    + "this JVM, not " + threads + " (fixed when the engines start; -Dai.djl.pytorch.num_threads "
                    + "sets them too)");
        }
        try (BackboneFileExtractor extractor = BackboneFileExtractor.load("benchmark", file,
                BackboneFormat.of(file), Preprocessing.imageNet(), 8)) {
            return run(extractor, images);
        }
    }

    /** Times a loaded extractor; see the class comment. */
    public static Result run(BackboneFileExtractor extractor, int images) {
        if (images < 8) {
            throw new IllegalArgumentException("need at least 8 images, got " + images);
        }
        if (extractor.maxBatchSize() < 8) {
            throw new IllegalArgumentException(extractor.description() + " takes at most " + extractor.maxBatchSize()
                    + " images per inference; the benchmark needs 8");
        }
        int perImage = extractor.preprocessing().valuesPerImage();
        float[] constant = new float[perImage];
        Arrays.fill(constant, 0.5f);
        float[] features = extractor.extractPreprocessed(constant, 1)[0];
        double sum = 0;
        for (float v : features) {
            sum += v;
        }
        SplittableRandom random = new SplittableRandom(1);
        float[] input = new float[8 * perImage];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) random.nextGaussian();
        }
        Rate batch1 = time(1, images, () -> extractor.extractPreprocessed(Arrays.copyOf(input, perImage), 1));
        Rate batch8 = time(8, images, () -> extractor.extractPreprocessed(input, 8));
        List<BufferedImage> photos = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            photos.add(InferenceBenchmark.particleImage(512, 512, 100 + i));
        }
        Rate endToEnd = time(8, images, () -> extractor.extractBatch(photos));
        return new Result(extractor.description(), DjlEngines.ensureInitialized().toString(),
                System.getProperty("ai.djl.pytorch.graph_optimizer", "(unset: true)"), extractor.dimension(), images,
                batch1, batch8, endToEnd, sum, Arrays.copyOf(features, 4));
    }

    private static Rate time(int batch, int images, Runnable call) {
        for (int i = 0; i < WARM_UP_BATCHES; i++) {
            call.run();
        }
        int batches = Math.max(1, images / batch);
        double[] seconds = new double[batches];
        for (int i = 0; i < batches; i++) {
            long start = System.nanoTime();
            call.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        double total = Arrays.stream(seconds).sum();
        Arrays.sort(seconds);
        double median = (seconds[(batches - 1) / 2] + seconds[batches / 2]) / 2;
        return new Rate(batch, batches, batch / median, batch * batches / total, batch / seconds[0]);
    }

    /** {@code BackboneBenchmark MODEL_FILE [IMAGES=64] [THREADS=2]}: prints the {@link Result}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: BackboneBenchmark MODEL_FILE [IMAGES=64] [THREADS=2]");
            System.exit(2);
        }
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        System.out.println(run(Path.of(args[0]), images, threads));
    }
}
