package org.segrank.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.segrank.core.InvalidInputException;

/**
 * The lab's model registry: versions of named models, their artifacts in the content store,
 * workspace-wide aliases and soft removal.
 *
 * <p><b>References.</b> Methods that take a {@code ref} accept {@code name} (the most recently
 * registered active version), {@code name:version} (exactly that version) or an alias. Names,
 * versions and aliases consist of letters, digits, {@code . _ + -}, and no alias equals a model
 * name, so a reference is never ambiguous.
 *
 * <p><b>Transactions.</b> Every write is all-or-nothing in the database. Artifacts are copied
 * into the content store before the database transaction; if that transaction fails the copies
 * stay as unreferenced store files, which are harmless (re-registering reuses them) and listed by
 * {@link WorkspaceMaintenance#check()}. Soft-removed models keep their rows, artifacts, results
 * and aliases; they are hidden from {@link #list(boolean)} and bare-name lookups.
 */
public final class ModelRegistry {
    private static final String REGISTRATION = "model registration";

    private final Database database;
    private final ContentStore store;

    ModelRegistry(Database database, ContentStore store) {
        this.database = database;
        this.store = store;
    }

    /**
     * Registers one model version (storing its artifact, if given).
     *
     * @throws InvalidInputException naming the model and field if the registration is invalid,
     *     the name:version exists, the name is an alias, the artifact file is unreadable or does
     *     not match the given sha256 or size
     */
    public RegisteredModel register(ModelRegistration registration) throws IOException {
        Objects.requireNonNull(registration, "registration");
        String location = "model '" + registration.name() + ":" + registration.version() + "'";
        return registerAll(REGISTRATION, List.of(new ModelManifest.Entry(location, registration))).get(0);
    }

    /**
     * Registers every model of a manifest ({@code .csv} with a header row, or {@code .json}) in
     * one transaction: all of them or, if any row is invalid, none. Every row is validated
     * (fields, artifact files present, declared sizes, names free) before any artifact is
     * copied; only a declared sha256 that an artifact's content contradicts is found while
     * copying. Either way the database is unchanged by a failure; artifacts of earlier rows that
     * were already copied stay in the store as unreferenced files (see the class comment).
     *
     * <p>Columns: {@code name, version, architecture, format, artifact, sha256, size_bytes,
     * fine_tuned_on_dataset, base_model, input_width, input_height, normalization_mean,
     * normalization_std, score_threshold, mask_threshold, tags, notes, provenance, label_filter}; only name,
     * architecture and format are required; artifact paths are relative to the manifest.
     *
     * @return the registered models in manifest order
     * @throws InvalidInputException naming the manifest file, the row ({@code row N (line L)} or
     *     {@code models[i]}) and the field of the first problem
     */
    public List<RegisteredModel> registerManifest(Path manifest) throws IOException {
        List<ModelManifest.Entry> entries = ModelManifest.read(manifest);
        return registerAll(manifest.toString(), entries);
    }

