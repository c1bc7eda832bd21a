package org.segrank.datasets.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import org.segrank.core.InvalidInputException;
import org.segrank.metrics.mask.Rle;
import org.segrank.workspace.BoundingBox;
import org.segrank.workspace.ChecksumMismatchException;
import org.segrank.workspace.Dataset;
import org.segrank.workspace.GtInstance;
import org.segrank.workspace.Image;
import org.segrank.workspace.NewDataset;
import org.segrank.workspace.NewImage;
import org.segrank.workspace.NewInstance;
import org.segrank.workspace.Sha256;
import org.segrank.workspace.Workspace;

/**
 * Imports a folder of particle images with ground-truth instance masks into a workspace dataset, or only
 * validates it. The accepted layouts, naming rules and split sources are described in the package
 * documentation.
 *
 * <h2>Guarantees</h2>
 * <ul>
 * <li><b>Validate first.</b> Every item is checked (file names, paths, header size against the pixel limit
 * before decoding, full decode, mask size and binariness, duplicates) before anything is written to the
 * database.</li>
 * <li><b>All or nothing</b> (default): if any item is invalid, {@link InvalidDatasetException} lists them and
 * the database is left exactly as it was (the dataset is not even created). With
 * {@link ImportOptions#withSkipInvalid skipInvalid} the valid items are imported and the invalid ones are
 * reported as skipped.</li>
 * <li><b>One transaction</b>: the new images and their instances are added with a single
 * {@code DatasetRepository.addImages} call.</li>
 * <li><b>Idempotent</b>: an image the dataset already has under the same file name with the same content,
 * split, class, regime and instances is reported as already present, not added again. The same name with
 * different content or ground truth, or the same content under another name, is invalid.</li>
 * <li><b>Duplicates</b>: two items with the same content (sha256), or with file names equal ignoring case, are
 * invalid (the later one).</li>
 * <li><b>Cancellation</b> is checked before each item and once more before the database write; a cancelled
 * import throws {@link CancellationException} and stores nothing in the database. Image files are copied into
 * the content store as they are validated: the store is append-only and content-addressed, so files of an
 * import that was refused or cancelled are harmless (reported by the workspace check as unreferenced) and
 * reused by the next attempt.</li>
 * <li>The dataset is created (with the folder as its source) if it does not exist, after validation.</li>
 * </ul>
 *
 * <p>Instances of {@link DatasetFormat#MASK_PAIRS} and {@link DatasetFormat#LABEL_PNGS} get the category
 * {@link ImportOptions#category()}, COCO instances their category name ({@code category-<id>} when the name is
 * blank). Each is stored as a COCO compressed RLE of the image's size with its area and bounding box (COCO
 * entries keep their {@code area} and {@code bbox} fields when present) and {@code iscrowd}.
 *
 * <p>Thread-safe; several imports may run at once.
 */
public final class DatasetImporter {
    private static final Pattern DATASET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");
    private static final int MAX_DATASET_NAME_LENGTH = 200;

    private final Workspace workspace;

