package org.segrank.datasets.corpus;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a corpus folder:
 * <pre>
 * images/&lt;name&gt;.png   8-bit greyscale micrograph
 * labels/&lt;name&gt;.png   16-bit greyscale instance labels, 0 = background, 1..n = instances
 * manifest.csv          file,label_file,split,class,regime,seed,width,height,instances
 * corpus.json           generator version, master seed, sizes, counts, status
 * </pre>
 * Manifest rows follow {@link CorpusSpec#entries()}; paths are relative with {@code /} separators;
 * {@code split} is {@code classification-train}, {@code candidate}, {@code query} or
 * {@code finetune:<regime-name>}; {@code class} is the kind's {@link ParticleKind#code() code}; no value
 * contains a comma (values are quoted if ever one does).
 *
 * <p>Robustness: every file is written to {@code <file>.tmp} and then moved into place, so a killed run
 * leaves no partial PNG (a rerun deletes stale {@code .tmp} files). A rerun into the same folder resumes:
 * images whose grey and label PNGs both exist with the spec's size are kept (their instance count is
 * read back from the label PNG). Resuming into a folder written with different content settings
 * (generator version, image size, master seed, minimum visible area) is refused. {@code corpus.json}
 * says {@code "status": "incomplete"} until the manifest has been written.
 *
 * <p>Images are independent (each has its own seed), so with {@code threads > 1} they are generated in
 * parallel with identical results.
 */
public final class CorpusWriter {

    public static final String IMAGES_FOLDER = "images";
    public static final String LABELS_FOLDER = "labels";
    public static final String MANIFEST_FILE = "manifest.csv";
    public static final String CORPUS_FILE = "corpus.json";
    public static final String MANIFEST_HEADER = "file,label_file,split,class,regime,seed,width,height,instances";

    private static final Pattern FINGERPRINT = Pattern.compile("\"contentFingerprint\"\\s*:\\s*\"([^\"]*)\"");

    /** Receives progress; with several threads it is called from worker threads, one call at a time. */
    @FunctionalInterface
    public interface ProgressListener {
        /**
         * @param done images finished (written or skipped), {@code 0..total}, increasing by one per call
         * @param total images in the corpus
         */
        void progress(int done, int total);

        ProgressListener NONE = (done, total) -> { };
    }

    /**
     * The outcome of a completed {@link #write}.
     *
     * @param written images generated and written by this run
     * @param skipped images already present and kept
     * @param manifest path of {@code manifest.csv}
     * @param elapsed wall-clock time of the run
     */
    public record Summary(int written, int skipped, Path manifest, Duration elapsed) {
    }

    private final ParticleImageGenerator generator;
    private final int threads;

    /** A single-threaded writer with the default generator. */
    public CorpusWriter() {
        this(new ParticleImageGenerator(), 1);
    }

