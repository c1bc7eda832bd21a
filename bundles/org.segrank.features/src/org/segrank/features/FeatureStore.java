package org.segrank.features;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.segrank.core.InvalidInputException;
import org.segrank.workspace.Workspace;
import org.segrank.workspace.WorkspaceException;

/**
 * Feature vectors in the workspace database: tables {@code feature_extractors}, {@code feature_sets}
 * and {@code features} of schema V1. A vector is stored as {@code dim} IEEE-754 float32 values,
 * little-endian ({@code 4 * dim} bytes), so it reads back bit-identical.
 *
 * <p>Every method is safe to call from several threads and processes at once (each uses its own pooled
 * connection) and is all-or-nothing: a method that throws has changed nothing. Get-or-create methods
 * survive a concurrent creation of the same row. Database failures are thrown as
 * {@link WorkspaceException}; refused input as {@link InvalidInputException} (user data) or
 * {@link IllegalArgumentException} (a caller's programming error, e.g. a vector of the wrong length).
 */
public final class FeatureStore {
    /** H2 SQLState for a unique or primary key violation. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** {@code features.vector} is VARBINARY(1000000). */
    public static final int MAX_DIMENSION = 1_000_000 / Float.BYTES;
    private static final String SOURCE = "feature store";

    private final DataSource dataSource;

    public FeatureStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The store of the workspace's database. */
    public static FeatureStore of(Workspace workspace) {
        return new FeatureStore(workspace.dataSource());
    }

    // ---- extractors ----

    /**
     * Registers the extractor (name, version, dimension; its settings JSON as parameters), or returns
     * the existing registration of that name and version.
     *
     * @throws InvalidInputException if that name and version are registered with another dimension
     */
    public RegisteredExtractor registerExtractor(FeatureExtractor extractor) {
        return registerExtractor(extractor.name(), extractor.version(), extractor.dimension(), extractor.settingsJson(),
                null);
    }

