package org.segrank.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segrank.core.InvalidInputException;

class WorkspaceMaintenanceTest {
    @TempDir
    Path folder;

    /** A workspace with a row in the main tables and CLOB/JSON content. */
    private static void populate(Workspace workspace, Path scratch) throws IOException {
        workspace.datasets().create(NewDataset.named("particles").withGenerator("synth", 1L, "{\"n\": 2}"));
        List<Image> images = workspace.datasets().addImages("particles", "test", List.of(
                TestData.imageWithInstance(workspace, "a.png", ImageSplits.CANDIDATE),
                TestData.image(workspace, "b.png", ImageSplits.QUERY, TestData.instance("p", 48, 64),
                        TestData.instance("q", 48, 64))));
        RegisteredModel model = workspace.models().register(ModelRegistration.builder("m", "r50", ModelFormat.ONNX)
                .artifact(TestData.write(scratch, "m.onnx", "model weights")).provenance("{\"seed\": 5}")
                .notes("x".repeat(20_000)).build());
        TestData.metadataOnlyModel(workspace, "meta", "1");
        workspace.models().setAlias("recommended", "m");
        long run = workspace.results().startRun("s1", "{\"iou\": [0.5, 0.95]}", "test run", "segrank 0.1");
        workspace.results().upsertAll(List.of(
                EvaluationResult.of(images.get(0).id(), model.id(), "s1", 0.42, 0.6, 0.3, 1, 2, 10.0).inRun(run),
                EvaluationResult.failure(images.get(1).id(), model.id(), "s1", "boom").inRun(run)));
        workspace.results().finishRun(run, RunStatus.FINISHED);
    }

    @Test
    void aBackupRestoresToTheSameRowsAndStoreFiles() throws IOException {
        Path backup = folder.resolve("backups/ws.zip");
        SortedMap<String, Long> counts;
        List<String> storeFiles;
        try (Workspace workspace = Workspace.open(folder.resolve("ws"))) {
            populate(workspace, folder);
            try (Workspace otherInstance = Workspace.open(folder.resolve("ws"))) { // backup while in use
                BackupSummary summary = otherInstance.maintenance().backup(backup);
                assertEquals(backup, summary.file());
                assertEquals(Files.size(backup), summary.sizeBytes());
                assertEquals(3, summary.storeFiles(), "two images and one model artifact");
                counts = workspace.maintenance().rowCounts();
                assertEquals(counts, summary.rowCounts());
            }
            storeFiles = workspace.store().list();
        }
        assertEquals(3, storeFiles.size());
        assertEquals(1L, counts.get("datasets"));
        assertEquals(2L, counts.get("images"));
        assertEquals(3L, counts.get("gt_instances"));
        assertEquals(2L, counts.get("evaluation_results"));

        Path restoredFolder = folder.resolve("restored");
        WorkspaceMaintenance.restore(backup, restoredFolder);
        try (Workspace restored = Workspace.open(restoredFolder)) {
            assertEquals(counts, restored.maintenance().rowCounts());
            assertEquals(storeFiles, restored.store().list());
            assertTrue(restored.maintenance().check().isHealthy());
            RegisteredModel model = restored.models().get("recommended");
            assertEquals("m:1", model.qualifiedName());
            assertEquals("{\"seed\":5}", model.provenance());
            assertEquals(20_000, model.notes().length());
            Image a = restored.datasets().findImage("particles", "a.png").orElseThrow();
            assertEquals(0.42, restored.results().find(a.id(), model.id(), "s1").orElseThrow().ap());
            assertEquals(TestData.RLE, restored.datasets().instances(a.id()).get(0).rleCounts());
            try (InputStream in = restored.open(model.artifactSha256())) {
                assertEquals("model weights", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            restored.datasets().create(NewDataset.named("after-restore")); // identities continue after restore
            assertEquals(2, restored.datasets().list().size());
        }
    }

    @Test
    void backupIsOneFileWithTheDatabaseScriptTheStoreAndADescription() throws IOException {
        Path backup = folder.resolve("ws.zip");
        try (Workspace workspace = Workspace.open(folder.resolve("ws"))) {
            workspace.put(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)));
            workspace.maintenance().backup(backup);
            InvalidInputException inside = assertThrows(InvalidInputException.class,
                    () -> workspace.maintenance().backup(folder.resolve("ws/backup.zip")));
            assertTrue(inside.getMessage().contains("inside the workspace"), inside.getMessage());
        }
        List<String> entries = entries(backup);
        assertEquals(List.of("database.sql", "store/sha256/ba/" + TestData.SHA256_OF_ABC.substring(2),
                "segrank-backup.properties"), entries);
    }

