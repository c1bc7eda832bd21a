package org.segrank.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;

import javax.sql.DataSource;

import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A SegRank workspace folder: an H2 database ({@code segrank.mv.db}) plus a content-addressed
 * file store ({@code store/}).
 *
 * <p><b>Sharing.</b> The database is opened in H2's automatic mixed mode
 * ({@code AUTO_SERVER=TRUE}): the first process to open the folder owns the file and serves it
 * over a TCP port written to {@code segrank.lock.db}; further processes (the CLI while the RCP UI
 * is open, or the other way round) connect through that server transparently, and when the owner
 * closes, another process takes over. Several {@code Workspace} instances in one JVM share the
 * same embedded database. H2 listens on all interfaces, guarded by a random key in the lock file;
 * launchers should pass {@code -Dh2.bindAddress=127.0.0.1} to keep the port on this machine.
 * Transactions are isolated by H2's MVCC (read committed); writers wait up to
 * {@value #LOCK_TIMEOUT_MILLIS} ms for a row lock held by another process.
 *
 * <p><b>Schema.</b> {@link #open} applies pending Flyway migrations; the schema is never changed
 * by hand-run SQL.
 *
 * <p><b>Why JdbcDataSource.</b> H2 is opened through {@link JdbcDataSource} rather than
 * {@code DriverManager}: in OSGi, {@code DriverManager} only sees drivers visible to the caller's
 * class loader / registered through {@code ServiceLoader}, which depends on bundle start order
 * and wiring; instantiating H2's data source class directly needs just an Import-Package.
 *
 * <p>Instances are thread-safe. Close them: the last close in a process releases the database
 * file (and, if this process served it, hands serving over to another process).
 */
public final class Workspace implements AutoCloseable {
    /** The database file is {@value}{@code .mv.db} inside the workspace folder. */
    public static final String DATABASE_NAME = "segrank";
    /** The content store lives in this sub-folder. */
    public static final String STORE_DIRECTORY = "store";
    static final int LOCK_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_POOLED_CONNECTIONS = 16;
    /** No put takes this long, so older temporary store files are crash leftovers. */
    private static final Duration STALE_TEMP_FILE_AGE = Duration.ofDays(1);

    private final Path directory;
    private final ContentStore store;
    private final JdbcConnectionPool pool;
    private final Connection anchor;
    private final Database database;
    private final DatasetRepository datasets;
    private final ModelRegistry models;
    private final ResultStore results;
    private final WorkspaceMaintenance maintenance;
    private volatile boolean closed;

    private Workspace(Path directory, ContentStore store, JdbcConnectionPool pool, Connection anchor) {
        this.directory = directory;
        this.store = store;
        this.pool = pool;
        this.anchor = anchor;
        this.database = new Database(pool);
        this.datasets = new DatasetRepository(database, store);
        this.models = new ModelRegistry(database, store);
        this.results = new ResultStore(database);
        this.maintenance = new WorkspaceMaintenance(this);
    }

    /**
     * Opens the workspace in {@code dir}, creating the folder, the database and the store if they
     * do not exist, and migrating the schema to the current version.
     *
     * @throws WorkspaceException if the database cannot be opened (e.g. another program holds it
     *     exclusively) or its schema cannot be migrated (e.g. it was changed by a newer SegRank
     *     in an incompatible way)
     */
    public static Workspace open(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Path directory = dir.toAbsolutePath().normalize();
        Files.createDirectories(directory);
        ContentStore store = new ContentStore(directory.resolve(STORE_DIRECTORY));
        store.deleteStaleTempFiles(STALE_TEMP_FILE_AGE);
        JdbcDataSource dataSource = newDataSource(directory, true);
        Connection anchor;
        try {
            // Held until close(): keeps the database open (and this process its server, if it
            // is the owner) instead of re-opening the file on every pooled connection.
            anchor = dataSource.getConnection();
        } catch (SQLException e) {
            throw new WorkspaceException("cannot open the workspace database in " + directory + ": " + e.getMessage(), e);
        }
        JdbcConnectionPool pool = JdbcConnectionPool.create(dataSource);
        pool.setMaxConnections(MAX_POOLED_CONNECTIONS);
        try {
            SchemaMigrations.migrate(pool);
        } catch (FlywayException | WorkspaceException e) {
            pool.dispose();
            closeQuietly(anchor);
            throw new WorkspaceException("cannot bring the workspace schema in " + directory
                    + " up to date: " + e.getMessage(), e);
        }
        return new Workspace(directory, store, pool, anchor);
    }

    /**
     * A data source for the H2 database in {@code directory}; {@code shared} selects automatic
     * mixed mode.
     */
    static JdbcDataSource newDataSource(Path directory, boolean shared) {
        String path = directory.resolve(DATABASE_NAME).toString();
        if (path.indexOf(';') >= 0) {
            // ';' separates H2 URL settings, so it cannot be part of the file name.
            throw new IllegalArgumentException("a workspace folder path must not contain ';': " + directory);
        }
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + path + ";LOCK_TIMEOUT=" + LOCK_TIMEOUT_MILLIS
                + (shared ? ";AUTO_SERVER=TRUE" : ""));
        dataSource.setUser("sa");
        dataSource.setPassword("");
        return dataSource;
    }

    /** The workspace folder (absolute). */
    public Path directory() {
        return directory;
    }

    /** Pooled connections to the workspace database, for code that needs plain JDBC. */
    public DataSource dataSource() {
        ensureOpen();
        return pool;
    }

    /** The content-addressed file store. */
    public ContentStore store() {
        return store;
    }

    /** Stores the file's content; see {@link ContentStore#put(Path)}. */
    public StoredFile put(Path file) throws IOException {
        return store.put(file);
    }

    /** Stores the stream's content; see {@link ContentStore#put(InputStream)}. */
    public StoredFile put(InputStream in) throws IOException {
        return store.put(in);
    }

    /** Where content lives; see {@link ContentStore#resolve(String)}. */
    public Path resolve(String sha256) {
        return store.resolve(sha256);
    }

    /** Opens verified content; see {@link ContentStore#open(String)}. */
    public InputStream open(String sha256) throws IOException {
        return store.open(sha256);
    }

    public DatasetRepository datasets() {
        ensureOpen();
        return datasets;
    }

    public ModelRegistry models() {
        ensureOpen();
        return models;
    }

    public ResultStore results() {
        ensureOpen();
        return results;
    }

    public WorkspaceMaintenance maintenance() {
        ensureOpen();
        return maintenance;
    }

    Database database() {
        ensureOpen();
        return database;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("workspace " + directory + " is closed");
        }
    }

    /** Releases the database; idempotent. Objects obtained from this workspace stop working. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pool.dispose();
        closeQuietly(anchor);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing is best effort; the database file is released when the JVM exits anyway
        }
    }

    @Override
    public String toString() {
        return "Workspace[" + directory + "]";
    }
}