    /**
     * Registers an extractor, or returns the existing registration of {@code (name, version)}; an
     * existing row keeps its parameters, and gains the artifact if it had none (vectors extracted from a
     * backbone file before that file was registered).
     *
     * @param parameters JSON object text, or {@code null}
     * @param artifactSha256 its weights in the file store, or {@code null}
     * @throws InvalidInputException if name or version are blank or too long, the dimension is not in
     *     {@code 1..MAX_DIMENSION}, or that name and version are registered with another dimension or
     *     another artifact
     */
    public RegisteredExtractor registerExtractor(String name, String version, int dimension, String parameters,
            String artifactSha256) {
        String location = "extractor '" + name + "' version '" + version + "'";
        requireText(name, 200, location, "name");
        requireText(version, 100, location, "version");
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new InvalidInputException(SOURCE, location, "dimension must be 1.." + MAX_DIMENSION + ", got " + dimension);
        }
        if (artifactSha256 != null && !artifactSha256.matches("[0-9a-f]{64}")) {
            throw new InvalidInputException(SOURCE, location, "artifact sha256 must be 64 lowercase hex characters");
        }
        RegisteredExtractor registered = read(connection -> findExtractor(connection, name, version)).orElseGet(() -> {
            try {
                return write(connection -> {
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO feature_extractors"
                            + " (name, version, dim, parameters, artifact_sha256) VALUES (?, ?, ?, ?, ?)")) {
                        insert.setString(1, name);
                        insert.setString(2, version);
                        insert.setInt(3, dimension);
                        insert.setString(4, parameters);
                        insert.setString(5, artifactSha256);
                        insert.executeUpdate();
                    }
                    return findExtractor(connection, name, version).orElseThrow();
                });
            } catch (WorkspaceException e) {
                if (isUniqueViolation(e)) { // registered by another thread or process meanwhile
                    return read(connection -> findExtractor(connection, name, version)).orElseThrow(() -> e);
                }
                throw e;
            }
        });
        if (registered.dimension() != dimension) {
            throw new InvalidInputException(SOURCE, location, "is registered with dimension " + registered.dimension()
                    + ", not " + dimension + " (a changed extractor needs a new version)");
        }
        if (artifactSha256 == null || artifactSha256.equals(registered.artifactSha256())) {
            return registered;
        }
        if (registered.artifactSha256() != null) {
            throw new InvalidInputException(SOURCE, location, "is registered with weights " + registered.artifactSha256()
                    + ", not " + artifactSha256 + " (other weights need another version)");
        }
        return write(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE feature_extractors SET artifact_sha256 = ? WHERE id = ? AND artifact_sha256 IS NULL")) {
                update.setString(1, artifactSha256);
                update.setLong(2, registered.id());
                update.executeUpdate();
            }
            RegisteredExtractor updated = findExtractor(connection, name, version).orElseThrow();
            if (!artifactSha256.equals(updated.artifactSha256())) { // another process attached other weights meanwhile
                throw new InvalidInputException(SOURCE, location, "is registered with weights " + updated.artifactSha256()
                        + ", not " + artifactSha256);
            }
            return updated;
        });
    }

    /** The extractor registered under this name and version, if any. */
    public Optional<RegisteredExtractor> findExtractor(String name, String version) {
        return read(connection -> findExtractor(connection, name, version));
    }

    /** All registered extractors by name and version. */
    public List<RegisteredExtractor> extractors() {
        return read(connection -> {
            List<RegisteredExtractor> result = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT * FROM feature_extractors ORDER BY name, version");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    result.add(extractor(rows));
                }
            }
            return result;
        });
    }

    private static Optional<RegisteredExtractor> findExtractor(Connection connection, String name, String version)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT * FROM feature_extractors WHERE name = ? AND version = ?")) {
            query.setString(1, name);
            query.setString(2, version);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(extractor(rows)) : Optional.empty();
            }
        }
    }

    private static RegisteredExtractor extractor(ResultSet rows) throws SQLException {
        return new RegisteredExtractor(rows.getLong("id"), rows.getString("name"), rows.getString("version"),
                rows.getInt("dim"), rows.getString("parameters"), rows.getString("artifact_sha256"));
    }

    // ---- feature sets ----

    /**
     * The feature set of this extractor, dataset and settings, created if it does not exist.
     *
     * @param settings JSON object text of the settings, or {@code null}; kept from the first creation
     * @throws InvalidInputException if the settings hash is blank or longer than 128 characters
     */
    public FeatureSet featureSet(RegisteredExtractor extractor, long datasetId, String settingsHash, String settings) {
        Objects.requireNonNull(extractor, "extractor");
        requireText(settingsHash, 128, "feature set of extractor '" + extractor.name() + "'", "settings hash");
        Optional<FeatureSet> existing = findFeatureSet(extractor.id(), datasetId, settingsHash);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            return write(connection -> {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO feature_sets"
                        + " (extractor_id, dataset_id, settings_hash, settings) VALUES (?, ?, ?, ?)")) {
                    insert.setLong(1, extractor.id());
                    insert.setLong(2, datasetId);
                    insert.setString(3, settingsHash);
                    insert.setString(4, settings);
                    insert.executeUpdate();
                }
                return findFeatureSet(connection, extractor.id(), datasetId, settingsHash).orElseThrow();
            });
        } catch (WorkspaceException e) {
            if (isUniqueViolation(e)) { // created by another thread or process meanwhile
                return findFeatureSet(extractor.id(), datasetId, settingsHash).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /** The feature set of this extractor, dataset and settings hash, if it exists. */
    public Optional<FeatureSet> findFeatureSet(long extractorId, long datasetId, String settingsHash) {
        return read(connection -> findFeatureSet(connection, extractorId, datasetId, settingsHash));
    }

    /** The feature sets of a dataset, oldest first. */
    public List<FeatureSet> featureSets(long datasetId) {
        return read(connection -> {
            List<FeatureSet> result = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT s.*, e.dim FROM feature_sets s"
                    + " JOIN feature_extractors e ON e.id = s.extractor_id WHERE s.dataset_id = ? ORDER BY s.id")) {
                query.setLong(1, datasetId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        result.add(featureSet(rows));
                    }
                }
            }
            return result;
        });
    }

    /** Deletes a feature set with all its vectors; returns whether it existed. */
    public boolean deleteFeatureSet(FeatureSet set) {
        return write(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM feature_sets WHERE id = ?")) {
                delete.setLong(1, set.id());
                return delete.executeUpdate() > 0;
            }
        });
    }

    private static Optional<FeatureSet> findFeatureSet(Connection connection, long extractorId, long datasetId,
            String settingsHash) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT s.*, e.dim FROM feature_sets s"
                + " JOIN feature_extractors e ON e.id = s.extractor_id"
                + " WHERE s.extractor_id = ? AND s.dataset_id = ? AND s.settings_hash = ?")) {
            query.setLong(1, extractorId);
            query.setLong(2, datasetId);
            query.setString(3, settingsHash);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(featureSet(rows)) : Optional.empty();
            }
        }
    }

    private static FeatureSet featureSet(ResultSet rows) throws SQLException {
        return new FeatureSet(rows.getLong("id"), rows.getLong("extractor_id"), rows.getLong("dataset_id"),
                rows.getString("settings_hash"), rows.getString("settings"), rows.getInt("dim"));
    }

    // ---- vectors ----

    /**
     * Stores (or replaces) the vector of one image, committed before this returns.
     *
     * @throws IllegalArgumentException if the vector's length is not the set's dimension or a value is
     *     not finite
     */
    public void put(FeatureSet set, long imageId, float[] vector) {
        byte[] bytes = encode(checkedVector(set, vector));
        write(connection -> {
            try (PreparedStatement merge = mergeStatement(connection)) {
                bind(merge, set, imageId, bytes);
                merge.executeUpdate();
            }
            return null;
        });
    }

    /** Stores (or replaces) several vectors in one transaction: all or none. */
    public void putAll(FeatureSet set, Map<Long, float[]> vectors) {
        Map<Long, byte[]> encoded = new LinkedHashMap<>();
        vectors.forEach((imageId, vector) -> encoded.put(imageId, encode(checkedVector(set, vector))));
        write(connection -> {
            try (PreparedStatement merge = mergeStatement(connection)) {
                for (Map.Entry<Long, byte[]> entry : encoded.entrySet()) {
                    bind(merge, set, entry.getKey(), entry.getValue());
                    merge.addBatch();
                }
                merge.executeBatch();
            }
            return null;
        });
    }

    private static PreparedStatement mergeStatement(Connection connection) throws SQLException {
        return connection.prepareStatement(
                "MERGE INTO features (feature_set_id, image_id, dim, vector) KEY (feature_set_id, image_id) VALUES (?, ?, ?, ?)");
    }

    private static void bind(PreparedStatement merge, FeatureSet set, long imageId, byte[] bytes) throws SQLException {
        merge.setLong(1, set.id());
        merge.setLong(2, imageId);
        merge.setInt(3, set.dimension());
        merge.setObject(4, bytes, Types.VARBINARY);
    }

    private static float[] checkedVector(FeatureSet set, float[] vector) {
        Objects.requireNonNull(vector, "vector");
        if (vector.length != set.dimension()) {
            throw new IllegalArgumentException("feature set " + set.id() + " holds vectors of " + set.dimension()
                    + " values, got " + vector.length);
        }
        for (int i = 0; i < vector.length; i++) {
            if (!Float.isFinite(vector[i])) {
                throw new IllegalArgumentException("vector value " + i + " is " + vector[i] + "; only finite values are stored");
            }
        }
        return vector;
    }

    /** The stored vector of an image, if any. */
    public Optional<float[]> get(FeatureSet set, long imageId) {
        return read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT dim, vector FROM features WHERE feature_set_id = ? AND image_id = ?")) {
                query.setLong(1, set.id());
                query.setLong(2, imageId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(decode(rows.getBytes(2), rows.getInt(1))) : Optional.empty();
                }
            }
        });
    }

    /** Ids of the images that have a vector in the set (what a resumed extraction skips). */
    public Set<Long> storedImageIds(FeatureSet set) {
        return read(connection -> {
            Set<Long> ids = new HashSet<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT image_id FROM features WHERE feature_set_id = ?")) {
                query.setLong(1, set.id());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    /** Number of vectors in the set. */
    public int count(FeatureSet set) {
        return read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT COUNT(*) FROM features WHERE feature_set_id = ?")) {
                query.setLong(1, set.id());
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
    }

    /**
     * All stored vectors of the set's images in {@code split} (or all splits for {@code null}), ordered
     * by file name. Images without a vector are left out.
     */
    public FeatureMatrix load(FeatureSet set, String split) {
        return read(connection -> {
            String sql = "SELECT i.id, i.file_name, f.dim, f.vector FROM features f JOIN images i ON i.id = f.image_id"
                    + " WHERE f.feature_set_id = ?" + (split == null ? "" : " AND i.split = ?") + " ORDER BY i.file_name";
            List<Long> ids = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setLong(1, set.id());
                if (split != null) {
                    query.setString(2, split);
                }
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        int dim = rows.getInt(3);
                        if (dim != set.dimension()) {
                            throw new WorkspaceException("feature set " + set.id() + ": image " + rows.getLong(1)
                                    + " has a vector of " + dim + " values, expected " + set.dimension());
                        }
                        ids.add(rows.getLong(1));
                        names.add(rows.getString(2));
                        vectors.add(decode(rows.getBytes(4), dim));
                    }
                }
            }
            long[] imageIds = ids.stream().mapToLong(Long::longValue).toArray();
            return new FeatureMatrix(imageIds, names.toArray(String[]::new), vectors.toArray(float[][]::new),
                    set.dimension());
        });
    }

    // ---- encoding ----

    /** {@code vector} as float32 little-endian bytes, the {@code features.vector} format. */
    public static byte[] encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    /**
     * The vector of {@code dim} float32 little-endian values in {@code bytes}.
     *
     * @throws WorkspaceException if the byte count is not {@code 4 * dim}
     */
    public static float[] decode(byte[] bytes, int dim) {
        if (bytes == null || bytes.length != dim * Float.BYTES) {
            throw new WorkspaceException("a stored feature vector has " + (bytes == null ? 0 : bytes.length)
                    + " bytes, expected " + dim * Float.BYTES + " for dimension " + dim);
        }
        float[] vector = new float[dim];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    // ---- plumbing ----

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Auto-commit work (single statements and reads). */
    private <T> T read(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException e) {
            throw new WorkspaceException("workspace database error: " + e.getMessage(), e);
        }
    }

    /** One transaction: committed if the work returns, rolled back if it throws. */
    private <T> T write(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error failure) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    failure.addSuppressed(rollbackFailure);
                }
                throw failure;
            } finally {
                connection.setAutoCommit(true); // the pool hands this connection out again
            }
        } catch (SQLException e) {
            throw new WorkspaceException("workspace database error: " + e.getMessage(), e);
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void requireText(String value, int maxLength, String location, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(SOURCE, location, field + " is required");
        }
        if (value.length() > maxLength) {
            throw new InvalidInputException(SOURCE, location, field + " must be at most " + maxLength + " characters");
        }
    }
}
