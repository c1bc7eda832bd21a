package org.segrank.experiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.segrank.core.InvalidInputException;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Experiments in the workspace database ({@code experiments}, {@code experiment_results}): the configuration,
 * seeds, software versions, checksums and status, then one row per query and combination and one aggregate row
 * (query NULL, details holding the interval) per combination.
 */
public final class ExperimentStore {

    /** A stored experiment's header. */
    public record StoredExperiment(long id, String name, ExperimentConfig config, String status, String versions,
            String datasetChecksum, String modelSetChecksum, String notes, Instant createdAt, Instant startedAt,
            Instant finishedAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Status shown for an experiment marked running whose process is gone (killed, crashed): see {@link #status}. */
    public static final String INTERRUPTED = "interrupted";
    private static final String RUNNING_IN = "running in process ";
    private static final String HOST = hostName();
    private final DataSource dataSource;

    public ExperimentStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    long create(ExperimentConfig config, Map<String, String> versions, String datasetChecksum, String modelSetChecksum) {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO experiments (name, config, seeds, software_versions, dataset_checksum, model_set_checksum, status,"
                        + " notes, started_at) VALUES (?, ?, ?, ?, ?, ?, 'running', ?, CURRENT_TIMESTAMP)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, config.name());
            insert.setString(2, config.toJson());
            insert.setString(3, Long.toString(config.seed()));
            insert.setString(4, JSON.writeValueAsString(versions));
            insert.setString(5, datasetChecksum);
            insert.setString(6, modelSetChecksum);
            insert.setString(7, runningMarker(ProcessHandle.current().pid())); // replaced by the notes when it ends
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot store experiment: " + e.getMessage(), e);
        }
    }

    void saveResults(long id, List<QueryScore> scores, List<Aggregate> aggregates, Map<String, Long> extractorIds) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO experiment_results (experiment_id, query_image_id,"
                    + " extractor_id, k, strategy, metric, cutoff, metric_value, details, query_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int batch = 0;
                for (QueryScore s : scores) {
                    bind(insert, id, s.queryImageId(), s.key(), extractorIds, s.value(), s.details(), s.seconds());
                    insert.addBatch();
                    if (++batch % 2000 == 0) {
                        insert.executeBatch();
                    }
                }
                for (Aggregate a : aggregates) {
                    String details = String.format(Locale.ROOT, "{\"ciLow\":%s,\"ciHigh\":%s,\"queries\":%d,\"excluded\":%d%s}",
                            number(a.interval().low()), number(a.interval().high()), a.interval().n(), a.excluded(),
                            a.answerTime() == null ? "" : String.format(Locale.ROOT,
                                    ",\"answerSecondsMedian\":%.9f,\"answerSecondsP95\":%.9f,\"answerSecondsMax\":%.9f",
                                    a.answerTime().median(), a.answerTime().p95(), a.answerTime().max()));
                    bind(insert, id, null, a.key(), extractorIds, Double.isNaN(a.mean()) ? null : a.mean(), details, null);
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store experiment results: " + e.getMessage(), e);
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.6f", v);
    }

    private static void bind(PreparedStatement insert, long id, Long query, Aggregate.Key key, Map<String, Long> extractorIds,
            Double value, String details, Double seconds) throws SQLException {
        insert.setLong(1, id);
        if (query == null) {
            insert.setNull(2, Types.BIGINT);
        } else {
            insert.setLong(2, query);
        }
        if (key.extractor() == null) {
            insert.setNull(3, Types.BIGINT);
        } else {
            insert.setLong(3, extractorIds.get(key.extractor()));
        }
        if (key.k() == null) {
            insert.setNull(4, Types.INTEGER);
        } else {
            insert.setInt(4, key.k());
        }
        insert.setString(5, key.strategy());
        insert.setString(6, key.metric());
        if (key.cutoff() == 0) {
            insert.setNull(7, Types.INTEGER);
        } else {
            insert.setInt(7, key.cutoff());
        }
        if (value == null) {
            insert.setNull(8, Types.DOUBLE);
        } else {
            insert.setDouble(8, value);
        }
        insert.setString(9, details);
        if (seconds == null) {
            insert.setNull(10, Types.DOUBLE);
        } else {
            insert.setDouble(10, seconds);
        }
    }

    void finish(long id, String status, String notes) {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "UPDATE experiments SET status = ?, notes = ?, finished_at = CURRENT_TIMESTAMP WHERE id = ?")) {
            update.setString(1, status);
            update.setString(2, notes);
            update.setLong(3, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update experiment " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes an experiment with its per-query results and aggregates (one transaction). An experiment still marked
     * running may be in progress in another process (or left so by a crash): it is deleted only when {@code force}.
     *
     * @return whether a row was deleted (false if it was already gone)
     * @throws InvalidInputException naming the experiment if it is running and {@code force} is false
     */
    public boolean delete(StoredExperiment experiment, boolean force) {
        if ("running".equals(experiment.status()) && !force) {
            throw new InvalidInputException("workspace", "experiment " + experiment.id() + " '" + experiment.name() + "'",
                    "is running (in another window or process of this workspace): delete it with force");
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement delete = c.prepareStatement(
                "DELETE FROM experiments WHERE id = ?")) {
            delete.setLong(1, experiment.id());
            return delete.executeUpdate() == 1; // results and aggregates follow by ON DELETE CASCADE
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete experiment " + experiment.id() + ": " + e.getMessage(), e);
        }
    }

    public List<StoredExperiment> list() {
        return query("SELECT * FROM experiments ORDER BY id", null);
    }

    /**
     * By id, or the newest experiment with this name.
     *
     * @throws InvalidInputException naming the reference when there is none
     */
    public StoredExperiment get(String ref) {
        Optional<StoredExperiment> found;
        if (ref.matches("\\d+")) {
            found = query("SELECT * FROM experiments WHERE id = ?", ref).stream().findFirst();
        } else {
            List<StoredExperiment> named = query("SELECT * FROM experiments WHERE name = ? ORDER BY id DESC", ref);
            found = named.stream().findFirst();
        }
        return found.orElseThrow(() -> new InvalidInputException("workspace", "experiment '" + ref + "'",
                "does not exist (see 'segrank experiment list')"));
    }

    private List<StoredExperiment> query(String sql, String parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            if (parameter != null) {
                if (parameter.matches("\\d+") && sql.contains("id = ?")) {
                    q.setLong(1, Long.parseLong(parameter));
                } else {
                    q.setString(1, parameter);
                }
            }
            List<StoredExperiment> out = new ArrayList<>();
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    out.add(new StoredExperiment(rows.getLong("id"), rows.getString("name"),
                            ExperimentConfig.fromJson(rows.getString("config")), status(rows.getString("status"), rows.getString("notes")),
                            rows.getString("software_versions"), rows.getString("dataset_checksum"),
                            rows.getString("model_set_checksum"), rows.getString("notes"), instant(rows.getTimestamp("created_at")),
                            instant(rows.getTimestamp("started_at")), instant(rows.getTimestamp("finished_at"))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read experiments: " + e.getMessage(), e);
        }
    }

    /**
     * The stored status, except that a run marked running by a process of this machine that no longer exists shows
     * as {@value #INTERRUPTED} (a kill or crash leaves no chance to record it; 'experiment rerun' repeats it).
     */
    static String status(String stored, String notes) {
        if (!"running".equals(stored) || notes == null || !notes.startsWith(RUNNING_IN)) {
            return stored;
        }
        String owner = notes.substring(RUNNING_IN.length()).strip();
        int at = owner.indexOf('@');
        if (at < 0 || !owner.substring(at + 1).equals(HOST)) {
            return stored; // another machine's process: cannot tell
        }
        try {
            long pid = Long.parseLong(owner.substring(0, at));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? stored : INTERRUPTED;
        } catch (NumberFormatException e) {
            return stored;
        }
    }

    /** The marker {@link #create} writes for the current process, as {@link #status} reads it. */
    static String runningMarker(long pid) {
        return RUNNING_IN + pid + "@" + HOST;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** Per-query scores of an experiment (aggregates not included), in insertion order. */
    public List<QueryScore> queryScores(long id) {
        String sql = "SELECT r.*, i.file_name, e.name AS extractor_name FROM experiment_results r"
                + " JOIN images i ON i.id = r.query_image_id LEFT JOIN feature_extractors e ON e.id = r.extractor_id"
                + " WHERE r.experiment_id = ? ORDER BY r.id";
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setLong(1, id);
            List<QueryScore> out = new ArrayList<>();
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    int k = rows.getInt("k");
                    Integer kValue = rows.wasNull() ? null : k;
                    int cutoff = rows.getInt("cutoff");
                    double value = rows.getDouble("metric_value");
                    Double v = rows.wasNull() ? null : value;
                    double seconds = rows.getDouble("query_seconds");
                    Double secondsValue = rows.wasNull() ? null : seconds;
                    out.add(new QueryScore(rows.getLong("query_image_id"), rows.getString("file_name"),
                            rows.getString("extractor_name"), kValue, rows.getString("strategy"), rows.getString("metric"), cutoff,
                            v, rows.getString("details"), secondsValue));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read experiment " + id + ": " + e.getMessage(), e);
        }
    }

    /** Aggregates recomputed from the stored per-query scores (the same seed gives the stored intervals). */
    public List<Aggregate> aggregates(StoredExperiment experiment) {
        return Aggregate.of(queryScores(experiment.id()), experiment.config().bootstrapSamples(), experiment.config().seed());
    }
}
