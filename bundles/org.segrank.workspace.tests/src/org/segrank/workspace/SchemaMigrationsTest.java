package org.segrank.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.flywaydb.core.api.resource.LoadableResource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigrationsTest {
    private static final Set<String> TABLES = Set.of("datasets", "images", "gt_instances", "models", "model_aliases",
            "evaluation_runs", "evaluation_results", "feature_extractors", "feature_sets", "features", "experiments",
            "experiment_results", "flyway_schema_history");

    @TempDir
    Path folder;

    @Test
    void openingAFreshFolderCreatesTheDatabaseTheStoreAndTheWholeSchema() throws Exception {
        try (Workspace workspace = Workspace.open(folder.resolve("ws"))) {
            assertTrue(Files.isRegularFile(folder.resolve("ws/segrank.mv.db")));
            assertTrue(Files.isDirectory(folder.resolve("ws/store/sha256")));
            assertEquals(TABLES, tables(workspace));
            assertEquals(Set.of("id", "image_id", "model_id", "settings_hash", "run_id", "ap", "ap50", "ap75",
                    "ap_undefined", "gt_count", "detection_count", "inference_ms", "error_text", "created_at",
                    "updated_at"), columns(workspace, "EVALUATION_RESULTS"));
            assertTrue(columns(workspace, "EXPERIMENT_RESULTS").contains("query_seconds"), "V3 applied");
        }
    }

    @Test
    void reopeningAppliesNothingAndTheHistoryHoldsEachVersionOnce() throws Exception {
        Path directory = folder.resolve("ws");
        long historyRows;
        try (Workspace workspace = Workspace.open(directory)) {
            workspace.datasets().create(NewDataset.named("kept"));
            historyRows = TestData.count(workspace, "\"flyway_schema_history\"");
        }
        try (Workspace workspace = Workspace.open(directory)) {
            assertEquals(List.of("1:true", "2:true", "3:true"), history(workspace));
            assertTrue(workspace.datasets().findByName("kept").isPresent(), "data survives reopening");
        }
        try (Workspace workspace = Workspace.open(directory)) {
            assertEquals(List.of("1:true", "2:true", "3:true"), history(workspace));
            // Flyway 11 also writes one unversioned "history table created" marker; nothing is added on reopen.
            assertEquals(historyRows, TestData.count(workspace, "\"flyway_schema_history\""));
        }
    }

    @Test
    void aWorkspaceWhoseAppliedMigrationWasChangedIsRefusedWithAClearError() throws Exception {
        Path directory = folder.resolve("ws");
        try (Workspace workspace = Workspace.open(directory);
                Connection connection = workspace.dataSource().getConnection();
                PreparedStatement tamper = connection.prepareStatement(
                        "UPDATE \"flyway_schema_history\" SET \"checksum\" = 42 WHERE \"version\" = '1'")) {
            assertEquals(1, tamper.executeUpdate());
        }
        WorkspaceException error = assertThrows(WorkspaceException.class, () -> Workspace.open(directory));
        assertTrue(error.getMessage().contains(directory.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("checksum mismatch"), error.getMessage());
    }

    @Test
    void theResourceProviderServesExactlyTheListedMigrations() {
        SchemaMigrations.FixedListResourceProvider provider = new SchemaMigrations.FixedListResourceProvider(
                SchemaMigrations.class, SchemaMigrations.LOCATION, SchemaMigrations.MIGRATIONS);
        List<String> versioned = provider.getResources("V", new String[] {".sql"}).stream()
                .map(LoadableResource::getFilename).toList();
        assertEquals(SchemaMigrations.MIGRATIONS, versioned);
        assertTrue(provider.getResources("R", new String[] {".sql"}).isEmpty());
        assertTrue(provider.getResources("V", new String[] {".conf"}).isEmpty());
        assertEquals("db/migration/V1__initial_schema.sql",
                provider.getResource("V1__initial_schema.sql").getAbsolutePath());
        assertTrue(SchemaMigrations.text("V1__initial_schema.sql").contains("CREATE TABLE evaluation_results"));
    }

    @Test
    void everyMigrationFileIsListedAndEveryListedOneExists() throws Exception {
        for (String fileName : SchemaMigrations.MIGRATIONS) {
            try (InputStream in = SchemaMigrations.class.getResourceAsStream("/db/migration/" + fileName)) {
                assertNotNull(in, fileName + " is listed but not on the class path");
            }
        }
        URL first = SchemaMigrations.class.getResource("/db/migration/" + SchemaMigrations.MIGRATIONS.get(0));
        Assumptions.assumeTrue(first != null && "file".equals(first.getProtocol()),
                "the migration folder can only be listed from a plain directory");
        Set<String> onDisk = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of(first.toURI()).getParent())) {
            files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".sql")).forEach(onDisk::add);
        }
        assertEquals(new TreeSet<>(SchemaMigrations.MIGRATIONS), onDisk,
                "a migration file exists that SchemaMigrations.MIGRATIONS does not list");
    }

    private static Set<String> tables(Workspace workspace) throws Exception {
        return workspace.maintenance().rowCounts().keySet();
    }

    private static Set<String> columns(Workspace workspace, String table) throws Exception {
        Set<String> columns = new TreeSet<>();
        try (Connection connection = workspace.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT column_name FROM information_schema.columns WHERE table_name = ?")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return columns;
    }

    private static List<String> history(Workspace workspace) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = workspace.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT \"version\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL"
                                + " ORDER BY \"installed_rank\"");
                ResultSet result = query.executeQuery()) {
            while (result.next()) {
                rows.add(result.getString(1) + ":" + result.getBoolean(2));
            }
        }
        return rows;
    }
}