    private List<RegisteredModel> registerAll(String source, List<ModelManifest.Entry> entries) throws IOException {
        // 1. Everything that can be checked without copying artifacts.
        Map<String, String> seen = new HashMap<>();
        for (ModelManifest.Entry entry : entries) {
            validate(entry.registration(), source, entry.location());
            ModelRegistration registration = entry.registration();
            if (registration.artifact() == null && registration.artifactSha256() != null
                    && !store.contains(registration.artifactSha256())) {
                throw Checks.invalid(source, Checks.field(entry.location(), "sha256"),
                        "no artifact path is given and the workspace store has no content with this sha256");
            }
            if (registration.artifact() != null && registration.sizeBytes() != null
                    && Files.size(registration.artifact()) != registration.sizeBytes()) {
                throw Checks.invalid(source, Checks.field(entry.location(), "size_bytes"), "the artifact "
                        + registration.artifact() + " has " + Files.size(registration.artifact())
                        + " bytes, not the declared " + registration.sizeBytes());
            }
            String previous = seen.putIfAbsent(entry.registration().qualifiedName(), entry.location());
            if (previous != null) {
                throw Checks.invalid(source, Checks.field(entry.location(), "version"), "model "
                        + entry.registration().qualifiedName() + " is also listed at " + previous);
            }
        }
        database.read(connection -> {
            for (ModelManifest.Entry entry : entries) {
                checkNameIsFree(connection, entry.registration(), source, entry.location());
            }
            return null;
        });
        // 2. Artifacts into the store (checked against declared digest and size).
        List<String> digests = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (ModelManifest.Entry entry : entries) {
            ModelRegistration registration = entry.registration();
            if (registration.artifact() != null) {
                StoredFile stored;
                try {
                    stored = store.put(registration.artifact(), registration.artifactSha256());
                } catch (ChecksumMismatchException e) {
                    throw new InvalidInputException(source, Checks.field(entry.location(), "sha256"), "the artifact "
                            + registration.artifact() + " has sha256 " + e.actualSha256() + ", not the declared "
                            + e.expectedSha256(), e);
                }
                if (registration.sizeBytes() != null && registration.sizeBytes() != stored.sizeBytes()) {
                    throw Checks.invalid(source, Checks.field(entry.location(), "size_bytes"), "the artifact "
                            + registration.artifact() + " changed while it was copied: " + stored.sizeBytes()
                            + " bytes, declared " + registration.sizeBytes());
                }
                digests.add(stored.sha256());
                sizes.add(stored.sizeBytes());
            } else if (registration.artifactSha256() != null) {
                digests.add(registration.artifactSha256());
                sizes.add(Files.size(store.resolve(registration.artifactSha256())));
            } else {
                digests.add(null);
                sizes.add(registration.sizeBytes());
            }
        }
        // 3. One transaction for all rows.
        return database.transaction(connection -> {
            List<RegisteredModel> registered = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                ModelManifest.Entry entry = entries.get(i);
                checkNameIsFree(connection, entry.registration(), source, entry.location()); // another process may have won
                long id = insert(connection, entry.registration(), digests.get(i), sizes.get(i), source, entry.location());
                registered.add(byId(connection, id));
            }
            return registered;
        });
    }

    private static void validate(ModelRegistration registration, String source, String location) {
        Checks.requireName(registration.name(), Checks.MAX_NAME_LENGTH, source, location, "name");
        Checks.requireName(registration.version(), Checks.MAX_VERSION_LENGTH, source, location, "version");
        Checks.requireText(registration.architecture(), 200, source, location, "architecture");
        if (registration.format() == null) {
            throw Checks.invalid(source, Checks.field(location, "format"), "is required (onnx, torchscript or djl)");
        }
        if (registration.artifactSha256() != null && !Sha256.isValid(registration.artifactSha256())) {
            throw Checks.invalid(source, Checks.field(location, "sha256"),
                    "must be 64 lowercase hex characters, got '" + registration.artifactSha256() + "'");
        }
        if (registration.artifact() != null && !Files.isRegularFile(registration.artifact())) {
            throw Checks.invalid(source, Checks.field(location, "artifact"), "file not found: " + registration.artifact());
        }
        if (registration.artifact() != null && !Files.isReadable(registration.artifact())) {
            throw Checks.invalid(source, Checks.field(location, "artifact"), "file not readable: " + registration.artifact());
        }
        if (registration.sizeBytes() != null && registration.sizeBytes() < 0) {
            throw Checks.invalid(source, Checks.field(location, "size_bytes"), "must not be negative");
        }
        if (registration.fineTunedOnDataset() != null) {
            Checks.requireName(registration.fineTunedOnDataset(), Checks.MAX_NAME_LENGTH, source, location,
                    "fine_tuned_on_dataset");
        }
        Checks.optionalText(registration.baseModel(), 200, source, location, "base_model");
        Checks.requirePositive(registration.inputWidth(), source, location, "input_width");
        Checks.requirePositive(registration.inputHeight(), source, location, "input_height");
        validateChannels(registration.normalizationMean(), false, source, location, "normalization_mean");
        validateChannels(registration.normalizationStd(), true, source, location, "normalization_std");
        if (!registration.normalizationMean().isEmpty() && !registration.normalizationStd().isEmpty()
                && registration.normalizationMean().size() != registration.normalizationStd().size()) {
            throw Checks.invalid(source, Checks.field(location, "normalization_std"), "has "
                    + registration.normalizationStd().size() + " values but normalization_mean has "
                    + registration.normalizationMean().size());
        }
        Checks.requireUnitInterval(registration.scoreThreshold(), source, location, "score_threshold");
        Checks.requireUnitInterval(registration.maskThreshold(), source, location, "mask_threshold");
        for (Integer label : registration.labelFilter()) {
            if (label == null || label < 0) {
                throw Checks.invalid(source, Checks.field(location, "label_filter"),
                        "labels must be whole numbers >= 0 (the model's output label ids), got " + registration.labelFilter());
            }
        }
        for (String tag : registration.tags()) {
            if (tag == null || tag.isBlank() || tag.contains(",") || !tag.equals(tag.strip()) || tag.length() > 100) {
                throw Checks.invalid(source, Checks.field(location, "tags"),
                        "each tag must be non-blank, without commas or surrounding spaces, at most 100 characters: '" + tag + "'");
            }
        }
        if (String.join(",", registration.tags()).length() > 2000) {
            throw Checks.invalid(source, Checks.field(location, "tags"), "are longer than 2000 characters in total");
        }
        Checks.optionalText(registration.notes(), 100_000, source, location, "notes");
        Json.optionalObject(registration.provenance(), source, location, "provenance");
    }

    private static void validateChannels(List<Double> values, boolean positive, String source, String location,
            String field) {
        if (values.isEmpty()) {
            return;
        }
        if (values.size() != 1 && values.size() != 3) {
            throw Checks.invalid(source, Checks.field(location, field), "needs 1 or 3 values (per channel), got " + values.size());
        }
        for (Double value : values) {
            if (value == null || !Double.isFinite(value) || (positive && value <= 0)) {
                throw Checks.invalid(source, Checks.field(location, field),
                        "values must be finite numbers" + (positive ? " > 0" : "") + ", got " + values);
            }
        }
    }

    private static void checkNameIsFree(Connection connection, ModelRegistration registration, String source,
            String location) throws SQLException {
        if (Database.count(connection, "SELECT COUNT(*) FROM models WHERE name = ? AND version = ?",
                registration.name(), registration.version()) > 0) {
            throw Checks.invalid(source, Checks.field(location, "version"),
                    "model " + registration.qualifiedName() + " is already registered");
        }
        if (Database.count(connection, "SELECT COUNT(*) FROM model_aliases WHERE alias = ?", registration.name()) > 0) {
            throw Checks.invalid(source, Checks.field(location, "name"),
                    "'" + registration.name() + "' is already used as an alias");
        }
    }

    private static long insert(Connection connection, ModelRegistration registration, String sha256, Long sizeBytes,
            String source, String location) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO models (name, version, architecture,"
                + " format, artifact_sha256, size_bytes, fine_tuned_on_dataset, base_model, input_width, input_height,"
                + " normalization_mean, normalization_std, score_threshold, mask_threshold, tags, notes, provenance,"
                + " label_filter) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, registration.name());
            insert.setString(2, registration.version());
            insert.setString(3, registration.architecture().strip());
            insert.setString(4, registration.format().id());
            insert.setString(5, sha256);
            Database.setNullableLong(insert, 6, sizeBytes);
            insert.setString(7, registration.fineTunedOnDataset());
            insert.setString(8, Checks.optionalText(registration.baseModel(), 200, source, location, "base_model"));
            Database.setNullableInt(insert, 9, registration.inputWidth());
            Database.setNullableInt(insert, 10, registration.inputHeight());
            insert.setString(11, joinNumbers(registration.normalizationMean()));
            insert.setString(12, joinNumbers(registration.normalizationStd()));
            Database.setNullableDouble(insert, 13, registration.scoreThreshold());
            Database.setNullableDouble(insert, 14, registration.maskThreshold());
            insert.setString(15, registration.tags().isEmpty() ? null : String.join(",", registration.tags()));
            insert.setString(16, Checks.optionalText(registration.notes(), 100_000, source, location, "notes"));
            insert.setString(17, Json.optionalObject(registration.provenance(), source, location, "provenance"));
            insert.setString(18, registration.labelFilter().isEmpty() ? null
                    : String.join(",", registration.labelFilter().stream().map(String::valueOf).toList()));
            insert.executeUpdate();
            return DatasetRepository.generatedId(insert);
        } catch (SQLException e) {
            if (Database.isUniqueViolation(e)) {
                throw Checks.invalid(source, Checks.field(location, "version"),
                        "model " + registration.qualifiedName() + " is already registered");
            }
            throw e;
        }
    }

    /**
     * All models by name, then registration order.
     *
     * @param includeRemoved whether soft-removed models are listed too
     */
    public List<RegisteredModel> list(boolean includeRemoved) {
        return database.read(connection -> query(connection, "SELECT * FROM models"
                + (includeRemoved ? "" : " WHERE removed_at IS NULL") + " ORDER BY name, id"));
    }

    /** Every version of the named model, removed ones included, in registration order. */
    public List<RegisteredModel> versions(String name) {
        return database.read(connection -> query(connection, "SELECT * FROM models WHERE name = ? ORDER BY id", name));
    }

    /** The active model a reference names; see the class comment for the reference forms. */
    public Optional<RegisteredModel> find(String ref) {
        return find(ref, false);
    }

    /**
     * The model a reference names.
     *
     * @param includeRemoved whether a soft-removed model may be returned (for a bare name: the
     *     latest version if no version is active)
     */
    public Optional<RegisteredModel> find(String ref, boolean includeRemoved) {
        return database.read(connection -> resolve(connection, ref, includeRemoved).model());
    }

    /**
     * The active model a reference names.
     *
     * @throws InvalidInputException explaining why not: unknown name or version, unknown alias,
     *     or removed model (naming the alias if the reference was one)
     */
    public RegisteredModel get(String ref) {
        Resolution resolution = database.read(connection -> resolve(connection, ref, false));
        if (resolution.model().isEmpty()) {
            throw new InvalidInputException("workspace", "model '" + ref + "'", resolution.problem());
        }
        return resolution.model().get();
    }

    /** A model lookup's outcome: the model, or why there is none. */
    record Resolution(Optional<RegisteredModel> model, String problem) {
        static Resolution found(RegisteredModel model) {
            return new Resolution(Optional.of(model), null);
        }

        static Resolution missing(String problem) {
            return new Resolution(Optional.empty(), problem);
        }
    }

    /** Resolves a reference inside an open connection (used by the result import too). */
    static Resolution resolve(Connection connection, String ref, boolean includeRemoved) throws SQLException {
        if (ref == null || ref.isBlank()) {
            return Resolution.missing("no model given");
        }
        String text = ref.strip();
        int colon = text.indexOf(':');
        if (colon >= 0) {
            String name = text.substring(0, colon);
            String version = text.substring(colon + 1);
            List<RegisteredModel> matches = query(connection, "SELECT * FROM models WHERE name = ? AND version = ?",
                    name, version);
            if (matches.isEmpty()) {
                return Resolution.missing("no model " + name + " with version " + version + " is registered");
            }
            RegisteredModel model = matches.get(0);
            return model.isRemoved() && !includeRemoved
                    ? Resolution.missing("model " + model.qualifiedName() + " was removed")
                    : Resolution.found(model);
        }
        List<RegisteredModel> versions = query(connection, "SELECT * FROM models WHERE name = ? ORDER BY id DESC", text);
        if (!versions.isEmpty()) {
            Optional<RegisteredModel> active = versions.stream().filter(model -> !model.isRemoved()).findFirst();
            if (active.isPresent()) {
                return Resolution.found(active.get());
            }
            return includeRemoved ? Resolution.found(versions.get(0))
                    : Resolution.missing("every version of model " + text + " was removed");
        }
        List<RegisteredModel> aliased = query(connection,
                "SELECT m.* FROM model_aliases a JOIN models m ON m.id = a.model_id WHERE a.alias = ?", text);
        if (aliased.isEmpty()) {
            return Resolution.missing("no model or alias with this name");
        }
        RegisteredModel model = aliased.get(0);
        return model.isRemoved() && !includeRemoved
                ? Resolution.missing("alias '" + text + "' points to model " + model.qualifiedName() + ", which was removed")
                : Resolution.found(model);
    }

    /** Active versions of the named model, newest first (the result import rejects ambiguity). */
    static List<RegisteredModel> activeVersions(Connection connection, String name) throws SQLException {
        return query(connection, "SELECT * FROM models WHERE name = ? AND removed_at IS NULL ORDER BY id DESC", name);
    }

    /**
     * Points an alias at the model a reference names, moving it if it exists.
     *
     * @throws InvalidInputException if the alias is not a valid name, equals a model name, or the
     *     reference does not name an active model
     */
    public ModelAlias setAlias(String alias, String ref) {
        Checks.requireName(alias, Checks.MAX_NAME_LENGTH, "alias", "", "alias");
        return database.transaction(connection -> {
            if (Database.count(connection, "SELECT COUNT(*) FROM models WHERE name = ?", alias) > 0) {
                throw Checks.invalid("alias", "alias '" + alias + "'", "is the name of a model; choose another alias");
            }
            Resolution resolution = resolve(connection, ref, false);
            RegisteredModel model = resolution.model().orElseThrow(
                    () -> new InvalidInputException("workspace", "model '" + ref + "'", resolution.problem()));
            try (PreparedStatement merge = connection.prepareStatement(
                    "MERGE INTO model_aliases (alias, model_id, model_name, updated_at) KEY (alias)"
                            + " VALUES (?, ?, ?, CURRENT_TIMESTAMP)")) {
                merge.setString(1, alias);
                merge.setLong(2, model.id());
                merge.setString(3, model.name());
                merge.executeUpdate();
            }
            return new ModelAlias(alias, model);
        });
    }

    /** Deletes an alias; returns whether it existed. */
    public boolean removeAlias(String alias) {
        return database.transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM model_aliases WHERE alias = ?")) {
                delete.setString(1, alias);
                return delete.executeUpdate() > 0;
            }
        });
    }

    /** All aliases by name, with the model they point to (which may be removed). */
    public List<ModelAlias> aliases() {
        return database.read(connection -> {
            List<ModelAlias> aliases = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT a.alias, m.* FROM model_aliases a JOIN models m ON m.id = a.model_id ORDER BY a.alias");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    aliases.add(new ModelAlias(rows.getString("alias"), model(rows)));
                }
            }
            return aliases;
        });
    }

    /**
     * Soft-removes the active model a reference names: it disappears from listings and bare-name
     * lookups but keeps its artifact, results and aliases (which then report it as removed).
     * Idempotent per version: removing a removed version is an error naming it.
     *
     * @return the model as now stored
     */
    public RegisteredModel softRemove(String ref) {
        return database.transaction(connection -> {
            Resolution resolution = resolve(connection, ref, false);
            RegisteredModel model = resolution.model().orElseThrow(
                    () -> new InvalidInputException("workspace", "model '" + ref + "'", resolution.problem()));
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE models SET removed_at = CURRENT_TIMESTAMP WHERE id = ? AND removed_at IS NULL")) {
                update.setLong(1, model.id());
                update.executeUpdate();
            }
            return byId(connection, model.id());
        });
    }

    /** Undoes a soft removal of {@code name:version}; returns the model as now stored. */
    public RegisteredModel restore(String nameAndVersion) {
        return database.transaction(connection -> {
            if (nameAndVersion == null || nameAndVersion.indexOf(':') < 0) {
                throw new InvalidInputException("workspace", "model '" + nameAndVersion + "'",
                        "restore needs name:version");
            }
            Resolution resolution = resolve(connection, nameAndVersion, true);
            RegisteredModel model = resolution.model().orElseThrow(
                    () -> new InvalidInputException("workspace", "model '" + nameAndVersion + "'", resolution.problem()));
            try (PreparedStatement update = connection.prepareStatement("UPDATE models SET removed_at = NULL WHERE id = ?")) {
                update.setLong(1, model.id());
                update.executeUpdate();
            }
            return byId(connection, model.id());
        });
    }

    /**
     * Re-hashes the artifact of the model a reference names (removed models included) and
     * compares it with the registered digest.
     *
     * @throws InvalidInputException if the reference names no model
     */
    public ArtifactVerification verify(String ref) throws IOException {
        Resolution resolution = database.read(connection -> resolve(connection, ref, true));
        RegisteredModel model = resolution.model().orElseThrow(
                () -> new InvalidInputException("workspace", "model '" + ref + "'", resolution.problem()));
        return verify(model);
    }

    /** Verifies every registered model's artifact, removed ones included, in {@link #list} order. */
    public List<ArtifactVerification> verifyAll() throws IOException {
        List<ArtifactVerification> results = new ArrayList<>();
        for (RegisteredModel model : list(true)) {
            results.add(verify(model));
        }
        return results;
    }

    private ArtifactVerification verify(RegisteredModel model) throws IOException {
        if (!model.hasArtifact()) {
            return new ArtifactVerification(model, ArtifactVerification.Status.METADATA_ONLY, null, null);
        }
        Path path = store.resolve(model.artifactSha256());
        if (!Files.isRegularFile(path)) {
            return new ArtifactVerification(model, ArtifactVerification.Status.MISSING, path, null);
        }
        String actual = Sha256.of(path);
        return new ArtifactVerification(model, actual.equals(model.artifactSha256())
                ? ArtifactVerification.Status.OK : ArtifactVerification.Status.CORRUPT, path, actual);
    }

    private static RegisteredModel byId(Connection connection, long id) throws SQLException {
        return query(connection, "SELECT * FROM models WHERE id = ?", id).get(0);
    }

    private static List<RegisteredModel> query(Connection connection, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            List<RegisteredModel> models = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    models.add(model(rows));
                }
            }
            return models;
        }
    }

    static RegisteredModel model(ResultSet rows) throws SQLException {
        return new RegisteredModel(rows.getLong("id"), rows.getString("name"), rows.getString("version"),
                rows.getString("architecture"), ModelFormat.parse(rows.getString("format")).orElseThrow(),
                rows.getString("artifact_sha256"), Database.nullableLong(rows, "size_bytes"),
                rows.getString("fine_tuned_on_dataset"), rows.getString("base_model"),
                Database.nullableInt(rows, "input_width"), Database.nullableInt(rows, "input_height"),
                splitList(rows.getString("normalization_mean")).stream().map(Double::valueOf).toList(),
                splitList(rows.getString("normalization_std")).stream().map(Double::valueOf).toList(),
                Database.nullableDouble(rows, "score_threshold"), Database.nullableDouble(rows, "mask_threshold"),
                splitList(rows.getString("tags")), rows.getString("notes"), rows.getString("provenance"),
                Database.instant(rows, "created_at"), Database.instant(rows, "removed_at"),
                splitList(rows.getString("label_filter")).stream().map(Integer::valueOf).toList());
    }

    /** Splits a comma-separated list, dropping blanks; {@code null} gives an empty list. */
    static List<String> splitList(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(part -> !part.isEmpty()).toList();
    }

    private static String joinNumbers(List<Double> values) {
        return values.isEmpty() ? null : values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