    public DatasetImporter(Workspace workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    /** {@link #importInto(String, Path, DatasetFormat, ImportOptions, ProgressCallback, BooleanSupplier)} without progress or cancellation. */
    public ImportReport importInto(String datasetName, Path folder, DatasetFormat format, ImportOptions options)
            throws IOException {
        return importInto(datasetName, folder, format, options, ProgressCallback.NONE, () -> false);
    }

    /**
     * Imports a dataset folder.
     *
     * @param datasetName the target dataset; created if missing (letters, digits, {@code . _ + -})
     * @param progress told after each item: {@code (done, total)} with {@code total} the number of items
     * @param cancelRequested polled before each item (from worker threads when decoding in parallel) and
     *     before the database write
     * @return what was imported, already present and (with skipInvalid) skipped
     * @throws InvalidDatasetException if an item is invalid and invalid items are not skipped; nothing was
     *     stored in the database
     * @throws InvalidInputException naming the file if the folder, split CSV or COCO file is missing or
     *     malformed, the folder holds no image, or the dataset name is invalid
     * @throws CancellationException if cancelled; nothing was stored in the database
     * @throws IOException if the workspace store cannot be written
     */
    public ImportReport importInto(String datasetName, Path folder, DatasetFormat format, ImportOptions options,
            ProgressCallback progress, BooleanSupplier cancelRequested) throws IOException {
        requireDatasetName(datasetName);
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancelRequested, "cancelRequested");
        ImportPlanner.Plan plan = ImportPlanner.plan(folder, format, options);
        ExistingImages existing = ExistingImages.of(workspace, datasetName);
        List<Outcome> outcomes = processAll(plan, options, progress, cancelRequested, this::storeInWorkspace);

        List<ImportReport.Item> imported = new ArrayList<>();
        List<ImportReport.Item> alreadyPresent = new ArrayList<>();
        List<ImportReport.Problem> invalid = new ArrayList<>();
        List<NewImage> newImages = new ArrayList<>();
        Map<String, String> fileBySha = new HashMap<>();
        for (Outcome outcome : outcomes) {
            String problem = outcome.problem();
            if (problem == null) {
                problem = duplicateContent(outcome, fileBySha);
            }
            if (problem == null) {
                problem = existing.conflict(outcome.image(), datasetName);
            }
            if (problem != null) {
                invalid.add(new ImportReport.Problem(outcome.item().file(), problem));
                continue;
            }
            fileBySha.put(outcome.image().sha256(), outcome.item().file());
            if (existing.has(outcome.image())) {
                alreadyPresent.add(reportItem(outcome));
            } else {
                imported.add(reportItem(outcome));
                newImages.add(outcome.image());
            }
        }
        ImportReport report = new ImportReport(datasetName, plan.root(), format, false, imported, alreadyPresent,
                invalid);
        if (!invalid.isEmpty() && !options.skipInvalid()) {
            throw new InvalidDatasetException(report, options.maxListedProblems());
        }
        if (cancelRequested.getAsBoolean()) {
            throw new CancellationException("import into dataset '" + datasetName
                    + "' cancelled before the database write; nothing was stored");
        }
        if (existing.dataset() == null) {
            createDataset(datasetName, plan.root());
        }
        if (!newImages.isEmpty()) {
            workspace.datasets().addImages(datasetName, plan.root().toString(), newImages);
        }
        return report;
    }

    /** {@link #validate(Path, DatasetFormat, ImportOptions, ProgressCallback, BooleanSupplier)} without progress or cancellation. */
    public static ImportReport validate(Path folder, DatasetFormat format, ImportOptions options) throws IOException {
        return validate(folder, format, options, ProgressCallback.NONE, () -> false);
    }