    @Test
    void restoreRefusesANonEmptyTargetAndACorruptStoreEntry() throws IOException {
        Path backup = folder.resolve("ws.zip");
        try (Workspace workspace = Workspace.open(folder.resolve("ws"))) {
            workspace.put(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)));
            workspace.maintenance().backup(backup);
        }
        TestData.write(folder, "busy/file.txt", "x");
        InvalidInputException notEmpty = assertThrows(InvalidInputException.class,
                () -> WorkspaceMaintenance.restore(backup, folder.resolve("busy")));
        assertTrue(notEmpty.getMessage().contains("must be empty"), notEmpty.getMessage());

        Path tampered = folder.resolve("tampered.zip");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(backup));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tampered))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                byte[] content = in.readAllBytes();
                out.write(entry.getName().startsWith("store/") ? "abd".getBytes(StandardCharsets.US_ASCII) : content);
                out.closeEntry();
            }
        }
        InvalidInputException corrupt = assertThrows(InvalidInputException.class,
                () -> WorkspaceMaintenance.restore(tampered, folder.resolve("restored")));
        assertEquals(tampered.toString(), corrupt.source());
        assertTrue(corrupt.location().contains(TestData.SHA256_OF_ABC.substring(2)), corrupt.getMessage());

        Path notABackup = folder.resolve("other.zip");
        try (OutputStream out = Files.newOutputStream(notABackup); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.closeEntry();
        }
        assertThrows(InvalidInputException.class, () -> WorkspaceMaintenance.restore(notABackup, folder.resolve("r2")));
    }

    @Test
    void checkFindsCorruptMissingAndUnreferencedFiles() throws IOException {
        try (Workspace workspace = Workspace.open(folder.resolve("ws"))) {
            CheckReport clean = workspace.maintenance().check();
            assertTrue(clean.isHealthy());
            assertEquals(0, clean.filesChecked());

            populate(workspace, folder);
            assertEquals(new CheckReport(3, List.of(), List.of(), List.of(), List.of()), workspace.maintenance().check());

            StoredFile orphan = workspace.put(new ByteArrayInputStream("nobody uses me".getBytes(StandardCharsets.UTF_8)));
            Image a = workspace.datasets().findImage("particles", "a.png").orElseThrow();
            Image b = workspace.datasets().findImage("particles", "b.png").orElseThrow();
            Path corrupted = workspace.resolve(a.sha256());
            Files.writeString(corrupted, "flipped bits");
            Files.delete(workspace.resolve(b.sha256()));

            CheckReport report = workspace.maintenance().check();
            assertFalse(report.isHealthy());
            assertEquals(3, report.filesChecked());
            assertEquals(List.of(new CheckReport.Corrupt(a.sha256(), Sha256.of("flipped bits".getBytes()), corrupted)),
                    report.corrupt());
            assertEquals(List.of(new CheckReport.Missing(b.sha256(), workspace.resolve(b.sha256()),
                    List.of("image 'particles/b.png'"))), report.missing());
            assertEquals(List.of(new CheckReport.Orphan(orphan.sha256(), orphan.path())), report.orphans());
            assertTrue(report.describe().contains("CORRUPT " + corrupted), report.describe());
        }
    }

    private static List<String> entries(Path zip) throws IOException {
        List<String> names = new java.util.ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }
}
