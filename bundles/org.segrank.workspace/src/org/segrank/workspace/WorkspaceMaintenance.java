package org.segrank.workspace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.h2.jdbcx.JdbcDataSource;
import org.segrank.core.InvalidInputException;

/**
 * Backup, restore and integrity check of a workspace.
 *
 * <p><b>Backup format</b> (one zip file): {@code database.sql}, an H2 {@code SCRIPT} of the whole
 * database (schema, data and Flyway history; plain SQL, so it also restores into a newer H2),
 * {@code store/sha256/..} with the store's files under their store paths, and
 * {@code segrank-backup.properties} describing the backup.
 */
public final class WorkspaceMaintenance {
    static final String DATABASE_ENTRY = "database.sql";
    static final String INFO_ENTRY = "segrank-backup.properties";
    static final String STORE_PREFIX = Workspace.STORE_DIRECTORY + "/" + ContentStore.OBJECTS_DIRECTORY + "/";
    static final int FORMAT_VERSION = 1;

    private final Workspace workspace;

    WorkspaceMaintenance(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * Writes a backup of the open workspace to {@code targetZip} (replacing it).
     *
     * <p><b>Consistency.</b> The database is scripted inside one REPEATABLE READ transaction, i.e.
     * from one MVCC snapshot, while other connections and processes keep working. The store is
     * copied afterwards; because it is append-only and content is stored before any row refers
     * to it, every file the snapshot references is present (files added later are included as
     * unreferenced extras). The zip is written to a temporary file next to the target and moved
     * into place, so a failed backup never leaves a partial file under the target name.
     */
    public BackupSummary backup(Path targetZip) throws IOException {
        Path target = targetZip.toAbsolutePath().normalize();
        if (target.startsWith(workspace.directory())) {
            throw new InvalidInputException(target.toString(), "", "a backup must not be written inside the workspace it backs up");
        }
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
        try {
            SortedMap<String, Long> rowCounts;
            int storeFiles = 0;
            try (OutputStream out = Files.newOutputStream(temp); ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(DATABASE_ENTRY));
                rowCounts = scriptDatabase(zip);
                zip.closeEntry();
                for (String sha256 : workspace.store().list()) {
                    zip.putNextEntry(new ZipEntry(STORE_PREFIX + sha256.substring(0, 2) + "/" + sha256.substring(2)));
                    Files.copy(workspace.store().resolve(sha256), zip);
                    zip.closeEntry();
                    storeFiles++;
                }
                zip.putNextEntry(new ZipEntry(INFO_ENTRY));
                Properties info = new Properties();
                info.setProperty("format", Integer.toString(FORMAT_VERSION));
                info.setProperty("created", Instant.now().toString());
                info.setProperty("workspace", workspace.directory().toString());
                info.setProperty("storeFiles", Integer.toString(storeFiles));
                rowCounts.forEach((table, count) -> info.setProperty("rows." + table, Long.toString(count)));
                info.store(new OutputStreamWriter(zip, StandardCharsets.UTF_8), "SegRank workspace backup");
                zip.closeEntry();
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return new BackupSummary(target, Files.size(target), storeFiles, rowCounts);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private SortedMap<String, Long> scriptDatabase(OutputStream out) throws IOException {
        try (Connection connection = workspace.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                SortedMap<String, Long> counts = rowCounts(connection); // first read fixes the snapshot
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("SCRIPT")) {
                    while (rows.next()) {
                        writer.write(rows.getString(1));
                        writer.write('\n');
                    }
                }
                writer.flush(); // not closed: that would close the zip
                connection.commit();
                return counts;
            } finally {
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new WorkspaceException("cannot back up the workspace database: " + e.getMessage(), e);
        }
    }

    /**
     * Restores a backup written by {@link #backup} into {@code targetDirectory}, which must not
     * exist or be empty, then opens and closes it once to check and migrate the schema. Every
     * store file is verified against its digest while it is restored.
     *
     * @throws InvalidInputException naming the backup (and entry) if it is not a SegRank backup,
     *     a store file in it is corrupt, or the target folder is not empty
     */
    public static void restore(Path backupZip, Path targetDirectory) throws IOException {
        String source = backupZip.toString();
        Path target = targetDirectory.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new InvalidInputException(target.toString(), "", "the restore target folder must be empty");
                }
            }
        }
        Files.createDirectories(target);
        ContentStore store = new ContentStore(target.resolve(Workspace.STORE_DIRECTORY));
        Path script = Files.createTempFile(target, "restore-", ".sql");
        try {
            boolean sawDatabase = false;
            try (InputStream in = Files.newInputStream(backupZip); ZipInputStream zip = new ZipInputStream(in)) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    String name = entry.getName();
                    if (name.equals(DATABASE_ENTRY)) {
                        Files.copy(zip, script, StandardCopyOption.REPLACE_EXISTING);
                        sawDatabase = true;
                    } else if (name.startsWith(STORE_PREFIX) && !entry.isDirectory()) {
                        String sha256 = name.substring(STORE_PREFIX.length()).replace("/", "");
                        if (!Sha256.isValid(sha256)) {
                            throw new InvalidInputException(source, "entry '" + name + "'", "not a store file name");
                        }
                        try {
                            store.put(zip, sha256);
                        } catch (ChecksumMismatchException e) {
                            throw new InvalidInputException(source, "entry '" + name + "'",
                                    "the file is corrupt in the backup: its sha256 is " + e.actualSha256(), e);
                        }
                    }
                }
            } catch (ZipException e) {
                throw new InvalidInputException(source, "", "not a readable zip file: " + e.getMessage(), e);
            }
            if (!sawDatabase) {
                throw new InvalidInputException(source, "", "not a SegRank workspace backup (no " + DATABASE_ENTRY + ")");
            }
            JdbcDataSource dataSource = Workspace.newDataSource(target, false);
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("RUNSCRIPT FROM '" + script.toString().replace("'", "''") + "' CHARSET 'UTF-8'");
                statement.execute("SHUTDOWN");
            } catch (SQLException e) {
                throw new InvalidInputException(source, "entry '" + DATABASE_ENTRY + "'",
                        "the database script cannot be restored: " + e.getMessage(), e);
            }
        } finally {
            Files.deleteIfExists(script);
        }
        try (Workspace restored = Workspace.open(target)) {
            restored.directory(); // opening validated (and if needed migrated) the schema
        }
    }

    /** Rows per table (Flyway's history included), by table name in lowercase. */
    public SortedMap<String, Long> rowCounts() {
        return workspace.database().read(WorkspaceMaintenance::rowCounts);
    }

    private static SortedMap<String, Long> rowCounts(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = 'PUBLIC' AND table_type = 'BASE TABLE'");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        SortedMap<String, Long> counts = new TreeMap<>();
        for (String table : tables) {
            counts.put(table.toLowerCase(Locale.ROOT),
                    Database.count(connection, "SELECT COUNT(*) FROM \"" + table.replace("\"", "\"\"") + "\""));
        }
        return counts;
    }

    /**
     * Checks the store against itself and the database: re-hashes every store file (corrupt
     * files), looks for digests referenced by rows but absent from the store (missing files) and
     * store files no row references (orphans). Read-only; safe while the workspace is in use
     * (a file stored by a concurrent operation may show up as an orphan until its row commits).
     */
    public CheckReport check() throws IOException {
        ContentStore store = workspace.store();
        Map<String, List<String>> references = workspace.database().read(WorkspaceMaintenance::references);
        List<String> stored = store.list();
        List<CheckReport.Corrupt> corrupt = new ArrayList<>();
        List<CheckReport.Orphan> orphans = new ArrayList<>();
        for (String sha256 : stored) {
            Path path = store.resolve(sha256);
            String actual = Sha256.of(path);
            if (!actual.equals(sha256)) {
                corrupt.add(new CheckReport.Corrupt(sha256, actual, path));
            }
            if (!references.containsKey(sha256)) {
                orphans.add(new CheckReport.Orphan(sha256, path));
            }
        }
        List<CheckReport.Missing> missing = new ArrayList<>();
        Set<String> storedSet = new HashSet<>(stored);
        references.forEach((sha256, referencedBy) -> {
            if (!storedSet.contains(sha256)) {
                missing.add(new CheckReport.Missing(sha256, store.resolve(sha256), referencedBy));
            }
        });
        return new CheckReport(stored.size(), corrupt, missing, orphans, store.strayFiles());
    }

    /** Every digest a row refers to, with a description of the referring rows; sorted by digest. */
    private static Map<String, List<String>> references(Connection connection) throws SQLException {
        Map<String, List<String>> references = new TreeMap<>();
        String[] queries = {
            "SELECT i.sha256, 'image ''' || d.name || '/' || i.file_name || '''' FROM images i"
                    + " JOIN datasets d ON d.id = i.dataset_id",
            "SELECT artifact_sha256, 'model ' || name || ':' || version FROM models WHERE artifact_sha256 IS NOT NULL",
            "SELECT artifact_sha256, 'feature extractor ' || name || ':' || version FROM feature_extractors"
                    + " WHERE artifact_sha256 IS NOT NULL",
        };
        for (String sql : queries) {
            try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    references.computeIfAbsent(rows.getString(1), key -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        }
        return references;
    }
}