    /**
     * Checks a dataset folder exactly as an import would (except against an existing dataset) without
     * touching any workspace. Invalid items are listed in the report, not thrown.
     *
     * @return the report; {@link ImportReport#imported()} lists the items an import would store
     * @throws InvalidInputException naming the file if the folder, split CSV or COCO file is missing or
     *     malformed, or the folder holds no image
     * @throws CancellationException if cancelled
     */
    public static ImportReport validate(Path folder, DatasetFormat format, ImportOptions options,
            ProgressCallback progress, BooleanSupplier cancelRequested) throws IOException {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(options, "options");
        ImportPlanner.Plan plan = ImportPlanner.plan(folder, format, options);
        List<Outcome> outcomes = processAll(plan, options, progress, cancelRequested, Sha256::of);
        List<ImportReport.Item> valid = new ArrayList<>();
        List<ImportReport.Problem> invalid = new ArrayList<>();
        Map<String, String> fileBySha = new HashMap<>();
        for (Outcome outcome : outcomes) {
            String problem = outcome.problem() != null ? outcome.problem() : duplicateContent(outcome, fileBySha);
            if (problem != null) {
                invalid.add(new ImportReport.Problem(outcome.item().file(), problem));
            } else {
                fileBySha.put(outcome.image().sha256(), outcome.item().file());
                valid.add(reportItem(outcome));
            }
        }
        return new ImportReport(null, plan.root(), format, true, valid, List.of(), invalid);
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Hashes an image file and, for an import, copies it into the content store. */
    @FunctionalInterface
    private interface ContentSink {
        String store(Path file) throws IOException;
    }

    /** The result of checking one item: the image to add, or why not. */
    private record Outcome(ImportPlanner.PlannedItem item, NewImage image, String problem) {
    }

    private String storeInWorkspace(Path file) throws IOException {
        String sha256 = Sha256.of(file);
        if (!workspace.store().contains(sha256)) {
            // put() copies and fsyncs even when the content is already stored, so skip it then.
            workspace.store().put(file, sha256);
        }
        return sha256;
    }

    private static List<Outcome> processAll(ImportPlanner.Plan plan, ImportOptions options, ProgressCallback progress,
            BooleanSupplier cancelRequested, ContentSink sink) {
        List<ImportPlanner.PlannedItem> items = plan.items();
        int total = items.size();
        Outcome[] outcomes = new Outcome[total];
        AtomicBoolean cancelled = new AtomicBoolean();
        Object progressLock = new Object();
        int[] done = {0};
        progress.progress(0, total);
        Runnable[] tasks = new Runnable[total];
        for (int i = 0; i < total; i++) {
            int index = i;
            tasks[i] = () -> {
                if (cancelled.get() || cancelRequested.getAsBoolean()) {
                    cancelled.set(true);
                    return;
                }
                outcomes[index] = process(items.get(index), plan.format(), options, sink);
                synchronized (progressLock) {
                    done[0]++;
                    progress.progress(done[0], total);
                }
            };
        }
        int threads = Math.min(options.threads(), Math.max(1, total));
        if (threads == 1) {
            for (Runnable task : tasks) {
                task.run();
                if (cancelled.get()) {
                    break;
                }
            }
        } else {
            runInParallel(tasks, threads, cancelled);
        }
        if (cancelled.get()) {
            int finished;
            synchronized (progressLock) {
                finished = done[0];
            }
            throw new CancellationException("import cancelled after " + finished + " of " + total
                    + " images; nothing was stored in the database");
        }
        return List.of(outcomes);
    }

    private static void runInParallel(Runnable[] tasks, int threads, AtomicBoolean cancelled) {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "segrank-dataset-import");
            thread.setDaemon(true);
            return thread;
        })) {
            List<Future<?>> futures = new ArrayList<>(tasks.length);
            for (Runnable task : tasks) {
                futures.add(pool.submit(task));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    cancelled.set(true); // stops the queued tasks quickly
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancelled.set(true);
                    return;
                }
            }
        }
    }

    private static Outcome process(ImportPlanner.PlannedItem item, DatasetFormat format, ImportOptions options,
            ContentSink sink) {
        if (item.problem() != null) {
            return new Outcome(item, null, item.problem());
        }
        try {
            // Decoded in full to prove it is intact; only its size is kept, so a large image's pixels are
            // released before its mask is decoded.
            int[] size = ImageFiles.decodedSize(item.image(), "image", options.maxPixels());
            int width = size[0];
            int height = size[1];
            List<NewInstance> instances = format == DatasetFormat.COCO_JSON
                    ? cocoInstances(item, width, height)
                    : maskInstances(item, format, options, width, height);
            String sha256 = sink.store(item.image());
            return new Outcome(item, new NewImage(item.fileName(), sha256, width, height, item.split(),
                    item.classLabel(), item.regime(), instances), null);
        } catch (ItemProblem problem) {
            return new Outcome(item, null, problem.getMessage());
        } catch (ChecksumMismatchException e) {
            return new Outcome(item, null, "the image changed while it was being imported; import again");
        } catch (IOException e) {
            return new Outcome(item, null, "cannot be read or stored (" + e.getMessage() + ")");
        }
    }

    private static List<NewInstance> cocoInstances(ImportPlanner.PlannedItem item, int width, int height)
            throws ItemProblem {
        if (item.cocoImage().width() != width || item.cocoImage().height() != height) {
            throw new ItemProblem("the image is " + width + "x" + height + " pixels but its COCO entry (id "
                    + item.cocoImage().id() + ") says " + item.cocoImage().width() + "x" + item.cocoImage().height());
        }
        return item.cocoInstances();
    }

    private static List<NewInstance> maskInstances(ImportPlanner.PlannedItem item, DatasetFormat format,
            ImportOptions options, int width, int height) throws ItemProblem {
        String subject = ImportPlanner.maskWord(format) + " " + item.maskFile();
        ImageFiles.Decoded mask = ImageFiles.decode(item.mask(), subject, options.maxPixels(), true);
        if (mask.width() != width || mask.height() != height) {
            throw new ItemProblem(subject + " is " + mask.width() + "x" + mask.height() + " pixels but the image is "
                    + width + "x" + height);
        }
        InstanceMasks.LabelMap labels = format == DatasetFormat.MASK_PAIRS
                ? InstanceMasks.connectedComponents(InstanceMasks.binaryForeground(mask.image(), subject), width, height)
                : InstanceMasks.labelImage(mask.image(), subject);
        List<NewInstance> instances = new ArrayList<>();
        for (Rle rle : InstanceMasks.instanceMasks(labels)) {
            double[] box = rle.toBbox();
            instances.add(new NewInstance(options.category(), rle.toCompressedString(), height, width, rle.area(),
                    new BoundingBox(box[0], box[1], box[2], box[3]), false));
        }
        return instances;
    }

    /** Why the item repeats the content of an accepted earlier item, or {@code null}. */
    private static String duplicateContent(Outcome outcome, Map<String, String> fileBySha) {
        String first = fileBySha.get(outcome.image().sha256());
        return first == null ? null
                : "has the same content as " + first + " (sha256 " + outcome.image().sha256().substring(0, 12)
                        + "...); a dataset must not contain an image twice";
    }

    private static ImportReport.Item reportItem(Outcome outcome) {
        NewImage image = outcome.image();
        return new ImportReport.Item(outcome.item().file(), image.fileName(), image.split(), image.classLabel(),
                image.regime(), image.instances().size());
    }

    private void createDataset(String datasetName, Path source) {
        try {
            workspace.datasets().create(NewDataset.named(datasetName).withSource(source.toString()));
        } catch (InvalidInputException e) {
            if (workspace.datasets().findByName(datasetName).isEmpty()) {
                throw e;
            } // created by another process meanwhile: import into it
        }
    }

    private static void requireDatasetName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_DATASET_NAME_LENGTH
                || !DATASET_NAME.matcher(name).matches()) {
            throw new InvalidInputException("dataset name", "", "'" + name + "' must be 1.." + MAX_DATASET_NAME_LENGTH
                    + " characters, start with a letter or digit and contain only letters, digits, '.', '_', '+'"
                    + " and '-'");
        }
    }

    /** The target dataset's images, to make re-imports idempotent and catch conflicts. */
    private record ExistingImages(Workspace workspace, Dataset dataset,
            Map<String, Image> byFileName, Map<String, Image> bySha256) {

        static ExistingImages of(Workspace workspace, String datasetName) {
            Dataset dataset = workspace.datasets().findByName(datasetName).orElse(null);
            Map<String, Image> byFileName = new HashMap<>();
            Map<String, Image> bySha256 = new HashMap<>();
            if (dataset != null) {
                for (Image image : workspace.datasets().images(datasetName, null)) {
                    byFileName.put(image.fileName(), image);
                    bySha256.putIfAbsent(image.sha256(), image);
                }
            }
            return new ExistingImages(workspace, dataset, byFileName, bySha256);
        }

        boolean has(NewImage image) {
            return byFileName.containsKey(image.fileName());
        }

        /** Why the image clashes with one already in the dataset, or {@code null}. */
        String conflict(NewImage image, String datasetName) {
            Image same = byFileName.get(image.fileName());
            if (same == null) {
                Image twin = bySha256.get(image.sha256());
                return twin == null ? null : "has the same content as '" + twin.fileName() + "', which dataset '"
                        + datasetName + "' already has; a dataset must not contain an image twice";
            }
            String prefix = "dataset '" + datasetName + "' already has an image named '" + image.fileName() + "' with ";
            if (!same.sha256().equals(image.sha256())) {
                return prefix + "different content; rename the file or import into another dataset";
            }
            if (!same.split().equals(image.split()) || !Objects.equals(same.classLabel(), image.classLabel())
                    || !Objects.equals(same.regime(), image.regime())) {
                return prefix + "split/class/regime " + same.split() + "/" + same.classLabel() + "/" + same.regime()
                        + " instead of " + image.split() + "/" + image.classLabel() + "/" + image.regime();
            }
            List<GtInstance> stored = workspace.datasets().instances(same.id());
            if (!sameInstances(stored, image.instances())) {
                return prefix + "different ground truth (" + stored.size() + " stored instances, " + image.instances().size()
                        + " now); import the changed ground truth into a new dataset";
            }
            return null;
        }

        private static boolean sameInstances(List<GtInstance> stored, List<NewInstance> incoming) {
            if (stored.size() != incoming.size()) {
                return false;
            }
            for (int i = 0; i < stored.size(); i++) {
                GtInstance a = stored.get(i);
                NewInstance b = incoming.get(i);
                if (!a.category().equals(b.category().strip()) || !a.rleCounts().equals(b.rleCounts())
                        || a.rleHeight() != b.rleHeight() || a.rleWidth() != b.rleWidth() || a.area() != b.area()
                        || a.iscrowd() != b.iscrowd() || !a.bbox().equals(b.bbox())) {
                    return false;
                }
            }
            return true;
        }
    }
}