    /**
     * @param generator generates the images
     * @param threads images generated at once, {@code >= 1}
     */
    public CorpusWriter(ParticleImageGenerator generator, int threads) {
        this.generator = Objects.requireNonNull(generator, "generator must not be null");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    /**
     * Writes (or completes) the corpus of {@code spec} in {@code folder}.
     *
     * @param folder created if missing
     * @param progress told after each image; may be {@link ProgressListener#NONE}
     * @param cancelRequested polled before each image (from worker threads when {@code threads > 1})
     * @throws CancellationException if cancellation was requested; images finished so far are complete
     *         files and no {@code .tmp} file is left behind
     * @throws IllegalStateException if the folder holds a corpus with different content settings
     * @throws IOException if a file cannot be written
     */
    public Summary write(CorpusSpec spec, Path folder, ProgressListener progress, BooleanSupplier cancelRequested)
            throws IOException {
        Objects.requireNonNull(spec, "spec must not be null");
        Objects.requireNonNull(progress, "progress must not be null");
        Objects.requireNonNull(cancelRequested, "cancelRequested must not be null");
        long start = System.nanoTime();
        Path images = folder.resolve(IMAGES_FOLDER);
        Path labels = folder.resolve(LABELS_FOLDER);
        Files.createDirectories(images);
        Files.createDirectories(labels);
        deleteTemporaryFiles(folder);
        deleteTemporaryFiles(images);
        deleteTemporaryFiles(labels);
        String fingerprint = spec.contentFingerprint(generator.minVisibleArea());
        requireCompatible(folder.resolve(CORPUS_FILE), fingerprint);
        PngFiles.writeTextAtomically(corpusJson(spec, fingerprint, "incomplete"), folder.resolve(CORPUS_FILE));

        List<CorpusEntry> entries = spec.entries();
        Run run = new Run(spec, folder, entries, progress, cancelRequested);
        progress.progress(0, entries.size());
        run.execute();

        Path manifest = folder.resolve(MANIFEST_FILE);
        PngFiles.writeTextAtomically(manifest(spec, entries, run.instanceCounts), manifest);
        PngFiles.writeTextAtomically(corpusJson(spec, fingerprint, "complete"), folder.resolve(CORPUS_FILE));
        return new Summary(run.written.get(), run.skipped.get(), manifest, Duration.ofNanos(System.nanoTime() - start));
    }

    /** One write: shared state of the workers. */
    private final class Run {
        private final CorpusSpec spec;
        private final Path folder;
        private final List<CorpusEntry> entries;
        private final ProgressListener progress;
        private final BooleanSupplier cancelRequested;
        private final int[] instanceCounts;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger written = new AtomicInteger();
        private final AtomicInteger skipped = new AtomicInteger();
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Object progressLock = new Object();
        private int done;

        Run(CorpusSpec spec, Path folder, List<CorpusEntry> entries, ProgressListener progress,
                BooleanSupplier cancelRequested) {
            this.spec = spec;
            this.folder = folder;
            this.entries = entries;
            this.progress = progress;
            this.cancelRequested = cancelRequested;
            this.instanceCounts = new int[entries.size()];
        }

        void execute() throws IOException {
            if (threads == 1) {
                work();
            } else {
                try (ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
                    Thread thread = new Thread(runnable, "segrank-corpus-writer");
                    thread.setDaemon(true);
                    return thread;
                })) {
                    List<Future<?>> workers = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        workers.add(pool.submit(() -> {
                            work();
                            return null;
                        }));
                    }
                    for (Future<?> worker : workers) {
                        awaitWorker(worker);
                    }
                }
            }
            Throwable problem = failure.get();
            if (problem instanceof IOException io) {
                throw io;
            }
            if (problem instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (problem instanceof Error error) {
                throw error;
            }
            if (cancelled.get()) {
                int finished;
                synchronized (progressLock) {
                    finished = done;
                }
                throw new CancellationException("corpus writing cancelled after " + finished + " of "
                        + entries.size() + " images");
            }
        }

