package org.segrank.workspace;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.segrank.core.InvalidInputException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a model manifest (CSV with a header row, or JSON) into registrations. Columns / fields
 * are the snake_case names in {@link #COLUMNS}; only {@code name}, {@code architecture} and
 * {@code format} are required. {@code artifact} paths are relative to the manifest's folder.
 *
 * <p>JSON: an array of objects, or an object with a {@code "models"} array. Lists
 * ({@code tags}, {@code normalization_mean}, {@code normalization_std}) may be JSON arrays or
 * comma-separated strings; {@code provenance} may be an object or a JSON string.
 */
final class ModelManifest {
    static final Set<String> COLUMNS = Set.of("name", "version", "architecture", "format", "artifact", "sha256",
            "size_bytes", "fine_tuned_on_dataset", "base_model", "input_width", "input_height",
            "normalization_mean", "normalization_std", "score_threshold", "mask_threshold", "tags", "notes",
            "provenance", "label_filter");

    /** One manifest entry and where it is, e.g. {@code row 3 (line 4)} or {@code models[2]}. */
    record Entry(String location, ModelRegistration registration) {
    }

    private ModelManifest() {
    }

    static List<Entry> read(Path manifest) throws IOException {
        String source = manifest.toString();
        if (!Files.isRegularFile(manifest)) {
            throw new InvalidInputException(source, "", "manifest file not found");
        }
        String fileName = manifest.getFileName().toString().toLowerCase(Locale.ROOT);
        Path baseDirectory = manifest.toAbsolutePath().getParent();
        if (fileName.endsWith(".csv")) {
            return readCsv(manifest, source, baseDirectory);
        }
        if (fileName.endsWith(".json")) {
            return readJson(manifest, source, baseDirectory);
        }
        throw new InvalidInputException(source, "", "a model manifest must be a .csv or .json file");
    }

    private static List<Entry> readCsv(Path manifest, String source, Path baseDirectory) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        List<Entry> entries = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8);
                CSVParser parser = parse(format, reader, source)) {
            for (String column : parser.getHeaderNames()) {
                if (!COLUMNS.contains(column)) {
                    throw new InvalidInputException(source, "header, field '" + column + "'",
                            "unknown column; known columns are " + new TreeSet<>(COLUMNS));
                }
            }
            Iterator<CSVRecord> records = parser.iterator();
            int row = 0;
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException e) {
                    throw new InvalidInputException(source, "row " + (row + 1), "malformed CSV: " + e.getMessage(), e);
                }
                row++;
                String location = CsvRows.location(row, record);
                if (!record.isConsistent()) {
                    throw new InvalidInputException(source, location, "has " + record.size()
                            + " fields but the header has " + parser.getHeaderNames().size());
                }
                entries.add(new Entry(location, toRegistration(record.toMap(), source, location, baseDirectory)));
            }
        }
        if (entries.isEmpty()) {
            throw new InvalidInputException(source, "", "the manifest lists no models");
        }
        return entries;
    }

    private static CSVParser parse(CSVFormat format, Reader reader, String source) throws IOException {
        try {
            return format.parse(reader); // not CSVParser.builder(): that needs commons-io on the bundle's imports
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new InvalidInputException(source, "header", "unreadable CSV header: " + e.getMessage(), e);
        }
    }

    private static List<Entry> readJson(Path manifest, String source, Path baseDirectory) throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(manifest.toFile());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source, "line " + e.getLocation().getLineNr(),
                    "not valid JSON: " + e.getOriginalMessage(), e);
        }
        String arrayName = "models";
        JsonNode models = root;
        if (root != null && root.isObject()) {
            models = root.get("models");
        }
        if (models == null || !models.isArray()) {
            throw new InvalidInputException(source, "", "expected a JSON array of models or an object with a \"models\" array");
        }
        if (models.isEmpty()) {
            throw new InvalidInputException(source, "", "the manifest lists no models");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            JsonNode node = models.get(i);
            String location = arrayName + "[" + i + "]";
            if (!node.isObject()) {
                throw new InvalidInputException(source, location, "must be a JSON object");
            }
            JsonNode name = node.get("name");
            if (name != null && name.isValueNode() && !name.isNull()) {
                location += " (name '" + name.asText() + "')";
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!COLUMNS.contains(field.getKey())) {
                    throw new InvalidInputException(source, location + ", field '" + field.getKey() + "'",
                            "unknown field; known fields are " + new TreeSet<>(COLUMNS));
                }
                fields.put(field.getKey(), jsonText(field.getValue(), field.getKey(), source, location));
            }
            entries.add(new Entry(location, toRegistration(fields, source, location, baseDirectory)));
        }
        return entries;
    }

    /** Flattens a JSON value to the text the CSV column would hold. */
    private static String jsonText(JsonNode value, String field, String source, String location) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (field.equals("provenance") && value.isObject()) {
            return value.toString();
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode element : value) {
                if (!element.isValueNode() || element.isNull()) {
                    throw new InvalidInputException(source, Checks.field(location, field),
                            "list elements must be strings or numbers");
                }
                parts.add(element.asText());
            }
            return String.join(",", parts);
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        throw new InvalidInputException(source, Checks.field(location, field), "must be a string, number or list");
    }

    private static ModelRegistration toRegistration(Map<String, String> fields, String source, String location,
            Path baseDirectory) {
        String formatText = blankToNull(fields.get("format"));
        if (formatText == null) {
            throw new InvalidInputException(source, Checks.field(location, "format"), "is required (onnx, torchscript or djl)");
        }
        ModelFormat format = ModelFormat.parse(formatText).orElseThrow(() -> new InvalidInputException(source,
                Checks.field(location, "format"), "'" + formatText + "' is not one of onnx, torchscript, djl"));
        String artifactText = blankToNull(fields.get("artifact"));
        Path artifact = null;
        if (artifactText != null) {
            try {
                artifact = baseDirectory.resolve(artifactText).normalize();
            } catch (InvalidPathException e) {
                throw new InvalidInputException(source, Checks.field(location, "artifact"), "not a valid path: " + artifactText);
            }
        }
        Integer inputWidth = integer(fields, "input_width", source, location);
        Integer inputHeight = integer(fields, "input_height", source, location);
        String sizeText = blankToNull(fields.get("size_bytes"));
        Long sizeBytes = sizeText == null ? null : (long) number(sizeText, "size_bytes", source, location, true);
        return ModelRegistration.builder(blankToNull(fields.get("name")), blankToNull(fields.get("architecture")), format)
                .version(blankToNull(fields.get("version")))
                .artifact(artifact)
                .artifactSha256(blankToNull(fields.get("sha256")))
                .sizeBytes(sizeBytes)
                .fineTunedOnDataset(blankToNull(fields.get("fine_tuned_on_dataset")))
                .baseModel(blankToNull(fields.get("base_model")))
                .inputSize(inputWidth, inputHeight)
                .normalization(numbers(fields, "normalization_mean", source, location),
                        numbers(fields, "normalization_std", source, location))
                .scoreThreshold(decimal(fields, "score_threshold", source, location))
                .maskThreshold(decimal(fields, "mask_threshold", source, location))
                .tags(ModelRegistry.splitList(fields.get("tags")))
                .notes(blankToNull(fields.get("notes")))
                .provenance(blankToNull(fields.get("provenance")))
                .labelFilter(labels(fields, source, location))
                .build();
    }

    /** {@code label_filter}: label ids separated by commas (CSV) or spaces. */
    private static List<Integer> labels(Map<String, String> fields, String source, String location) {
        List<Integer> labels = new java.util.ArrayList<>();
        for (String token : ModelRegistry.splitList(fields.get("label_filter") == null ? null
                : fields.get("label_filter").replace(' ', ','))) {
            try {
                labels.add(Integer.valueOf(token.strip()));
            } catch (NumberFormatException e) {
                throw Checks.invalid(source, Checks.field(location, "label_filter"), "'" + token + "' is not a label id (a whole number)");
            }
        }
        return labels;
    }

    private static Integer integer(Map<String, String> fields, String field, String source, String location) {
        String text = blankToNull(fields.get(field));
        return text == null ? null : (int) number(text, field, source, location, true);
    }

    private static Double decimal(Map<String, String> fields, String field, String source, String location) {
        String text = blankToNull(fields.get(field));
        return text == null ? null : number(text, field, source, location, false);
    }

    private static List<Double> numbers(Map<String, String> fields, String field, String source, String location) {
        List<Double> values = new ArrayList<>();
        for (String part : ModelRegistry.splitList(fields.get(field))) {
            values.add(number(part, field, source, location, false));
        }
        return values;
    }

    private static double number(String text, String field, String source, String location, boolean integral) {
        double value;
        try {
            value = integral ? Long.parseLong(text.strip()) : Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(source, Checks.field(location, field),
                    "'" + text + "' is not " + (integral ? "an integer" : "a number"));
        }
        if (!Double.isFinite(value)) {
            throw new InvalidInputException(source, Checks.field(location, field), "'" + text + "' is not a finite number");
        }
        return value;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
