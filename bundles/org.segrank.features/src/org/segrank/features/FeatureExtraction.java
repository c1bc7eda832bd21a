package org.segrank.features;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.segrank.core.InvalidInputException;
import org.segrank.workspace.Dataset;
import org.segrank.workspace.Image;
import org.segrank.workspace.Workspace;
import org.segrank.workspace.WorkspaceException;

/**
 * Extracts the features of a dataset's images (optionally one split) with one extractor into the
 * workspace, in parallel.
 *
 * <p><b>Feature set.</b> The extractor is registered (name, version, dimension) and the vectors go to
 * the feature set of (extractor, dataset, {@link FeatureExtractor#settingsHash()}).
 *
 * <p><b>Resume and crash safety.</b> Images whose vector is already in the feature set are skipped.
 * Each vector is committed on its own as soon as it is computed, so a crash or kill loses at most the
 * images being worked on; rerunning continues where the run stopped.
 *
 * <p><b>Errors.</b> An image that cannot be read, decoded or described (missing or corrupt content,
 * unknown format, too small) is reported in {@link ExtractionReport#errors()} and the run goes on;
 * nothing is stored for it, so the next run retries it. A database failure while storing stops the
 * run (a {@link WorkspaceException}): it would fail for every image.
 *
 * <p><b>Cancellation.</b> {@link ExtractionOptions#cancelled()} is polled before each image; when it
 * says so (or the calling thread is interrupted), no further image is started, the images in progress
 * are finished and stored, and {@link #run} throws {@link CancellationException}. Every stored row is
 * complete.
 */
public final class FeatureExtraction {
    private final Workspace workspace;
    private final FeatureStore store;
    private final FeatureExtractor extractor;

    public FeatureExtraction(Workspace workspace, FeatureExtractor extractor) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.extractor = Objects.requireNonNull(extractor, "extractor");
        this.store = FeatureStore.of(workspace);
    }

    /**
     * Extracts the features of the dataset's images that are not stored yet.
     *
     * @param split only this split's images, or {@code null} for all
     * @throws InvalidInputException if the dataset does not exist or the extractor's name and version
     *     are registered with another dimension
     * @throws CancellationException if cancelled; the vectors stored so far stay
     * @throws WorkspaceException if storing fails
     */
    public ExtractionReport run(String datasetName, String split, ExtractionOptions options) {
        Objects.requireNonNull(options, "options");
        long start = System.nanoTime();
        Dataset dataset = workspace.datasets().get(datasetName);
        List<Image> images = workspace.datasets().images(datasetName, split);
        RegisteredExtractor registered = store.registerExtractor(extractor);
        FeatureSet set = store.featureSet(registered, dataset.id(), extractor.settingsHash(), extractor.settingsJson());
        Set<Long> stored = store.storedImageIds(set);
        List<Image> todo = images.stream().filter(image -> !stored.contains(image.id())).toList();
        Run run = new Run(set, todo, options, start);
        run.execute();
        List<ExtractionError> errors = new ArrayList<>(run.errors);
        errors.sort(Comparator.comparing(ExtractionError::fileName));
        return new ExtractionReport(set, images.size(), images.size() - todo.size(), run.extracted.get(), errors,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** The state of one run, shared by its workers. */
    private final class Run {
        private final FeatureSet set;
        private final List<Image> todo;
        private final ExtractionOptions options;
        private final long start;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger extracted = new AtomicInteger();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<ExtractionError> errors = new ArrayList<>();
        private final Object progressLock = new Object();
        private int done;
        private volatile boolean cancelled;

        Run(FeatureSet set, List<Image> todo, ExtractionOptions options, long start) {
            this.set = set;
            this.todo = todo;
            this.options = options;
            this.start = start;
        }

        void execute() {
            int workers = Math.min(options.workers(), todo.size());
            if (workers == 0) {
                return;
            }
            ExecutorService pool = Executors.newFixedThreadPool(workers, daemonThreads());
            List<Future<?>> futures = new ArrayList<>();
            try {
                for (int w = 0; w < workers; w++) {
                    futures.add(pool.submit(this::workUntilStopped));
                }
                Throwable failure = null;
                boolean interrupted = false;
                for (Future<?> future : futures) {
                    while (true) {
                        try {
                            future.get();
                            break;
                        } catch (InterruptedException e) {
                            // Treated as cancellation: let the workers finish their images, then report it.
                            interrupted = true;
                            cancelled = true;
                            stop.set(true);
                        } catch (ExecutionException e) {
                            stop.set(true);
                            if (failure == null) {
                                failure = e.getCause();
                            } else {
                                failure.addSuppressed(e.getCause());
                            }
                            break;
                        }
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                if (failure instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (failure instanceof Error error) {
                    throw error;
                }
                if (failure != null) {
                    throw new IllegalStateException("feature extraction failed: " + failure, failure);
                }
                if (cancelled) {
                    throw new CancellationException("feature extraction cancelled after " + done + " of " + todo.size()
                            + " images (" + extracted.get() + " stored); run it again to continue");
                }
            } finally {
                pool.shutdownNow();
            }
        }

        private void workUntilStopped() {
            try {
                work();
            } catch (RuntimeException | Error e) {
                stop.set(true); // the other workers stop after their current image
                throw e;
            }
        }

        private void work() {
            while (!stop.get()) {
                if (options.cancelled().getAsBoolean()) {
                    cancelled = true;
                    stop.set(true);
                    return;
                }
                int index = next.getAndIncrement();
                if (index >= todo.size()) {
                    return;
                }
                Image image = todo.get(index);
                float[] vector;
                try {
                    vector = describe(image);
                } catch (IOException | RuntimeException e) {
                    synchronized (errors) {
                        errors.add(new ExtractionError(image.id(), image.fileName(), message(e)));
                    }
                    finished();
                    continue;
                }
                store.put(set, image.id(), vector); // a database failure ends the run
                extracted.incrementAndGet();
                finished();
            }
        }

        private float[] describe(Image image) throws IOException {
            byte[] bytes;
            try (InputStream in = workspace.open(image.sha256())) { // verifies the content's digest
                bytes = in.readAllBytes();
            }
            BufferedImage decoded = ImageDecoding.decode(bytes);
            float[] vector = extractor.extract(decoded);
            if (vector == null || vector.length != set.dimension()) {
                throw new IllegalStateException("extractor " + extractor.name() + " returned "
                        + (vector == null ? "no vector" : vector.length + " values instead of " + set.dimension()));
            }
            for (float value : vector) {
                if (!Float.isFinite(value)) {
                    throw new IllegalStateException("extractor " + extractor.name() + " returned a non-finite value");
                }
            }
            return vector;
        }

        private void finished() {
            synchronized (progressLock) {
                done++;
                double seconds = (System.nanoTime() - start) / 1e9;
                options.progress().progress(done, todo.size(), seconds > 0 ? done / seconds : 0);
            }
        }
    }

    private static String message(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "segrank-features-" + count.incrementAndGet());
            thread.setDaemon(true); // never keeps the JVM (CLI) alive
            return thread;
        };
    }
}