        private void awaitWorker(Future<?> worker) {
            try {
                worker.get();
            } catch (ExecutionException e) {
                failure.compareAndSet(null, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled.set(true);
            }
        }

        /** Takes images until none is left, cancellation is requested or some worker failed. */
        private void work() throws IOException {
            while (failure.get() == null && !cancelled.get()) {
                if (next.get() >= entries.size()) {
                    return; // all taken: a late cancellation request does not spoil a finished run
                }
                if (cancelRequested.getAsBoolean()) {
                    cancelled.set(true);
                    return;
                }
                int index = next.getAndIncrement();
                if (index >= entries.size()) {
                    return;
                }
                try {
                    produce(index);
                } catch (IOException | RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                    return;
                }
                synchronized (progressLock) {
                    done++;
                    progress.progress(done, entries.size());
                }
            }
        }

        private void produce(int index) throws IOException {
            CorpusEntry entry = entries.get(index);
            Path image = folder.resolve(entry.imageFile());
            Path label = folder.resolve(entry.labelFile());
            int existing = existingInstanceCount(image, label);
            if (existing >= 0) {
                instanceCounts[index] = existing;
                skipped.incrementAndGet();
                return;
            }
            GeneratedImage generated = generator.generate(entry.regime(), spec.width(), spec.height(), entry.seed());
            // Labels first: an image file without its labels is never left behind as "complete".
            PngFiles.writeAtomically(generated.toLabelImage(), label);
            PngFiles.writeAtomically(generated.toGrayImage(), image);
            instanceCounts[index] = generated.instanceCount();
            written.incrementAndGet();
        }

        /** The instance count of a complete earlier write of this image, or -1 if it must be (re)written. */
        private int existingInstanceCount(Path image, Path label) {
            if (!Files.isRegularFile(image) || !Files.isRegularFile(label)) {
                return -1;
            }
            int[] imageSize = PngFiles.readSize(image);
            if (imageSize == null || imageSize[0] != spec.width() || imageSize[1] != spec.height()) {
                return -1;
            }
            try {
                int[] labelSize = new int[2];
                int[] samples = PngFiles.readSamples(label, labelSize);
                if (labelSize[0] != spec.width() || labelSize[1] != spec.height()) {
                    return -1;
                }
                int max = 0;
                for (int sample : samples) {
                    max = Math.max(max, sample);
                }
                return max; // labels are 1..n with every id present
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    private static void deleteTemporaryFiles(Path directory) throws IOException {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(directory, "*" + PngFiles.TEMP_SUFFIX)) {
            for (Path file : stale) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void requireCompatible(Path corpusFile, String fingerprint) throws IOException {
        if (!Files.isRegularFile(corpusFile)) {
            return;
        }
        Matcher matcher = FINGERPRINT.matcher(Files.readString(corpusFile));
        if (matcher.find() && !matcher.group(1).equals(fingerprint)) {
            throw new IllegalStateException(corpusFile.getParent() + " holds a corpus with different settings ("
                    + matcher.group(1) + ") than requested (" + fingerprint + "); use another folder");
        }
    }

    private static String manifest(CorpusSpec spec, List<CorpusEntry> entries, int[] instanceCounts) {
        StringBuilder csv = new StringBuilder(MANIFEST_HEADER).append('\n');
        for (int i = 0; i < entries.size(); i++) {
            CorpusEntry entry = entries.get(i);
            csv.append(csvValue(entry.imageFile())).append(',')
                    .append(csvValue(entry.labelFile())).append(',')
                    .append(csvValue(entry.splitLabel())).append(',')
                    .append(csvValue(entry.kind().code())).append(',')
                    .append(csvValue(entry.regime().name())).append(',')
                    .append(entry.seed()).append(',')
                    .append(spec.width()).append(',')
                    .append(spec.height()).append(',')
                    .append(instanceCounts[i]).append('\n');
        }
        return csv.toString();
    }

    /** RFC 4180 quoting, only when needed. */
    static String csvValue(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private String corpusJson(CorpusSpec spec, String fingerprint, String status) {
        return "{\n"
                + "  \"generator\": \"SegRank particle micrograph generator\",\n"
                + "  \"generatorVersion\": " + jsonString(ParticleImageGenerator.VERSION) + ",\n"
                + "  \"masterSeed\": " + spec.masterSeed() + ",\n"
                + "  \"width\": " + spec.width() + ",\n"
                + "  \"height\": " + spec.height() + ",\n"
                + "  \"minVisibleArea\": " + generator.minVisibleArea() + ",\n"
                + "  \"classificationImages\": " + spec.classificationImages() + ",\n"
                + "  \"candidateImages\": " + spec.candidateImages() + ",\n"
                + "  \"queryImages\": " + spec.queryImages() + ",\n"
                + "  \"fineTuningRegimes\": " + Regime.FINE_TUNING_REGIME_COUNT + ",\n"
                + "  \"fineTuningImagesPerRegime\": " + spec.fineTuningImagesPerRegime() + ",\n"
                + "  \"totalImages\": " + spec.totalImages() + ",\n"
                + "  \"contentFingerprint\": " + jsonString(fingerprint) + ",\n"
                + "  \"status\": " + jsonString(status) + "\n"
                + "}\n";
    }

    private static String jsonString(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
