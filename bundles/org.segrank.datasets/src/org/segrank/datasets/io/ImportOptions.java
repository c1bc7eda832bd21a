package org.segrank.datasets.io;

import java.nio.file.Path;
import java.util.Objects;

import org.segrank.workspace.ImageSplits;

/**
 * How {@link DatasetImporter} reads a folder. Immutable; start from {@link #defaults()} and use the
 * {@code with...} methods.
 *
 * <h2>Where splits and classes come from ({@link SplitSource})</h2>
 * <ul>
 * <li>{@link SplitSource#AUTO} (default): {@code manifest.csv} in the dataset folder if present, else
 * {@code splits.csv} there, read as with {@link #withSplitCsv}; if neither exists the import fails and says
 * how to give the splits.</li>
 * <li>{@link SplitSource#CSV}: a CSV file with a header and the columns {@code file,split[,class][,regime]}
 * (see the package documentation); every image needs a row.</li>
 * <li>{@link SplitSource#FOLDER_NAMES}: {@code <split>/<image>} or {@code <split>/<class>/<image>} below the
 * image folder.</li>
 * <li>{@link SplitSource#SINGLE}: every image gets one split and no class.</li>
 * </ul>
 */
public final class ImportOptions {
    /** Images and masks larger than this are refused before they are decoded (decompression bombs). */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;
    /** The category of instances read from masks or label images. */
    public static final String DEFAULT_CATEGORY = "particle";
    /** How many invalid items the exception message of an all-or-nothing import lists. */
    public static final int DEFAULT_MAX_LISTED_PROBLEMS = 20;
    /** File names {@link SplitSource#AUTO} looks for, in this order. */
    public static final String MANIFEST_CSV = "manifest.csv";
    public static final String SPLITS_CSV = "splits.csv";

    /** Where each image's split, class and regime come from. */
    public enum SplitSource {
        AUTO, CSV, FOLDER_NAMES, SINGLE
    }

    private static final ImportOptions DEFAULTS = new ImportOptions(SplitSource.AUTO, null, null, false,
            DEFAULT_MAX_PIXELS, DEFAULT_CATEGORY, null, DEFAULT_MAX_LISTED_PROBLEMS,
            Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final SplitSource splitSource;
    private final Path splitCsv;
    private final String singleSplit;
    private final boolean skipInvalid;
    private final long maxPixels;
    private final String category;
    private final Path cocoJson;
    private final int maxListedProblems;
    private final int threads;

    private ImportOptions(SplitSource splitSource, Path splitCsv, String singleSplit, boolean skipInvalid,
            long maxPixels, String category, Path cocoJson, int maxListedProblems, int threads) {
        this.splitSource = splitSource;
        this.splitCsv = splitCsv;
        this.singleSplit = singleSplit;
        this.skipInvalid = skipInvalid;
        this.maxPixels = maxPixels;
        this.category = category;
        this.cocoJson = cocoJson;
        this.maxListedProblems = maxListedProblems;
        this.threads = threads;
    }

    /**
     * Splits from {@code manifest.csv}/{@code splits.csv}, all-or-nothing, 100 megapixel limit, category
     * {@value #DEFAULT_CATEGORY}, up to 4 decoding threads.
     */
    public static ImportOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Splits, classes and regimes from this CSV (relative paths in it are relative to the dataset folder).
     */
    public ImportOptions withSplitCsv(Path csv) {
        Objects.requireNonNull(csv, "csv");
        return new ImportOptions(SplitSource.CSV, csv, null, skipInvalid, maxPixels, category, cocoJson,
                maxListedProblems, threads);
    }

    /** Splits (and classes) from the folder names {@code <split>/[<class>/]<image>} below the image folder. */
    public ImportOptions withSplitsFromFolders() {
        return new ImportOptions(SplitSource.FOLDER_NAMES, null, null, skipInvalid, maxPixels, category, cocoJson,
                maxListedProblems, threads);
    }

    /**
     * Every image in this split, without class or regime.
     *
     * @throws IllegalArgumentException if {@code split} is not a valid split name ({@link ImageSplits})
     */
    public ImportOptions withSingleSplit(String split) {
        if (!ImageSplits.isValid(split)) {
            throw new IllegalArgumentException("'" + split
                    + "' is not a split name (lowercase role, optionally ':<subset>', e.g. candidate, finetune:small)");
        }
        return new ImportOptions(SplitSource.SINGLE, null, split, skipInvalid, maxPixels, category, cocoJson,
                maxListedProblems, threads);
    }

    /** Splits from {@code manifest.csv} or {@code splits.csv} in the dataset folder (the default). */
    public ImportOptions withAutomaticSplits() {
        return new ImportOptions(SplitSource.AUTO, null, null, skipInvalid, maxPixels, category, cocoJson,
                maxListedProblems, threads);
    }

    /**
     * {@code true}: import the valid items and report the invalid ones as skipped; {@code false} (default):
     * refuse the whole import if any item is invalid.
     */
    public ImportOptions withSkipInvalid(boolean skip) {
        return new ImportOptions(splitSource, splitCsv, singleSplit, skip, maxPixels, category, cocoJson,
                maxListedProblems, threads);
    }

    /**
     * The largest image (width x height) accepted; checked from the file header before decoding.
     *
     * @throws IllegalArgumentException unless {@code 1 <= pixels <= Integer.MAX_VALUE} (the RLE limit)
     */
    public ImportOptions withMaxPixels(long pixels) {
        if (pixels < 1 || pixels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxPixels must be within 1.." + Integer.MAX_VALUE + ", got " + pixels);
        }
        return new ImportOptions(splitSource, splitCsv, singleSplit, skipInvalid, pixels, category, cocoJson,
                maxListedProblems, threads);
    }

    /**
     * The category name of instances read from masks or label images (COCO files name their own).
     *
     * @throws IllegalArgumentException if blank, longer than 200 characters or with control characters
     */
    public ImportOptions withCategory(String name) {
        if (name == null || name.isBlank() || name.strip().length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a category name must be 1..200 characters without control characters,"
                    + " got '" + name + "'");
        }
        return new ImportOptions(splitSource, splitCsv, singleSplit, skipInvalid, maxPixels, name.strip(), cocoJson,
                maxListedProblems, threads);
    }

