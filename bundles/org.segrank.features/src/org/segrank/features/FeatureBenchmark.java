package org.segrank.features;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.segrank.datasets.corpus.ParticleImageGenerator;
import org.segrank.datasets.corpus.Regime;

/**
 * Measures the particle descriptor's throughput on generated particle images (the 39 fine-tuning
 * regimes in turn, so the figures average over kinds, densities and imaging styles): images per second
 * on one thread, and on all processors. Image generation is not timed.
 */
public final class FeatureBenchmark {
    /** Distinct images kept in memory; longer runs cycle through them. */
    private static final int MAX_DISTINCT_IMAGES = 78;

    private FeatureBenchmark() {
    }

    /**
     * Runs the benchmark after a warm-up of {@code min(images, 40)} (at least 10) extractions.
     *
     * @param images extractions per measurement, {@code >= 1}
     * @param width image width, px ({@value ParticleImageGenerator#MIN_SIDE}..{@value ParticleImageGenerator#MAX_SIDE})
     * @param height image height, px
     * @param seed first image seed (image {@code i} uses {@code seed + i})
     * @return printable figures, several lines
     */
    public static String run(int images, int width, int height, long seed) {
        if (images < 1) {
            throw new IllegalArgumentException("images must be >= 1, got " + images);
        }
        ParticleImageGenerator generator = new ParticleImageGenerator();
        List<Regime> regimes = Regime.fineTuningRegimes();
        List<BufferedImage> pool = new ArrayList<>();
        for (int i = 0; i < Math.min(images, MAX_DISTINCT_IMAGES); i++) {
            pool.add(generator.generate(regimes.get(i % regimes.size()), width, height, seed + i).toGrayImage());
        }
        ParticleDescriptorExtractor extractor = new ParticleDescriptorExtractor();
        int warmUp = Math.max(10, Math.min(images, 40));
        for (int i = 0; i < warmUp; i++) {
            extractor.extract(pool.get(i % pool.size()));
        }

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
        long cpuStart = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
        long start = System.nanoTime();
        long slowest = 0;
        for (int i = 0; i < images; i++) {
            long before = System.nanoTime();
            extractor.extract(pool.get(i % pool.size()));
            slowest = Math.max(slowest, System.nanoTime() - before);
        }
        double singleSeconds = (System.nanoTime() - start) / 1e9;
        double cpuMillis = cpuTime ? (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / images : Double.NaN;

        int processors = Runtime.getRuntime().availableProcessors();
        double parallelSeconds = parallel(extractor, pool, images, processors);
        return String.format(Locale.ROOT,
                "SegRank feature benchmark (%s %s, %d values, %dx%d generated images, %d extractions)%n"
                        + "  1 thread:    %8.1f images/s  (%6.1f ms/image wall, %6.1f ms/image CPU, slowest %.1f ms)%n"
                        + "  %d threads: %8.1f images/s%n",
                extractor.name(), extractor.version(), extractor.dimension(), width, height, images,
                images / singleSeconds, 1000 * singleSeconds / images, cpuMillis, slowest / 1e6,
                processors, images / parallelSeconds);
    }

    private static double parallel(ParticleDescriptorExtractor extractor, List<BufferedImage> pool, int images,
            int threads) {
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "segrank-feature-benchmark");
            thread.setDaemon(true);
            return thread;
        });
        try {
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(executor.submit(() -> {
                    for (int i = next.getAndIncrement(); i < images; i = next.getAndIncrement()) {
                        extractor.extract(pool.get(i % pool.size()));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("benchmark interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("benchmark failed: " + e.getCause(), e.getCause());
        } finally {
            executor.shutdownNow();
        }
    }

    /** {@code [images [width [height [seed]]]]}, defaults 200 512 512 1. */
    public static void main(String[] args) {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int width = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        int height = args.length > 2 ? Integer.parseInt(args[2]) : width;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        System.out.print(run(images, width, height, seed));
    }
}
