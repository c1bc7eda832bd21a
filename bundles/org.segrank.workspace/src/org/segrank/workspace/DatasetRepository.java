package org.segrank.workspace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.segrank.core.InvalidInputException;

/**
 * Datasets, their images and ground-truth instances.
 *
 * <p>Every method is safe to call from several threads and processes at once. Writes are
 * all-or-nothing: a method that throws has changed nothing.
 */
public final class DatasetRepository {
    private static final String NEW_DATASET = "new dataset";
    private static final int MAX_FILE_NAME_LENGTH = 1000;

    private final Database database;
    private final ContentStore store;

    DatasetRepository(Database database, ContentStore store) {
        this.database = database;
        this.store = store;
    }

    /**
     * Creates a dataset.
     *
     * @throws InvalidInputException naming the field if a field is invalid or the name is taken
     */
    public Dataset create(NewDataset dataset) {
        Objects.requireNonNull(dataset, "dataset");
        String name = Checks.requireName(dataset.name(), Checks.MAX_NAME_LENGTH, NEW_DATASET, "", "name");
        String location = "dataset '" + name + "'";
        String description = Checks.optionalText(dataset.description(), 4000, NEW_DATASET, location, "description");
        String source = Checks.optionalText(dataset.source(), 4000, NEW_DATASET, location, "source");
        String generator = Checks.optionalText(dataset.generator(), 200, NEW_DATASET, location, "generator");
        String settings = Json.optionalObject(dataset.generatorSettings(), NEW_DATASET, location, "generator_settings");
        return database.transaction(connection -> {
            if (find(connection, name).isPresent()) {
                throw Checks.invalid(NEW_DATASET, Checks.field(location, "name"), "a dataset with this name already exists");
            }
            long id;
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO datasets (name, description, source, seed, generator, generator_settings)"
                            + " VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, name);
                insert.setString(2, description);
                insert.setString(3, source);
                Database.setNullableLong(insert, 4, dataset.seed());
                insert.setString(5, generator);
                insert.setString(6, settings);
                insert.executeUpdate();
                id = generatedId(insert);
            } catch (SQLException e) {
                if (Database.isUniqueViolation(e)) { // created by another process meanwhile
                    throw Checks.invalid(NEW_DATASET, Checks.field(location, "name"), "a dataset with this name already exists");
                }
                throw e;
            }
            return byId(connection, id);
        });
    }

    /** The dataset with this name, if any. */
    public Optional<Dataset> findByName(String name) {
        return database.read(connection -> find(connection, name));
    }

    /**
     * The dataset with this name.
     *
     * @throws InvalidInputException if there is none
     */
    public Dataset get(String name) {
        return findByName(name).orElseThrow(() -> unknownDataset(name));
    }

    /** All datasets by name, with image counts per split and instance counts. */
    public List<DatasetSummary> list() {
        return database.read(connection -> {
            Map<Long, Dataset> datasets = new LinkedHashMap<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT * FROM datasets ORDER BY name");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Dataset dataset = dataset(rows);
                    datasets.put(dataset.id(), dataset);
                }
            }
            Map<Long, TreeMap<String, Integer>> splits = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT dataset_id, split, COUNT(*) FROM images GROUP BY dataset_id, split");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    splits.computeIfAbsent(rows.getLong(1), id -> new TreeMap<>()).put(rows.getString(2), rows.getInt(3));
                }
            }
            Map<Long, Long> instances = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT i.dataset_id, COUNT(*) FROM gt_instances g JOIN images i ON i.id = g.image_id GROUP BY i.dataset_id");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    instances.put(rows.getLong(1), rows.getLong(2));
                }
            }
            List<DatasetSummary> summaries = new ArrayList<>();
            for (Dataset dataset : datasets.values()) {
                summaries.add(new DatasetSummary(dataset, splits.getOrDefault(dataset.id(), new TreeMap<>()),
                        instances.getOrDefault(dataset.id(), 0L)));
            }
            return summaries;
        });
    }

    /**
     * The images of a dataset, by file name.
     *
     * @param split only images of this split, or {@code null} for all
     * @throws InvalidInputException if the dataset does not exist
     */
    public List<Image> images(String datasetName, String split) {
        return database.read(connection -> {
            Dataset dataset = find(connection, datasetName).orElseThrow(() -> unknownDataset(datasetName));
            String sql = "SELECT * FROM images WHERE dataset_id = ?" + (split == null ? "" : " AND split = ?")
                    + " ORDER BY file_name";
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setLong(1, dataset.id());
                if (split != null) {
                    query.setString(2, split);
                }
                List<Image> images = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        images.add(image(rows));
                    }
                }
                return images;
            }
        });
    }

    /** The image with this file name in the dataset, if both exist. */
    public Optional<Image> findImage(String datasetName, String fileName) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT i.* FROM images i JOIN datasets d ON d.id = i.dataset_id WHERE d.name = ? AND i.file_name = ?")) {
                query.setString(1, datasetName);
                query.setString(2, fileName);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(image(rows)) : Optional.empty();
                }
            }
        });
    }

    /** The ground-truth instances of an image, in insertion order. */
    public List<GtInstance> instances(long imageId) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT * FROM gt_instances WHERE image_id = ? ORDER BY id")) {
                query.setLong(1, imageId);
                List<GtInstance> instances = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        instances.add(new GtInstance(rows.getLong("id"), rows.getLong("image_id"),
                                rows.getString("category"), rows.getString("rle_counts"), rows.getInt("rle_height"),
                                rows.getInt("rle_width"), rows.getDouble("area"),
                                new BoundingBox(rows.getDouble("bbox_x"), rows.getDouble("bbox_y"),
                                        rows.getDouble("bbox_w"), rows.getDouble("bbox_h")),
                                rows.getBoolean("iscrowd")));
                    }
                }
                return instances;
            }
        });
    }

    /**
     * Adds images with their ground-truth instances to a dataset, in ONE transaction: either all
     * of them are stored or, if anything is wrong with any of them, none is.
     *
     * <p>Every image file must already be in the content store (put it there first; its digest
     * is the image's {@code sha256}).
     *
     * @param source the file the images were read from (e.g. a COCO annotation file), for error
     *     messages
     * @return the stored images, in the given order
     * @throws InvalidInputException naming {@code source}, the image ({@code images[i] 'name'}),
     *     the instance ({@code instances[j]}) and the field of the first problem found: invalid
     *     field, image content not in the store, mask size not the image size, file name already
     *     in the dataset or given twice, unknown dataset
     */
    public List<Image> addImages(String datasetName, String source, List<NewImage> images) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(images, "images");
        Set<String> namesInBatch = new HashSet<>();
        for (int i = 0; i < images.size(); i++) {
            validate(images.get(i), i, source, namesInBatch);
        }
        return database.transaction(connection -> {
            Dataset dataset = find(connection, datasetName).orElseThrow(() -> unknownDataset(datasetName));
            Set<String> existing = existingFileNames(connection, dataset.id());
            List<Image> stored = new ArrayList<>(images.size());
            try (PreparedStatement insertImage = connection.prepareStatement(
                    "INSERT INTO images (dataset_id, file_name, sha256, width, height, split, class_label, regime)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
                    PreparedStatement insertInstance = connection.prepareStatement(
                            "INSERT INTO gt_instances (image_id, category, rle_counts, rle_height, rle_width, area,"
                                    + " bbox_x, bbox_y, bbox_w, bbox_h, iscrowd) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < images.size(); i++) {
                    NewImage image = images.get(i);
                    if (existing.contains(image.fileName())) {
                        throw Checks.invalid(source, Checks.field(imageLocation(i, image), "file_name"),
                                "dataset '" + dataset.name() + "' already has an image with this file name");
                    }
                    insertImage.setLong(1, dataset.id());
                    insertImage.setString(2, image.fileName());
                    insertImage.setString(3, image.sha256());
                    insertImage.setInt(4, image.width());
                    insertImage.setInt(5, image.height());
                    insertImage.setString(6, image.split());
                    insertImage.setString(7, blankToNull(image.classLabel()));
                    insertImage.setString(8, blankToNull(image.regime()));
                    insertImage.executeUpdate();
                    long imageId = generatedId(insertImage);
                    for (NewInstance instance : image.instances()) {
                        insertInstance.setLong(1, imageId);
                        insertInstance.setString(2, instance.category().strip());
                        insertInstance.setString(3, instance.rleCounts());
                        insertInstance.setInt(4, instance.rleHeight());
                        insertInstance.setInt(5, instance.rleWidth());
                        insertInstance.setDouble(6, instance.area());
                        insertInstance.setDouble(7, instance.bbox().x());
                        insertInstance.setDouble(8, instance.bbox().y());
                        insertInstance.setDouble(9, instance.bbox().width());
                        insertInstance.setDouble(10, instance.bbox().height());
                        insertInstance.setBoolean(11, instance.iscrowd());
                        insertInstance.addBatch();
                    }
                    insertInstance.executeBatch();
                    stored.add(new Image(imageId, dataset.id(), image.fileName(), image.sha256(), image.width(),
                            image.height(), image.split(), blankToNull(image.classLabel()), blankToNull(image.regime())));
                }
            } catch (SQLException e) {
                if (Database.isUniqueViolation(e)) { // added by another process meanwhile
                    throw Checks.invalid(source, "", "dataset '" + dataset.name()
                            + "' gained an image with one of these file names while they were being added: " + e.getMessage());
                }
                throw e;
            }
            return stored;
        });
    }

    private void validate(NewImage image, int index, String source, Set<String> namesInBatch) {
        if (image == null) {
            throw Checks.invalid(source, "images[" + index + "]", "is missing (null)");
        }
        String location = imageLocation(index, image);
        String fileName = image.fileName();
        if (fileName == null || fileName.isBlank()) {
            throw Checks.invalid(source, Checks.field(location, "file_name"), "is required");
        }
        if (fileName.length() > MAX_FILE_NAME_LENGTH || !fileName.equals(fileName.strip()) || fileName.startsWith("/")
                || fileName.contains("\\") || List.of(fileName.split("/", -1)).stream().anyMatch(
                        part -> part.isEmpty() || part.equals(".") || part.equals(".."))) {
            throw Checks.invalid(source, Checks.field(location, "file_name"),
                    "must be a relative path with '/' separators, without '.', '..' or empty parts, at most "
                            + MAX_FILE_NAME_LENGTH + " characters");
        }
        if (!namesInBatch.add(fileName)) {
            throw Checks.invalid(source, Checks.field(location, "file_name"), "appears more than once in this batch");
        }
        if (!Sha256.isValid(image.sha256())) {
            throw Checks.invalid(source, Checks.field(location, "sha256"),
                    "must be 64 lowercase hex characters, got '" + image.sha256() + "'");
        }
        if (!store.contains(image.sha256())) {
            throw Checks.invalid(source, Checks.field(location, "sha256"),
                    "no file with this content is in the workspace store (put the image file first)");
        }
        Checks.requirePositive(image.width(), source, location, "width");
        Checks.requirePositive(image.height(), source, location, "height");
        if (!ImageSplits.isValid(image.split())) {
            throw Checks.invalid(source, Checks.field(location, "split"), "'" + image.split()
                    + "' is not a split name (lowercase role, optionally ':<subset>', e.g. candidate, finetune:small)");
        }
        Checks.optionalText(image.classLabel(), 200, source, location, "class_label");
        Checks.optionalText(image.regime(), 200, source, location, "regime");
        for (int j = 0; j < image.instances().size(); j++) {
            validate(image.instances().get(j), image, source, location + ", instances[" + j + "]");
        }
    }

    private static void validate(NewInstance instance, NewImage image, String source, String location) {
        if (instance == null) {
            throw Checks.invalid(source, location, "is missing (null)");
        }
        Checks.requireText(instance.category(), 200, source, location, "category");
        String rle = instance.rleCounts();
        if (rle == null || rle.isEmpty()) {
            throw Checks.invalid(source, Checks.field(location, "counts"), "is required");
        }
        for (int k = 0; k < rle.length(); k++) {
            char c = rle.charAt(k);
            if (c < '0' || c > 'o') { // COCO's compressed RLE uses characters 48..111 only
                throw Checks.invalid(source, Checks.field(location, "counts"),
                        "is not a COCO compressed RLE string: character '" + c + "' at position " + k);
            }
        }
        if (instance.rleHeight() != image.height() || instance.rleWidth() != image.width()) {
            throw Checks.invalid(source, Checks.field(location, "size"), "mask size " + instance.rleHeight() + "x"
                    + instance.rleWidth() + " (height x width) differs from the image size " + image.height() + "x"
                    + image.width());
        }
        Checks.requireFinite(instance.area(), source, location, "area");
        if (instance.area() < 0 || instance.area() > (double) image.width() * image.height()) {
            throw Checks.invalid(source, Checks.field(location, "area"),
                    "must be between 0 and the image area, got " + instance.area());
        }
        BoundingBox bbox = instance.bbox();
        if (bbox == null) {
            throw Checks.invalid(source, Checks.field(location, "bbox"), "is required");
        }
        if (!Double.isFinite(bbox.x()) || !Double.isFinite(bbox.y()) || !Double.isFinite(bbox.width())
                || !Double.isFinite(bbox.height()) || bbox.width() < 0 || bbox.height() < 0) {
            throw Checks.invalid(source, Checks.field(location, "bbox"),
                    "must be finite numbers [x, y, width, height] with width, height >= 0, got " + bbox);
        }
    }

    private static String imageLocation(int index, NewImage image) {
        return "images[" + index + "]" + (image.fileName() == null ? "" : " '" + image.fileName() + "'");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Set<String> existingFileNames(Connection connection, long datasetId) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT file_name FROM images WHERE dataset_id = ?")) {
            query.setLong(1, datasetId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    static InvalidInputException unknownDataset(String name) {
        return new InvalidInputException("workspace", "dataset '" + name + "'", "no such dataset");
    }

    static Optional<Dataset> find(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM datasets WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(dataset(rows)) : Optional.empty();
            }
        }
    }

    private static Dataset byId(Connection connection, long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM datasets WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return dataset(rows);
            }
        }
    }

    static long generatedId(Statement statement) throws SQLException {
        try (ResultSet keys = statement.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("the database returned no generated id");
            }
            return keys.getLong(1);
        }
    }

    private static Dataset dataset(ResultSet rows) throws SQLException {
        return new Dataset(rows.getLong("id"), rows.getString("name"), rows.getString("description"),
                rows.getString("source"), Database.nullableLong(rows, "seed"), rows.getString("generator"),
                rows.getString("generator_settings"), Database.instant(rows, "created_at"));
    }

    static Image image(ResultSet rows) throws SQLException {
        return new Image(rows.getLong("id"), rows.getLong("dataset_id"), rows.getString("file_name"),
                rows.getString("sha256"), rows.getInt("width"), rows.getInt("height"), rows.getString("split"),
                rows.getString("class_label"), rows.getString("regime"));
    }
}
