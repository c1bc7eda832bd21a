package org.segrank.metrics.coco;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * "Evaluate this results file against this ground truth": the one code path behind
 * {@code segrank eval coco} and the UI's File &gt; Evaluate COCO results..., so both give the same
 * numbers, messages and per-image table.
 */
public final class CocoFileEvaluation {

    /** One row of the per-image table. */
    public record ImageRow(long imageId, String fileName, int groundTruthCount, int crowdCount, int detectionCount,
            OptionalDouble ap) {
    }

    /** What an evaluation produced, ready to print or show. */
    public record Report(Path groundTruthFile, Path resultsFile, EvalResult result, List<ImageRow> images,
            int detectionCount) {

        /** A header naming inputs, settings and per-image coverage, then pycocotools' twelve summary lines. */
        public String summaryText() {
            return result.summaryText();
        }

        /** Inputs, settings and the per-image coverage in a few lines, printed before the summary. */
        public String headerText() {
            OptionalDouble mean = result.meanImageAp();
            return String.format(Locale.ROOT,
                    "Ground truth: %s%nResults:      %s%nImages: %d (%d with undefined AP: no ground truth), detections: %d, maxDets %s%n"
                            + "Mean per-image AP over images with ground truth: %s",
                    groundTruthFile, resultsFile, images.size(), result.undefinedImageCount(), detectionCount,
                    java.util.Arrays.toString(result.maxDets()),
                    mean.isPresent() ? String.format(Locale.ROOT, "%.4f", mean.getAsDouble()) : "undefined (no image has ground truth)");
        }
    }

    private CocoFileEvaluation() {
    }

    /**
     * Reads both files, evaluates and builds the per-image table.
     *
     * @throws CocoFormatException naming the file and entry when either file is unreadable or invalid
     * @throws java.util.concurrent.CancellationException when the monitor cancels
     */
    public static Report run(Path groundTruthFile, Path resultsFile, EvalParams params, EvalMonitor monitor) {
        CocoDataset groundTruth = CocoJson.readGroundTruth(groundTruthFile);
        if (monitor.isCancelled()) {
            throw new java.util.concurrent.CancellationException();
        }
        List<Detection> detections = CocoJson.readResults(resultsFile, groundTruth);
        EvalResult result = new CocoEvaluator(params).evaluate(groundTruth, detections, monitor);
        return new Report(groundTruthFile, resultsFile, result, rows(groundTruth, detections, result), detections.size());
    }

    static List<ImageRow> rows(CocoDataset groundTruth, List<Detection> detections, EvalResult result) {
        Map<Long, int[]> counts = new HashMap<>();
        for (CocoAnnotation annotation : groundTruth.annotations()) {
            counts.computeIfAbsent(annotation.imageId(), id -> new int[3])[annotation.crowd() ? 1 : 0]++;
        }
        for (Detection detection : detections) {
            counts.computeIfAbsent(detection.imageId(), id -> new int[3])[2]++;
        }
        List<ImageRow> rows = new ArrayList<>(groundTruth.images().size());
        for (CocoImage image : groundTruth.images()) {
            int[] c = counts.getOrDefault(image.id(), new int[3]);
            rows.add(new ImageRow(image.id(), image.fileName() == null ? "" : image.fileName(), c[0], c[1], c[2],
                    result.imageAp(image.id())));
        }
        return List.copyOf(rows);
    }

    /**
     * Parses the user's maxDets setting: one number N (&gt; 10) meaning {@code [1, 10, N]}, or three
     * strictly increasing numbers {@code "A,B,C"}. AP and AR@max use the last value.
     *
     * @throws IllegalArgumentException with a message fit for the user
     */
    public static EvalParams withMaxDetsSetting(EvalParams params, String setting) {
        String[] parts = setting.trim().split("\\s*,\\s*");
        int[] values = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                values[i] = Integer.parseInt(parts[i]);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("maxDets must be a whole number or three like 1,10,1000, got '" + setting + "'");
        }
        if (values.length == 1) {
            if (values[0] <= 10) {
                throw new IllegalArgumentException("a single maxDets value must be larger than 10 (it becomes 1,10,N); "
                        + "for fewer detections give three increasing values, e.g. 1,3," + Math.max(values[0], 1));
            }
            return params.withMaxDets(1, 10, values[0]);
        }
        if (values.length == 3 && 0 < values[0] && values[0] < values[1] && values[1] < values[2]) {
            return params.withMaxDets(values[0], values[1], values[2]);
        }
        throw new IllegalArgumentException("maxDets needs one number or three strictly increasing positive numbers, got '"
                + setting + "'");
    }

    /**
     * The label per-(image, model) results are stored under in the workspace, so results scored
     * with the same definition of AP are found again (and results under other settings are not):
     * {@code coco-segm:maxdets-A-B-C}. IoU and recall thresholds are COCO's; other values are not
     * stored results' business.
     */
    public static String settingsLabel(EvalParams params) {
        int[] maxDets = params.maxDets();
        return "coco-segm:maxdets-" + maxDets[0] + "-" + maxDets[1] + "-" + maxDets[2];
    }

    /** CSV header of {@link #writePerImageCsv}. */
    public static final String[] CSV_HEADER = { "image_id", "file_name", "gt_instances", "crowd_regions", "detections",
            "ap", "ap_status" };

    /**
     * Writes the per-image table as CSV: {@code ap} is empty and {@code ap_status} says
     * {@code undefined (no ground truth)} when an image has no ground truth, so a spreadsheet mean
     * never counts it as 0. Written to a temporary file and moved into place.
     */
    public static void writePerImageCsv(Report report, Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path temp = Files.createTempFile(parent, absolute.getFileName().toString(), ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
                    CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(CSV_HEADER).get().print(writer)) {
                for (ImageRow row : report.images()) {
                    csv.printRecord(row.imageId(), row.fileName(), row.groundTruthCount(), row.crowdCount(),
                            row.detectionCount(),
                            row.ap().isPresent() ? String.format(Locale.ROOT, "%.6f", row.ap().getAsDouble()) : "",
                            row.ap().isPresent() ? "defined" : "undefined (no ground truth)");
                }
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