    /**
     * The COCO annotation file for {@link DatasetFormat#COCO_JSON}; by default {@code annotations.json} in the
     * dataset folder, or the folder's only {@code *.json} file.
     */
    public ImportOptions withCocoJson(Path file) {
        Objects.requireNonNull(file, "file");
        return new ImportOptions(splitSource, splitCsv, singleSplit, skipInvalid, maxPixels, category, file,
                maxListedProblems, threads);
    }

    /** How many invalid items an all-or-nothing failure lists before "... and N more"; {@code >= 1}. */
    public ImportOptions withMaxListedProblems(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("maxListedProblems must be >= 1, got " + count);
        }
        return new ImportOptions(splitSource, splitCsv, singleSplit, skipInvalid, maxPixels, category, cocoJson,
                count, threads);
    }

    /** Images decoded at once, {@code >= 1}; results do not depend on it. */
    public ImportOptions withThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + count);
        }
        return new ImportOptions(splitSource, splitCsv, singleSplit, skipInvalid, maxPixels, category, cocoJson,
                maxListedProblems, count);
    }

    public SplitSource splitSource() {
        return splitSource;
    }

    /** The CSV of {@link SplitSource#CSV}, else {@code null}. */
    public Path splitCsv() {
        return splitCsv;
    }

    /** The split of {@link SplitSource#SINGLE}, else {@code null}. */
    public String singleSplit() {
        return singleSplit;
    }

    public boolean skipInvalid() {
        return skipInvalid;
    }

    public long maxPixels() {
        return maxPixels;
    }

    public String category() {
        return category;
    }

    /** The COCO file given with {@link #withCocoJson}, or {@code null} to look for one. */
    public Path cocoJson() {
        return cocoJson;
    }

    public int maxListedProblems() {
        return maxListedProblems;
    }

    public int threads() {
        return threads;
    }

    @Override
    public String toString() {
        return "ImportOptions[splits=" + splitSource + (splitCsv != null ? " " + splitCsv : "")
                + (singleSplit != null ? " " + singleSplit : "") + ", skipInvalid=" + skipInvalid + ", maxPixels="
                + maxPixels + ", category=" + category + (cocoJson != null ? ", cocoJson=" + cocoJson : "")
                + ", threads=" + threads + "]";
    }
}
