package org.segrank.datasets.io;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.segrank.core.InvalidInputException;
import org.segrank.workspace.ImageSplits;

/**
 * A split CSV: UTF-8 (a byte order mark is allowed), a header row, then one row per image. Column names are
 * matched ignoring case and surrounding blanks:
 * <ul>
 * <li>{@code file} (required): the image, relative to the dataset folder ({@code images/a.png}) or to the
 * image folder ({@code a.png}); {@code /} separators;</li>
 * <li>{@code split} (required): a split name such as {@code candidate} or {@code finetune:small};</li>
 * <li>{@code class}, {@code regime} (optional; blank = none);</li>
 * <li>{@code label_file} or {@code mask_file} (optional): the mask or label image relative to the dataset
 * folder, overriding the naming rule;</li>
 * <li>any other column is ignored (so the corpus generator's {@code manifest.csv} is read as is).</li>
 * </ul>
 * Row problems (blank or unsafe file, invalid split, an image listed twice) become problems of the image
 * they name, located as {@code <csv> line N}.
 */
final class SplitTable {
    private static final int MAX_TEXT = 200;

    /**
     * One data row.
     *
     * @param where {@code <csv> line N}, for messages
     * @param file the normalized {@code file} value
     * @param maskFile the normalized {@code label_file}/{@code mask_file} value, or {@code null}
     * @param problem why the row cannot be used, or {@code null}
     */
    record Row(String where, String file, String split, String classLabel, String regime, String maskFile,
            String problem) {
        Row withProblem(String newProblem) {
            return new Row(where, file, split, classLabel, regime, maskFile, newProblem);
        }
    }

    private final String source;
    private final Map<String, Row> rowsByFile;

    private SplitTable(String source, Map<String, Row> rowsByFile) {
        this.source = source;
        this.rowsByFile = rowsByFile;
    }

    /** The CSV's path, as messages name it. */
    String source() {
        return source;
    }

    /** Rows in file order (one per distinct file value). */
    List<Row> rows() {
        return new ArrayList<>(rowsByFile.values());
    }

    /** The row of this file value, or {@code null}. */
    Row find(String file) {
        return rowsByFile.get(file);
    }

    /**
     * Reads a split CSV.
     *
     * @throws InvalidInputException naming the CSV if it cannot be read, is not UTF-8, or lacks a required
     *     column
     */
    static SplitTable read(Path csv) {
        String source = csv.toString();
        String text;
        try {
            // A strict decoder: a spreadsheet's Latin-1 export would otherwise turn into silent mojibake.
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(csv))).toString();
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(source, "", "the split CSV does not exist");
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(source, "", "is not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidInputException(source, "", "cannot be read: " + e.getMessage(), e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        Map<String, Row> rows = new LinkedHashMap<>();
        try (CSVParser parser = format.parse(new StringReader(text))) {
            Map<String, Integer> columns = new HashMap<>();
            for (Map.Entry<String, Integer> column : parser.getHeaderMap().entrySet()) {
                columns.putIfAbsent(column.getKey().strip().toLowerCase(Locale.ROOT), column.getValue());
            }
            Integer fileColumn = columns.get("file");
            Integer splitColumn = columns.get("split");
            if (fileColumn == null || splitColumn == null) {
                throw new InvalidInputException(source, "line 1 (header)", "needs the columns 'file' and 'split' "
                        + "(optional: 'class', 'regime', 'label_file' or 'mask_file'), found " + parser.getHeaderNames());
            }
            Integer classColumn = columns.get("class");
            Integer regimeColumn = columns.get("regime");
            Integer maskColumn = columns.containsKey("label_file") ? columns.get("label_file") : columns.get("mask_file");
            for (CSVRecord record : parser) {
                String where = csv.getFileName() + " line " + parser.getCurrentLineNumber();
                Row row = row(where, record, fileColumn, splitColumn, classColumn, regimeColumn, maskColumn);
                Row earlier = rows.get(row.file());
                if (earlier != null) {
                    rows.put(row.file(), earlier.withProblem("is listed twice in " + csv.getFileName() + " ("
                            + earlier.where().substring(csv.getFileName().toString().length() + 1) + " and line "
                            + parser.getCurrentLineNumber() + ")"));
                } else {
                    rows.put(row.file(), row);
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            // commons-csv reports malformed quoting and duplicate header names this way
            throw new InvalidInputException(source, "", "is not a valid CSV file: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new InvalidInputException(source, "", "is not a valid CSV file: " + e.getCause().getMessage(), e);
        }
        return new SplitTable(source, rows);
    }

    private static Row row(String where, CSVRecord record, int fileColumn, int splitColumn, Integer classColumn,
            Integer regimeColumn, Integer maskColumn) {
        String file = PathRules.normalize(value(record, fileColumn));
        String split = value(record, splitColumn);
        String classLabel = blankToNull(value(record, classColumn));
        String regime = blankToNull(value(record, regimeColumn));
        String maskValue = blankToNull(value(record, maskColumn));
        String maskFile = maskValue == null ? null : PathRules.normalize(maskValue);
        String problem = null;
        String fileProblem = PathRules.relativePathProblem(file);
        if (fileProblem != null) {
            problem = "column 'file': " + fileProblem;
        } else if (!ImageSplits.isValid(split)) {
            problem = "column 'split': '" + split
                    + "' is not a split name (lowercase role, optionally ':<subset>', e.g. candidate, finetune:small)";
        } else if (textProblem(classLabel) != null) {
            problem = "column 'class': " + textProblem(classLabel);
        } else if (textProblem(regime) != null) {
            problem = "column 'regime': " + textProblem(regime);
        } else if (maskFile != null && PathRules.relativePathProblem(maskFile) != null) {
            problem = "column 'label_file'/'mask_file': " + PathRules.relativePathProblem(maskFile);
        }
        return new Row(where, file.isEmpty() ? where : file, split, classLabel, regime, maskFile, problem);
    }

    /** Why a class or regime text is unusable, or {@code null}. */
    static String textProblem(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() > MAX_TEXT) {
            return "is longer than " + MAX_TEXT + " characters";
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            return "contains a control character";
        }
        return null;
    }

    private static String value(CSVRecord record, Integer column) {
        if (column == null || column >= record.size()) {
            return "";
        }
        String value = record.get(column);
        return value == null ? "" : value.strip();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
