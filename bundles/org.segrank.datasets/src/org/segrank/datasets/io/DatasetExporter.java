package org.segrank.datasets.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.segrank.core.InvalidInputException;
import org.segrank.metrics.coco.CocoAnnotation;
import org.segrank.metrics.coco.CocoCategory;
import org.segrank.metrics.coco.CocoDataset;
import org.segrank.metrics.coco.CocoImage;
import org.segrank.metrics.coco.CocoJson;
import org.segrank.metrics.coco.Segmentation;
import org.segrank.metrics.mask.Rle;
import org.segrank.workspace.GtInstance;
import org.segrank.workspace.Image;
import org.segrank.workspace.Workspace;

/**
 * Exports a dataset (or one split of it) as a folder that {@link DatasetImporter} reads back as
 * {@link DatasetFormat#COCO_JSON} with identical instances:
 * <pre>
 * annotations.json   COCO instances: images (id 1..n by file name, width, height, file_name),
 *                    categories (id 1..k, one per distinct category name, sorted by name),
 *                    annotations (id 1..m; segmentation as compressed RLE {"size": [h, w], "counts": "..."},
 *                    area, bbox [x, y, w, h], iscrowd 0/1), exactly as stored
 * images/&lt;file_name&gt;  each image file, copied out of the content store (digest verified)
 * splits.csv         file,split,class,regime: file = images/&lt;file_name&gt;; blank class/regime = none
 * </pre>
 * The split, class and regime live in the sidecar {@code splits.csv} (COCO has no place for them), which an
 * import picks up automatically from the folder.
 *
 * <p>The folder is written under a temporary name next to the target and renamed at the end, so it appears
 * complete or not at all; the target must not exist or be an empty folder.
 */
public final class DatasetExporter {
    public static final String ANNOTATIONS_FILE = ImportPlanner.COCO_FILE;
    public static final String IMAGES_FOLDER = ImportPlanner.IMAGES_FOLDER;
    public static final String SPLITS_FILE = ImportOptions.SPLITS_CSV;

    private final Workspace workspace;

    public DatasetExporter(Workspace workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    /**
     * What an export wrote.
     *
     * @param folder the written folder
     * @param split the exported split, or {@code null} for all
     * @param categories the category names, in id order (id = index + 1)
     */
    public record ExportReport(String dataset, String split, Path folder, int images, int annotations,
            List<String> categories) {
        public ExportReport {
            categories = List.copyOf(categories);
        }

        @Override
        public String toString() {
            return "dataset '" + dataset + "'" + (split == null ? "" : " split " + split) + ": " + images
                    + " images, " + annotations + " annotations, " + categories.size() + " categories -> " + folder;
        }
    }

    /** {@link #export(String, String, Path, ProgressCallback, BooleanSupplier)} without progress or cancellation. */
    public ExportReport export(String datasetName, String split, Path outputFolder) throws IOException {
        return export(datasetName, split, outputFolder, ProgressCallback.NONE, () -> false);
    }

    /**
     * Exports a dataset.
     *
     * @param split only this split, or {@code null} for all images
     * @param outputFolder created; must not exist or be empty
     * @param progress told after each image copied: {@code (done, images)}
     * @param cancelRequested polled before each image
     * @throws InvalidInputException if the dataset does not exist, has no image (in the split), or the output
     *     folder is not empty
     * @throws CancellationException if cancelled; the output folder is not created
     * @throws IOException if a file cannot be written or stored content is corrupt
     */
    public ExportReport export(String datasetName, String split, Path outputFolder, ProgressCallback progress,
            BooleanSupplier cancelRequested) throws IOException {
        Objects.requireNonNull(outputFolder, "outputFolder");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancelRequested, "cancelRequested");
        List<Image> images = workspace.datasets().images(datasetName, split);
        if (images.isEmpty()) {
            throw new InvalidInputException("workspace", "dataset '" + datasetName + "'",
                    split == null ? "has no images to export" : "has no images in split '" + split + "'");
        }
        Path target = outputFolder.toAbsolutePath().normalize();
        requireEmptyOrMissing(target);
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".export-");
        try {
            ExportReport report = write(datasetName, split, images, temporary, target, progress, cancelRequested);
            if (Files.isDirectory(target)) {
                Files.delete(target); // empty, checked above
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            return report;
        } finally {
            deleteRecursively(temporary);
        }
    }

    /**
     * A dataset (or one split) as COCO ground truth, numbered as {@link #export} writes it: images
     * 1..n in the given order (file-name order), categories 1..k sorted by name, annotations as
     * compressed RLE with the stored area, bbox and crowd flag. Results JSON computed on an
     * exported dataset therefore refer to the same image ids as this in-memory ground truth.
     */
    public record CocoGroundTruth(CocoDataset dataset, List<Image> images, List<String> categoryNames) {
        /** The workspace image behind COCO image id {@code cocoId}. */
        public Image image(long cocoId) {
            return images.get((int) cocoId - 1);
        }
    }

