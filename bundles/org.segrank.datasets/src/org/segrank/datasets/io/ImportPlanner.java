package org.segrank.datasets.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.segrank.core.InvalidInputException;
import org.segrank.metrics.coco.CocoAnnotation;
import org.segrank.metrics.coco.CocoCategory;
import org.segrank.metrics.coco.CocoDataset;
import org.segrank.metrics.coco.CocoImage;
import org.segrank.metrics.coco.CocoJson;
import org.segrank.metrics.mask.Rle;
import org.segrank.workspace.BoundingBox;
import org.segrank.workspace.ImageSplits;
import org.segrank.workspace.NewInstance;

/**
 * Finds the items of a dataset folder (image, mask or COCO entry, split, class) without decoding any image.
 * Every problem found here is attached to its item; only problems of the whole source (missing folder,
 * unreadable CSV or COCO file) throw.
 */
final class ImportPlanner {
    static final String IMAGES_FOLDER = "images";
    static final String MASKS_FOLDER = "masks";
    static final String LABELS_FOLDER = "labels";
    static final String MASK_SUFFIX = "_mask";
    static final String LABEL_SUFFIX = "_label";
    static final String COCO_FILE = "annotations.json";

    private ImportPlanner() {
    }

    /**
     * One image to import.
     *
     * @param file the image relative to the dataset folder, or the entry naming it (for messages)
     * @param fileName the image's name in the dataset
     * @param mask the mask or label image ({@code null} for COCO)
     * @param maskFile the mask relative to the dataset folder, for messages
     * @param cocoImage the COCO entry, or {@code null}
     * @param cocoInstances the COCO entry's instances, or {@code null}
     * @param problem why the item cannot be imported, or {@code null}
     */
    record PlannedItem(String file, String fileName, Path image, Path mask, String maskFile, CocoImage cocoImage,
            List<NewInstance> cocoInstances, String split, String classLabel, String regime, String problem) {
    }

    /** The items of a folder, in folder (or COCO file) order. */
    record Plan(Path root, DatasetFormat format, List<PlannedItem> items) {
    }

    /** Mutable while planning. */
    private static final class Candidate {
        String file;
        String fileName;
        Path image;
        Path mask;
        String maskFile;
        String maskProblem;
        CocoImage cocoImage;
        List<NewInstance> cocoInstances;
        String split;
        String classLabel;
        String regime;
        String problem;

        void fail(String reason) {
            if (problem == null) {
                problem = reason;
            }
        }

        PlannedItem toItem() {
            String reason = problem != null ? problem : maskProblem;
            return new PlannedItem(file, fileName, image, mask, maskFile, cocoImage, cocoInstances, split,
                    classLabel, regime, reason);
        }
    }

