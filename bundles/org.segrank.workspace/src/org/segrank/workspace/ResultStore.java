package org.segrank.workspace;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.segrank.core.InvalidInputException;

/**
 * Evaluation results: per (image, model, settings hash) at most one row, so an interrupted
 * evaluation can resume without duplicating work or rows.
 *
 * <p>Writes are all-or-nothing per call; results of several calls from several processes
 * interleave safely (the last write of a pair wins).
 */
public final class ResultStore {
    /** Settings hashes: a digest or a short label such as {@code imported-2024}. */
    static final Pattern SETTINGS_HASH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:+-]{0,127}");
    private static final String RESULT = "evaluation result";
    private static final Set<String> CSV_COLUMNS = Set.of("image", "model", "ap", "ap50", "ap75");

    private final Database database;

    ResultStore(Database database) {
        this.database = database;
    }

    /** Records the start of an evaluation run (status {@code running}); returns its id. */
    public long startRun(String settingsHash, String settingsJson, String description, String softwareVersion) {
        requireSettingsHash(settingsHash, "evaluation run", "");
        String settings = Json.optionalObject(settingsJson, "evaluation run", "", "settings");
        return database.transaction(connection -> insertRun(connection, settingsHash, settings, description,
                softwareVersion, RunStatus.RUNNING));
    }

    /** Sets a run's final status and finish time. */
    public void finishRun(long runId, RunStatus status) {
        Objects.requireNonNull(status, "status");
        database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE evaluation_runs SET status = ?, finished_at = CURRENT_TIMESTAMP WHERE id = ?")) {
                update.setString(1, status.id());
                update.setLong(2, runId);
                if (update.executeUpdate() == 0) {
                    throw new InvalidInputException("workspace", "evaluation run " + runId, "no such run");
                }
            }
            return null;
        });
    }

    /** Stores a result, replacing any result of the same (image, model, settings hash). */
    public void upsert(EvaluationResult result) {
        upsertAll(List.of(result));
    }

    /**
     * Stores results in one transaction, each replacing any result of the same (image, model,
     * settings hash): repeating a call never adds rows.
     *
     * @throws InvalidInputException naming the pair and field if a result is inconsistent (AP
     *     outside [0, 1], neither AP nor undefined nor error, ...) or names an unknown image or
     *     model; nothing is stored then
     */
    public void upsertAll(Collection<EvaluationResult> results) {
        Objects.requireNonNull(results, "results");
        for (EvaluationResult result : results) {
            validate(result);
        }
        try {
            database.transaction(connection -> {
                merge(connection, results);
                return null;
            });
        } catch (WorkspaceException e) {
            if (e.getCause() instanceof SQLException sql && Database.isUniqueViolation(sql)) {
                // Two processes inserted the same new pair at once; now it exists, MERGE updates it.
                database.transaction(connection -> {
                    merge(connection, results);
                    return null;
                });
            } else {
                throw e;
            }
        }
    }

    private static void merge(Connection connection, Collection<EvaluationResult> results) throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement("MERGE INTO evaluation_results (image_id, model_id,"
                + " settings_hash, run_id, ap, ap50, ap75, ap_undefined, gt_count, detection_count, inference_ms,"
                + " error_text, updated_at) KEY (image_id, model_id, settings_hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
            for (EvaluationResult result : results) {
                merge.setLong(1, result.imageId());
                merge.setLong(2, result.modelId());
                merge.setString(3, result.settingsHash());
                Database.setNullableLong(merge, 4, result.runId());
                Database.setNullableDouble(merge, 5, result.ap());
                Database.setNullableDouble(merge, 6, result.ap50());
                Database.setNullableDouble(merge, 7, result.ap75());
                merge.setBoolean(8, result.apUndefined());
                Database.setNullableInt(merge, 9, result.gtCount());
                Database.setNullableInt(merge, 10, result.detectionCount());
                Database.setNullableDouble(merge, 11, result.inferenceMs());
                merge.setString(12, result.errorText());
                try {
                    merge.executeUpdate();
                } catch (SQLException e) {
                    if ("23506".equals(e.getSQLState())) { // referential integrity
                        throw new InvalidInputException(RESULT, pairLocation(result),
                                "the image, model or run does not exist in this workspace", e);
                    }
                    throw e;
                }
            }
        }
    }

    private static void validate(EvaluationResult result) {
        Objects.requireNonNull(result, "result");
        String location = pairLocation(result);
        requireSettingsHash(result.settingsHash(), RESULT, location);
        Checks.requireUnitInterval(result.ap(), RESULT, location, "ap");
        Checks.requireUnitInterval(result.ap50(), RESULT, location, "ap50");
        Checks.requireUnitInterval(result.ap75(), RESULT, location, "ap75");
        if (result.apUndefined() && result.ap() != null) {
            throw Checks.invalid(RESULT, Checks.field(location, "ap"), "must be empty when the AP is undefined");
        }
        if (result.errorText() == null && !result.apUndefined() && result.ap() == null) {
            throw Checks.invalid(RESULT, Checks.field(location, "ap"),
                    "is required unless the AP is undefined or the evaluation failed");
        }
        if (result.errorText() != null && result.errorText().isBlank()) {
            throw Checks.invalid(RESULT, Checks.field(location, "error_text"), "must not be blank when given");
        }
        if (result.gtCount() != null && result.gtCount() < 0) {
            throw Checks.invalid(RESULT, Checks.field(location, "gt_count"), "must not be negative");
        }
        if (result.detectionCount() != null && result.detectionCount() < 0) {
            throw Checks.invalid(RESULT, Checks.field(location, "detection_count"), "must not be negative");
        }
        if (result.inferenceMs() != null && !(result.inferenceMs() >= 0 && Double.isFinite(result.inferenceMs()))) {
            throw Checks.invalid(RESULT, Checks.field(location, "inference_ms"), "must be a finite number >= 0");
        }
    }

    private static String pairLocation(EvaluationResult result) {
        return "image id " + result.imageId() + ", model id " + result.modelId() + ", settings '"
                + result.settingsHash() + "'";
    }

    private static void requireSettingsHash(String settingsHash, String source, String location) {
        if (settingsHash == null || !SETTINGS_HASH.matcher(settingsHash).matches()) {
            throw Checks.invalid(source, Checks.field(location, "settings_hash"), "'" + settingsHash
                    + "' must be 1-128 letters, digits, '.', '_', ':', '+' or '-', starting with a letter or digit");
        }
    }

    /** The stored result of a pair under the settings, if any. */
    public Optional<EvaluationResult> find(long imageId, long modelId, String settingsHash) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT * FROM evaluation_results"
                    + " WHERE image_id = ? AND model_id = ? AND settings_hash = ?")) {
                query.setLong(1, imageId);
                query.setLong(2, modelId);
                query.setString(3, settingsHash);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(result(rows)) : Optional.empty();
                }
            }
        });
    }

    /**
     * The AP matrix of a dataset's images (optionally one split) against every active model,
     * for one settings hash. Cells without a stored result are {@link ApMatrix.Cell#MISSING}.
     *
     * @throws InvalidInputException if the dataset does not exist
     */
    public ApMatrix apMatrix(String datasetName, String split, String settingsHash) {
        return database.read(connection -> {
            Dataset dataset = DatasetRepository.find(connection, datasetName)
                    .orElseThrow(() -> DatasetRepository.unknownDataset(datasetName));
            List<Image> images = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT * FROM images WHERE dataset_id = ?"
                    + (split == null ? "" : " AND split = ?") + " ORDER BY file_name")) {
                query.setLong(1, dataset.id());
                if (split != null) {
                    query.setString(2, split);
                }
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        images.add(DatasetRepository.image(rows));
                    }
                }
            }
            List<RegisteredModel> columns = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT * FROM models WHERE removed_at IS NULL ORDER BY name, id");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(ModelRegistry.model(rows));
                }
            }
            Map<Long, Integer> rowOf = new HashMap<>();
            for (int i = 0; i < images.size(); i++) {
                rowOf.put(images.get(i).id(), i);
            }
            Map<Long, Integer> columnOf = new HashMap<>();
            for (int j = 0; j < columns.size(); j++) {
                columnOf.put(columns.get(j).id(), j);
            }
            ApMatrix.Cell[][] cells = new ApMatrix.Cell[images.size()][columns.size()];
            double[][] ap = new double[images.size()][columns.size()];
            for (int i = 0; i < images.size(); i++) {
                Arrays.fill(cells[i], ApMatrix.Cell.MISSING);
                Arrays.fill(ap[i], Double.NaN);
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT r.image_id, r.model_id, r.ap,"
                    + " r.ap_undefined, r.error_text IS NOT NULL AS failed FROM evaluation_results r"
                    + " JOIN images i ON i.id = r.image_id WHERE i.dataset_id = ? AND r.settings_hash = ?"
                    + (split == null ? "" : " AND i.split = ?"))) {
                query.setLong(1, dataset.id());
                query.setString(2, settingsHash);
                if (split != null) {
                    query.setString(3, split);
                }
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        Integer i = rowOf.get(rows.getLong(1));
                        Integer j = columnOf.get(rows.getLong(2));
                        if (i == null || j == null) {
                            continue; // a removed model
                        }
                        if (rows.getBoolean("failed")) {
                            cells[i][j] = ApMatrix.Cell.FAILED;
                        } else if (rows.getBoolean("ap_undefined")) {
                            cells[i][j] = ApMatrix.Cell.UNDEFINED;
                        } else {
                            cells[i][j] = ApMatrix.Cell.VALUE;
                            ap[i][j] = rows.getDouble("ap");
                        }
                    }
                }
            }
            return new ApMatrix(settingsHash, images, columns, cells, ap);
        });
    }

    /**
     * How many (image, active model) pairs of the dataset (split) are done for the settings: they
     * have a result that is not a failure. Resume compares this with images x models.
     */
    public long countDone(String datasetName, String split, String settingsHash) {
        return donePairs(datasetName, split, settingsHash).size();
    }

    /** The done pairs (see {@link #countDone}), for skipping them on resume. */
    public Set<ImageModelPair> donePairs(String datasetName, String split, String settingsHash) {
        return database.read(connection -> {
            Dataset dataset = DatasetRepository.find(connection, datasetName)
                    .orElseThrow(() -> DatasetRepository.unknownDataset(datasetName));
            try (PreparedStatement query = connection.prepareStatement("SELECT r.image_id, r.model_id"
                    + " FROM evaluation_results r JOIN images i ON i.id = r.image_id JOIN models m ON m.id = r.model_id"
                    + " WHERE i.dataset_id = ? AND r.settings_hash = ? AND r.error_text IS NULL AND m.removed_at IS NULL"
                    + (split == null ? "" : " AND i.split = ?"))) {
                query.setLong(1, dataset.id());
                query.setString(2, settingsHash);
                if (split != null) {
                    query.setString(3, split);
                }
                Set<ImageModelPair> pairs = new HashSet<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        pairs.add(new ImageModelPair(rows.getLong(1), rows.getLong(2)));
                    }
                }
                return pairs;
            }
        });
    }

    /**
     * Imports per-(image, model) AP from a CSV file with a header row and the columns
     * {@code image,model,ap} and optionally {@code ap50,ap75}, in ONE transaction: all rows or,
     * if any row is invalid, none.
     *
     * <p>{@code image} is a file name in the dataset; {@code model} is {@code name:version}, an
     * alias, or a bare name that has exactly one active version. APs must be numbers in [0, 1]
     * ({@code ap50}/{@code ap75} may be empty). Existing results of the same pairs and settings
     * are replaced. The rows are attributed to a new evaluation run with status
     * {@code imported}.
     *
     * @throws InvalidInputException naming the CSV file, {@code row N (line L)} and the field of
     *     the first problem: unknown image, unknown/removed/ambiguous model, AP not a number or
     *     outside [0, 1], a pair listed twice, missing or unknown columns
     */
    public ResultImportSummary importApCsv(Path csv, String datasetName, String settingsHash) throws IOException {
        String source = csv.toString();
        requireSettingsHash(settingsHash, source, "");
        if (!Files.isRegularFile(csv)) {
            throw new InvalidInputException(source, "", "file not found");
        }
        List<ParsedRow> parsed = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser = openCsv(reader, source)) {
            List<String> header = parser.getHeaderNames();
            for (String column : header) {
                if (!CSV_COLUMNS.contains(column)) {
                    throw new InvalidInputException(source, "header, field '" + column + "'",
                            "unknown column; the columns are image, model, ap and optionally ap50, ap75");
                }
            }
            for (String required : List.of("image", "model", "ap")) {
                if (!header.contains(required)) {
                    throw new InvalidInputException(source, "header", "the required column '" + required + "' is missing");
                }
            }
            int row = 0;
            for (CSVRecord record : parser) {
                row++;
                String location = CsvRows.location(row, record);
                if (!record.isConsistent()) {
                    throw new InvalidInputException(source, location,
                            "has " + record.size() + " fields but the header has " + header.size());
                }
                parsed.add(new ParsedRow(location, record.get("image"), record.get("model"),
                        apValue(record, "ap", true, source, location), apValue(record, "ap50", false, source, location),
                        apValue(record, "ap75", false, source, location)));
            }
        } catch (UncheckedIOException e) {
            throw new InvalidInputException(source, "", "malformed CSV: " + e.getMessage(), e);
        }
        if (parsed.isEmpty()) {
            throw new InvalidInputException(source, "", "the file has no data rows");
        }
        return database.transaction(connection -> {
            Dataset dataset = DatasetRepository.find(connection, datasetName)
                    .orElseThrow(() -> DatasetRepository.unknownDataset(datasetName));
            Map<String, Long> imageIds = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT file_name, id FROM images WHERE dataset_id = ?")) {
                query.setLong(1, dataset.id());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        imageIds.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
            Map<String, RegisteredModel> modelByRef = new HashMap<>();
            Map<ImageModelPair, String> firstRowOfPair = new HashMap<>();
            List<EvaluationResult> results = new ArrayList<>();
            for (ParsedRow row : parsed) {
                Long imageId = imageIds.get(row.image());
                if (imageId == null) {
                    throw new InvalidInputException(source, Checks.field(row.location(), "image"),
                            "no image '" + row.image() + "' in dataset '" + dataset.name() + "'");
                }
                RegisteredModel model = modelByRef.get(row.model());
                if (model == null) {
                    model = resolveImportedModel(connection, row.model(), source, row.location());
                    modelByRef.put(row.model(), model);
                }
                ImageModelPair pair = new ImageModelPair(imageId, model.id());
                String previous = firstRowOfPair.putIfAbsent(pair, row.location());
                if (previous != null) {
                    throw new InvalidInputException(source, Checks.field(row.location(), "model"), "image '" + row.image()
                            + "' and model " + model.qualifiedName() + " were already given at " + previous);
                }
                results.add(new EvaluationResult(imageId, model.id(), settingsHash, row.ap(), row.ap50(), row.ap75(),
                        false, null, null, null, null, null));
            }
            Set<ImageModelPair> existing = new HashSet<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT image_id, model_id FROM evaluation_results WHERE settings_hash = ?")) {
                query.setString(1, settingsHash);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        existing.add(new ImageModelPair(rows.getLong(1), rows.getLong(2)));
                    }
                }
            }
            long runId = insertRun(connection, settingsHash, null, "imported from " + source, null, RunStatus.IMPORTED);
            List<EvaluationResult> attributed = results.stream().map(result -> result.inRun(runId)).toList();
            merge(connection, attributed);
            int updated = (int) attributed.stream()
                    .filter(result -> existing.contains(new ImageModelPair(result.imageId(), result.modelId()))).count();
            return new ResultImportSummary(parsed.size(), parsed.size() - updated, updated, runId);
        });
    }

    private record ParsedRow(String location, String image, String model, Double ap, Double ap50, Double ap75) {
    }

    private static CSVParser openCsv(Reader reader, String source) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        try {
            return format.parse(reader); // not CSVParser.builder(): that needs commons-io on the bundle's imports
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new InvalidInputException(source, "header", "unreadable CSV header: " + e.getMessage(), e);
        }
    }

    private static Double apValue(CSVRecord record, String column, boolean required, String source, String location) {
        String text = record.isMapped(column) ? record.get(column) : null;
        if (text == null || text.isBlank()) {
            if (required) {
                throw new InvalidInputException(source, Checks.field(location, column), "is required");
            }
            return null;
        }
        double value;
        try {
            value = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(source, Checks.field(location, column), "'" + text + "' is not a number");
        }
        if (!(value >= 0.0 && value <= 1.0)) { // NaN and infinities fail too
            throw new InvalidInputException(source, Checks.field(location, column),
                    "'" + text + "' is not an AP: it must be a number in [0, 1]");
        }
        return value + 0.0; // -0.0 -> +0.0, as ModelScore does
    }

    private static RegisteredModel resolveImportedModel(Connection connection, String ref, String source,
            String location) throws SQLException {
        if (ref == null || ref.isBlank()) {
            throw new InvalidInputException(source, Checks.field(location, "model"), "is required");
        }
        String text = ref.strip();
        if (text.indexOf(':') < 0) {
            List<RegisteredModel> active = ModelRegistry.activeVersions(connection, text);
            if (active.size() > 1) {
                throw new InvalidInputException(source, Checks.field(location, "model"), "model '" + text
                        + "' has several active versions (" + active.stream().map(RegisteredModel::version).toList()
                        + "); write name:version");
            }
        }
        ModelRegistry.Resolution resolution = ModelRegistry.resolve(connection, text, false);
        return resolution.model().orElseThrow(() -> new InvalidInputException(source, Checks.field(location, "model"),
                "'" + text + "': " + resolution.problem()));
    }

    private static long insertRun(Connection connection, String settingsHash, String settings, String description,
            String softwareVersion, RunStatus status) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO evaluation_runs (settings_hash, settings,"
                + " description, status, software_version, finished_at) VALUES (?, ?, ?, ?, ?, "
                + (status == RunStatus.RUNNING ? "NULL" : "CURRENT_TIMESTAMP") + ")", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, settingsHash);
            insert.setString(2, settings);
            insert.setString(3, description == null ? null : truncate(description, 4000));
            insert.setString(4, status.id());
            insert.setString(5, softwareVersion == null ? null : truncate(softwareVersion, 200));
            insert.executeUpdate();
            return DatasetRepository.generatedId(insert);
        }
    }

    private static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    private static EvaluationResult result(ResultSet rows) throws SQLException {
        return new EvaluationResult(rows.getLong("image_id"), rows.getLong("model_id"), rows.getString("settings_hash"),
                Database.nullableDouble(rows, "ap"), Database.nullableDouble(rows, "ap50"),
                Database.nullableDouble(rows, "ap75"), rows.getBoolean("ap_undefined"),
                Database.nullableInt(rows, "gt_count"), Database.nullableInt(rows, "detection_count"),
                Database.nullableDouble(rows, "inference_ms"), rows.getString("error_text"),
                Database.nullableLong(rows, "run_id"));
    }
}