    /** The ground truth of {@code datasetName} (all splits when {@code split} is null) in COCO form. */
    public CocoGroundTruth groundTruth(String datasetName, String split) {
        List<Image> images = workspace.datasets().images(datasetName, split);
        if (images.isEmpty()) {
            throw new InvalidInputException("workspace", "dataset '" + datasetName + "'",
                    split == null ? "has no images" : "has no images in split '" + split + "'");
        }
        return groundTruth(images);
    }

    private CocoGroundTruth groundTruth(List<Image> images) {
        Map<Image, List<GtInstance>> instances = new LinkedHashMap<>();
        TreeSet<String> categoryNames = new TreeSet<>();
        for (Image image : images) {
            List<GtInstance> ofImage = workspace.datasets().instances(image.id());
            instances.put(image, ofImage);
            ofImage.forEach(instance -> categoryNames.add(instance.category()));
        }
        Map<String, Long> categoryIds = new TreeMap<>();
        List<CocoCategory> categories = new ArrayList<>();
        for (String name : categoryNames) {
            long id = categories.size() + 1L;
            categoryIds.put(name, id);
            categories.add(new CocoCategory(id, name, null));
        }
        List<CocoImage> cocoImages = new ArrayList<>();
        List<CocoAnnotation> annotations = new ArrayList<>();
        for (Map.Entry<Image, List<GtInstance>> entry : instances.entrySet()) {
            Image image = entry.getKey();
            CocoImage cocoImage = new CocoImage(cocoImages.size() + 1L, image.width(), image.height(), image.fileName());
            cocoImages.add(cocoImage);
            for (GtInstance instance : entry.getValue()) {
                Segmentation.CompressedRle segmentation = new Segmentation.CompressedRle(instance.rleHeight(),
                        instance.rleWidth(), instance.rleCounts());
                Rle mask = Rle.fromCompressedString(instance.rleCounts(), instance.rleHeight(), instance.rleWidth());
                double[] bbox = {instance.bbox().x(), instance.bbox().y(), instance.bbox().width(),
                        instance.bbox().height()};
                annotations.add(new CocoAnnotation(annotations.size() + 1L, cocoImage.id(),
                        categoryIds.get(instance.category()), segmentation, mask, instance.area(), instance.iscrowd(),
                        null, bbox));
            }
        }
        return new CocoGroundTruth(new CocoDataset(cocoImages, categories, annotations), List.copyOf(images),
                new ArrayList<>(categoryNames));
    }

    private ExportReport write(String datasetName, String split, List<Image> images, Path folder, Path target,
            ProgressCallback progress, BooleanSupplier cancelRequested) throws IOException {
        CocoGroundTruth groundTruth = groundTruth(images);
        Path imagesFolder = folder.resolve(IMAGES_FOLDER);
        Files.createDirectories(imagesFolder);
        progress.progress(0, images.size());
        int done = 0;
        for (Image image : images) {
            if (cancelRequested.getAsBoolean()) {
                throw new CancellationException("export of dataset '" + datasetName + "' cancelled after " + done
                        + " of " + images.size() + " images; " + target + " was not created");
            }
            copyImage(image, imagesFolder);
            progress.progress(++done, images.size());
        }
        CocoJson.writeGroundTruth(groundTruth.dataset(), folder.resolve(ANNOTATIONS_FILE));
        writeSplits(images, folder.resolve(SPLITS_FILE));
        return new ExportReport(datasetName, split, target, images.size(), groundTruth.dataset().annotations().size(),
                groundTruth.categoryNames());
    }

    private void copyImage(Image image, Path imagesFolder) throws IOException {
        Path file = imagesFolder.resolve(image.fileName()).normalize();
        if (!file.startsWith(imagesFolder)) { // the workspace refuses such names; never write outside anyway
            throw new IOException("image file name '" + image.fileName() + "' leads outside " + imagesFolder);
        }
        Files.createDirectories(file.getParent());
        try (InputStream in = workspace.open(image.sha256())) {
            Files.copy(in, file);
        }
    }

    private static void writeSplits(List<Image> images, Path file) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(writer, format)) {
            csv.printRecord("file", "split", "class", "regime");
            for (Image image : images) {
                csv.printRecord(IMAGES_FOLDER + "/" + image.fileName(), image.split(),
                        image.classLabel() == null ? "" : image.classLabel(), image.regime() == null ? "" : image.regime());
            }
        }
    }

    private static void requireEmptyOrMissing(Path target) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new InvalidInputException(target.toString(), "", "the export target exists and is not a folder");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
            if (entries.iterator().hasNext()) {
                throw new InvalidInputException(target.toString(), "",
                        "the export folder is not empty; choose a new or empty folder");
            }
        }
    }

    /** Best effort: a failing cleanup must not hide the exception that made it necessary. */
    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // leaves a hidden .<name>.export-* folder behind, which is harmless
        }
    }
}