    /**
     * Plans the import of a folder.
     *
     * @throws InvalidInputException if the folder, the split CSV or the COCO file is missing or unreadable, or
     *     the folder holds no image
     */
    static Plan plan(Path folder, DatasetFormat format, ImportOptions options) throws IOException {
        Path root = realFolder(folder);
        Path imageRoot = Files.isDirectory(root.resolve(IMAGES_FOLDER)) ? root.resolve(IMAGES_FOLDER) : root;
        List<Candidate> candidates = format == DatasetFormat.COCO_JSON
                ? cocoCandidates(root, imageRoot, options)
                : pairedCandidates(root, imageRoot, format);
        assignSplits(candidates, root, imageRoot, format, options);
        for (Candidate candidate : candidates) {
            String nameProblem = PathRules.relativePathProblem(candidate.fileName);
            if (nameProblem != null) {
                candidate.fail(nameProblem);
            }
        }
        markDuplicateNames(candidates);
        if (candidates.isEmpty()) {
            throw new InvalidInputException(root.toString(), "", "no images found; " + layoutHint(format));
        }
        List<PlannedItem> items = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates) {
            items.add(candidate.toItem());
        }
        return new Plan(root, format, items);
    }

    private static Path realFolder(Path folder) throws IOException {
        try {
            Path root = folder.toRealPath();
            if (!Files.isDirectory(root)) {
                throw new InvalidInputException(folder.toString(), "", "is not a folder");
            }
            return root;
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(folder.toString(), "", "the dataset folder does not exist");
        }
    }

    static String layoutHint(DatasetFormat format) {
        return switch (format) {
            case MASK_PAIRS -> "expected images/<name> with masks/<name>, or <name>.png with <name>" + MASK_SUFFIX
                    + ".png (supported: " + ImageFiles.SUPPORTED_NAMES + ")";
            case LABEL_PNGS -> "expected images/<name> with labels/<name>, or <name>.png with <name>" + LABEL_SUFFIX
                    + ".png (supported: " + ImageFiles.SUPPORTED_NAMES + ")";
            case COCO_JSON -> "the COCO file lists no images";
        };
    }

    // ------------------------------------------------------------------------------------------------------------
    // Image + mask / label image pairs

    private static List<Candidate> pairedCandidates(Path root, Path imageRoot, DatasetFormat format)
            throws IOException {
        boolean parallel = !imageRoot.equals(root);
        String maskWord = maskWord(format);
        List<PathRules.ScannedFile> images = new ArrayList<>();
        Map<String, List<PathRules.ScannedFile>> masks = new HashMap<>();
        Path maskRoot;
        String suffix = format == DatasetFormat.MASK_PAIRS ? MASK_SUFFIX : LABEL_SUFFIX;
        if (parallel) {
            maskRoot = root.resolve(format == DatasetFormat.MASK_PAIRS ? MASKS_FOLDER : LABELS_FOLDER);
            for (PathRules.ScannedFile file : PathRules.scan(root, imageRoot)) {
                if (ImageFiles.looksLikeImage(file.relativeName())) {
                    images.add(file);
                }
            }
            for (PathRules.ScannedFile file : PathRules.scan(root, maskRoot)) {
                if (ImageFiles.looksLikeImage(file.relativeName())) {
                    masks.computeIfAbsent(pairingKey(file.relativeName(), ""), k -> new ArrayList<>()).add(file);
                }
            }
        } else {
            maskRoot = root;
            for (PathRules.ScannedFile file : PathRules.scan(root, root)) {
                if (!ImageFiles.looksLikeImage(file.relativeName())) {
                    continue;
                }
                String stem = ImageFiles.stem(fileNameOf(file.relativeName()));
                if (stem.toLowerCase(Locale.ROOT).endsWith(suffix)) {
                    masks.computeIfAbsent(pairingKey(file.relativeName(), suffix), k -> new ArrayList<>()).add(file);
                } else {
                    images.add(file);
                }
            }
        }
        List<Candidate> candidates = new ArrayList<>(images.size());
        for (PathRules.ScannedFile scanned : images) {
            Candidate candidate = new Candidate();
            candidate.fileName = scanned.relativeName();
            candidate.file = PathRules.relative(root, scanned.path());
            candidate.image = scanned.path();
            if (scanned.problem() != null) {
                candidate.fail(scanned.problem());
            }
            List<PathRules.ScannedFile> matches = masks.get(pairingKey(scanned.relativeName(), ""));
            if (matches == null) {
                String expected = parallel ? scanned.relativeName()
                        : ImageFiles.stem(scanned.relativeName()) + suffix + "."
                                + ImageFiles.extension(scanned.relativeName());
                candidate.maskProblem = "missing " + maskWord + ": expected "
                        + PathRules.relative(root, maskRoot.resolve(expected)) + " (any of " + ImageFiles.SUPPORTED_NAMES
                        + ")";
            } else {
                PathRules.ScannedFile mask = choose(matches, ImageFiles.extension(scanned.relativeName()));
                if (mask == null) {
                    List<String> names = new ArrayList<>();
                    for (PathRules.ScannedFile match : matches) {
                        names.add(PathRules.relative(root, match.path()));
                    }
                    candidate.maskProblem = "ambiguous " + maskWord + ": " + String.join(", ", names)
                            + " all match; keep one";
                } else {
                    candidate.mask = mask.path();
                    candidate.maskFile = PathRules.relative(root, mask.path());
                    if (mask.problem() != null) {
                        candidate.maskProblem = maskWord + " " + candidate.maskFile + ": " + mask.problem();
                    }
                }
            }
            candidates.add(candidate);
        }
        return candidates;
    }

    static String maskWord(DatasetFormat format) {
        return format == DatasetFormat.LABEL_PNGS ? "label image" : "mask";
    }

    /** {@code <folder>/<stem without suffix>}, lowercase extension dropped: masks pair by name, not extension. */
    private static String pairingKey(String relativeName, String suffix) {
        int slash = relativeName.lastIndexOf('/');
        String folder = slash < 0 ? "" : relativeName.substring(0, slash + 1);
        String stem = ImageFiles.stem(relativeName.substring(slash + 1));
        return folder + stem.substring(0, stem.length() - suffix.length());
    }

    private static String fileNameOf(String relativeName) {
        return relativeName.substring(relativeName.lastIndexOf('/') + 1);
    }

    /** The only match, or the match with the image's extension; {@code null} if that is ambiguous. */
    private static PathRules.ScannedFile choose(List<PathRules.ScannedFile> matches, String imageExtension) {
        if (matches.size() == 1) {
            return matches.get(0);
        }
        PathRules.ScannedFile chosen = null;
        for (PathRules.ScannedFile match : matches) {
            if (ImageFiles.extension(match.relativeName()).equals(imageExtension)) {
                if (chosen != null) {
                    return null;
                }
                chosen = match;
            }
        }
        return chosen;
    }

    // ------------------------------------------------------------------------------------------------------------
    // COCO

    private static List<Candidate> cocoCandidates(Path root, Path imageRoot, ImportOptions options)
            throws IOException {
        Path json = options.cocoJson() != null ? options.cocoJson() : findCocoJson(root);
        CocoDataset coco = CocoJson.readGroundTruth(json);
        String jsonName = json.getFileName().toString();
        Map<Long, String> categoryNames = new HashMap<>();
        for (CocoCategory category : coco.categories()) {
            String name = category.name() == null || category.name().isBlank()
                    ? "category-" + category.id()
                    : category.name().strip();
            categoryNames.put(category.id(), name);
        }
        List<Candidate> candidates = new ArrayList<>(coco.images().size());
        for (int i = 0; i < coco.images().size(); i++) {
            CocoImage image = coco.images().get(i);
            Candidate candidate = new Candidate();
            candidate.cocoImage = image;
            String entry = jsonName + " images[" + i + "] (id " + image.id() + ")";
            candidate.file = entry;
            candidate.fileName = entry;
            candidates.add(candidate);
            if (image.fileName() == null || image.fileName().isBlank()) {
                candidate.fail("has no file_name");
                continue;
            }
            String name = PathRules.normalize(image.fileName());
            candidate.fileName = name;
            String pathProblem = PathRules.relativePathProblem(name);
            if (pathProblem != null) {
                candidate.file = entry + " '" + image.fileName() + "'";
                candidate.fail("field 'file_name': " + pathProblem);
                continue;
            }
            candidate.file = PathRules.relative(root, imageRoot.resolve(name));
            try {
                Path file = PathRules.resolveInside(root, imageRoot, name, "the image");
                if (file == null && !imageRoot.equals(root)) {
                    file = PathRules.resolveInside(root, root, name, "the image"); // file_name with images/ prefix
                }
                if (file == null) {
                    candidate.fail("the image file does not exist (named by " + entry + ")");
                    continue;
                }
                candidate.file = PathRules.relative(root, file);
                candidate.image = file;
            } catch (ItemProblem problem) {
                candidate.fail(problem.getMessage());
                continue;
            }
            candidate.cocoInstances = cocoInstances(coco, image, categoryNames, jsonName, candidate);
        }
        return candidates;
    }

    private static List<NewInstance> cocoInstances(CocoDataset coco, CocoImage image, Map<Long, String> categoryNames,
            String jsonName, Candidate candidate) {
        List<NewInstance> instances = new ArrayList<>();
        double imageArea = (double) image.width() * image.height();
        for (CocoAnnotation annotation : coco.annotationsOf(image.id())) {
            Rle mask = annotation.mask();
            double[] box = annotation.bbox() != null ? annotation.bbox() : mask.toBbox();
            String where = jsonName + " annotation id " + annotation.id() + ": ";
            if (!(annotation.area() >= 0 && annotation.area() <= imageArea)) {
                candidate.fail(where + "area " + annotation.area() + " is not between 0 and the image area " + imageArea);
            }
            for (double value : box) {
                if (!Double.isFinite(value)) {
                    candidate.fail(where + "bbox has a non-finite value");
                }
            }
            if (box[2] < 0 || box[3] < 0) {
                candidate.fail(where + "bbox has a negative width or height");
            }
            String category = categoryNames.get(annotation.categoryId());
            String categoryProblem = SplitTable.textProblem(category);
            if (categoryProblem != null) {
                candidate.fail(where + "category name " + categoryProblem);
            }
            instances.add(new NewInstance(category, mask.toCompressedString(), mask.height(), mask.width(),
                    annotation.area(), new BoundingBox(box[0], box[1], box[2], box[3]), annotation.crowd()));
        }
        return instances;
    }

    private static Path findCocoJson(Path root) throws IOException {
        Path standard = root.resolve(COCO_FILE);
        if (Files.isRegularFile(standard)) {
            return standard;
        }
        List<Path> jsonFiles = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root, "*.json")) {
            for (Path file : files) {
                if (Files.isRegularFile(file) && !file.getFileName().toString().startsWith(".")) {
                    jsonFiles.add(file);
                }
            }
        }
        if (jsonFiles.size() == 1) {
            return jsonFiles.get(0);
        }
        Collections.sort(jsonFiles);
        throw new InvalidInputException(root.toString(), "", "cannot tell which COCO annotation file to read: expected "
                + COCO_FILE + " or a single *.json file in the folder, found "
                + (jsonFiles.isEmpty() ? "none" : jsonFiles.stream().map(f -> f.getFileName().toString()).toList())
                + "; name the file explicitly");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Splits, classes, regimes

    private static void assignSplits(List<Candidate> candidates, Path root, Path imageRoot, DatasetFormat format,
            ImportOptions options) throws IOException {
        switch (options.splitSource()) {
            case SINGLE -> {
                for (Candidate candidate : candidates) {
                    candidate.split = options.singleSplit();
                }
            }
            case FOLDER_NAMES -> {
                for (Candidate candidate : candidates) {
                    splitFromFolders(candidate, PathRules.relative(root, imageRoot));
                }
            }
            case CSV, AUTO -> {
                Path csv = options.splitSource() == ImportOptions.SplitSource.CSV ? options.splitCsv() : findSplitCsv(root);
                splitsFromCsv(candidates, SplitTable.read(csv), root, imageRoot, format);
            }
        }
    }

    private static Path findSplitCsv(Path root) {
        for (String name : List.of(ImportOptions.MANIFEST_CSV, ImportOptions.SPLITS_CSV)) {
            Path csv = root.resolve(name);
            if (Files.isRegularFile(csv)) {
                return csv;
            }
        }
        throw new InvalidInputException(root.toString(), "", "no split information: put a " + ImportOptions.MANIFEST_CSV
                + " or " + ImportOptions.SPLITS_CSV + " (columns file,split[,class][,regime]) in the folder, name a"
                + " split CSV, take splits from folder names (<split>/[<class>/]<image>), or give one split for all"
                + " images");
    }

    private static void splitFromFolders(Candidate candidate, String imageFolder) {
        if (candidate.problem != null && candidate.image == null) {
            return;
        }
        String[] parts = candidate.fileName.split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            candidate.fail("is not in a <split>/ or <split>/<class>/ folder" + (imageFolder.isEmpty() ? ""
                    : " below " + imageFolder + "/") + ", so its split is unknown");
            return;
        }
        if (!ImageSplits.isValid(parts[0])) {
            candidate.fail("folder name '" + parts[0] + "' is not a split name (lowercase role, optionally"
                    + " ':<subset>', e.g. candidate, query, finetune:small)");
            return;
        }
        candidate.split = parts[0];
        if (parts.length == 3) {
            String problem = SplitTable.textProblem(parts[1]);
            if (problem != null) {
                candidate.fail("class folder name " + problem);
            }
            candidate.classLabel = parts[1];
        }
    }

    private static void splitsFromCsv(List<Candidate> candidates, SplitTable table, Path root, Path imageRoot,
            DatasetFormat format) throws IOException {
        String csvName = Path.of(table.source()).getFileName().toString();
        Set<SplitTable.Row> used = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Candidate candidate : candidates) {
            SplitTable.Row row = table.find(candidate.fileName);
            if (row == null) {
                row = table.find(candidate.file);
            }
            if (row == null) {
                candidate.fail("has no row in " + csvName + ", so its split is unknown");
                continue;
            }
            used.add(row);
            if (row.problem() != null) {
                candidate.fail(row.where() + ": " + row.problem());
                continue;
            }
            candidate.split = row.split();
            candidate.classLabel = row.classLabel();
            candidate.regime = row.regime();
            if (row.maskFile() != null && format != DatasetFormat.COCO_JSON) {
                overrideMask(candidate, row, root, format);
            }
        }
        for (SplitTable.Row row : table.rows()) {
            if (used.contains(row)) {
                continue;
            }
            Candidate unlisted = new Candidate();
            unlisted.file = row.file();
            unlisted.fileName = row.file();
            unlisted.fail(row.where() + ": " + (row.problem() != null ? row.problem() : unmatchedRowProblem(row, root,
                    imageRoot, format)));
            candidates.add(unlisted);
        }
    }

    private static void overrideMask(Candidate candidate, SplitTable.Row row, Path root, DatasetFormat format) {
        String word = maskWord(format);
        candidate.mask = null;
        candidate.maskFile = row.maskFile();
        try {
            Path mask = PathRules.resolveInside(root, root, row.maskFile(), word + " " + row.maskFile());
            if (mask == null) {
                candidate.maskProblem = "missing " + word + ": " + row.maskFile() + " (named in " + row.where()
                        + ") does not exist";
            } else {
                candidate.mask = mask;
                candidate.maskProblem = null;
            }
        } catch (ItemProblem problem) {
            candidate.maskProblem = problem.getMessage();
        }
    }

    private static String unmatchedRowProblem(SplitTable.Row row, Path root, Path imageRoot, DatasetFormat format)
            throws IOException {
        Path file;
        try {
            file = PathRules.resolveInside(root, root, row.file(), "the image");
            if (file == null && !imageRoot.equals(root)) {
                file = PathRules.resolveInside(root, imageRoot, row.file(), "the image");
            }
        } catch (ItemProblem problem) {
            return problem.getMessage();
        }
        if (file == null) {
            return "the listed image does not exist";
        }
        if (format == DatasetFormat.COCO_JSON) {
            return "the listed image is not in the COCO file";
        }
        String folder = imageRoot.equals(root) ? "the dataset folder" : PathRules.relative(root, imageRoot) + "/";
        return "the listed file is not one of the images found in " + folder + " (supported: "
                + ImageFiles.SUPPORTED_NAMES + "; masks and label images are not images)";
    }

    private static void markDuplicateNames(List<Candidate> candidates) {
        Map<String, Candidate> byName = new HashMap<>();
        for (Candidate candidate : candidates) {
            if (candidate.image == null) {
                continue; // entries that name no existing file cannot clash
            }
            Candidate first = byName.putIfAbsent(candidate.fileName.toLowerCase(Locale.ROOT), candidate);
            if (first != null) {
                candidate.fail("has the same file name as " + first.file
                        + " (file names must be unique in a dataset, ignoring case)");
            }
        }
    }
}
