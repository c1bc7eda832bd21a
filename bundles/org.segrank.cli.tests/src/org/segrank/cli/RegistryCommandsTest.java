package org.segrank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segrank.workspace.BoundingBox;
import org.segrank.workspace.NewDataset;
import org.segrank.workspace.NewImage;
import org.segrank.workspace.NewInstance;
import org.segrank.workspace.StoredFile;
import org.segrank.workspace.Workspace;

/** The workspace, model and results commands against a real H2 workspace in a temp folder. */
class RegistryCommandsTest {

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        String[] withWorkspace = new String[args.length + 2];
        System.arraycopy(args, 0, withWorkspace, 0, args.length);
        withWorkspace[args.length] = "--workspace";
        withWorkspace[args.length + 1] = dir.resolve("ws").toString();
        return CliRun.of(withWorkspace);
    }

    @Test
    void registerListShowVerifyAliasRemoveRestore() throws Exception {
        Path artifact = Files.write(dir.resolve("m.onnx"), new byte[] { 1, 2, 3, 4, 5 });
        CliRun registered = run("model", "register", "--name", "bubbles", "--architecture", "mask_rcnn_r50_fpn",
                "--format", "onnx", "--artifact", artifact.toString(), "--input-size", "512x512", "--tag", "food");
        assertEquals(ExitCodes.OK, registered.exitCode(), registered.err());
        assertTrue(registered.out().contains("bubbles"), registered.out());
        // sha256 of bytes 01..05
        assertTrue(registered.out().contains("74f81fe167d9"), registered.out());

        CliRun metadataOnly = run("model", "register", "--name", "hair", "--version", "2", "--architecture", "mask_rcnn",
                "--format", "torchscript");
        assertEquals(ExitCodes.OK, metadataOnly.exitCode(), metadataOnly.err());

        CliRun list = run("model", "list", "--json");
        assertEquals(ExitCodes.OK, list.exitCode(), list.err());
        assertTrue(list.out().contains("\"name\" : \"bubbles\"") && list.out().contains("\"name\" : \"hair\""), list.out());

        CliRun show = run("model", "show", "hair:2");
        assertTrue(show.out().lines().anyMatch(l -> l.matches("version +2")), show.out());

        CliRun verify = run("model", "verify");
        assertEquals(ExitCodes.OK, verify.exitCode(), verify.out());
        assertTrue(verify.out().contains("bubbles:1"), verify.out());

        assertEquals(ExitCodes.OK, run("model", "alias", "recommended", "bubbles").exitCode());
        assertTrue(run("model", "alias").out().contains("recommended -> bubbles:1"));
        assertTrue(run("model", "show", "recommended").out().contains("mask_rcnn_r50_fpn"));

        assertEquals(ExitCodes.OK, run("model", "remove", "hair:2").exitCode());
        assertFalse(run("model", "list").out().contains("hair"));
        assertTrue(run("model", "list", "--all").out().contains("removed"));
        assertEquals(ExitCodes.OK, run("model", "restore", "hair:2").exitCode());
        assertTrue(run("model", "list").out().contains("hair"));
    }

    @Test
    void verifyFailsWithExitThreeWhenAStoredArtifactWasTamperedWith() throws Exception {
        Path artifact = Files.write(dir.resolve("m.pt"), new byte[] { 9, 9, 9 });
        assertEquals(ExitCodes.OK, run("model", "register", "--name", "m", "--architecture", "a", "--format", "torchscript",
                "--artifact", artifact.toString()).exitCode());
        String sha;
        try (Workspace ws = Workspace.open(dir.resolve("ws"))) {
            sha = ws.models().get("m").artifactSha256();
            Files.write(ws.resolve(sha), new byte[] { 0 });
        }
        CliRun verify = run("model", "verify", "m");
        assertEquals(ExitCodes.INVALID_INPUT, verify.exitCode(), verify.out());
        assertTrue(verify.out().startsWith("CORRUPT"), verify.out());
        CliRun check = run("workspace", "check");
        assertEquals(ExitCodes.INVALID_INPUT, check.exitCode(), check.out());
    }

    @Test
    void aBadManifestRowRegistersNothingAndNamesTheRowAndField() throws Exception {
        Path manifest = Files.writeString(dir.resolve("models.csv"),
                "name,architecture,format\nok1,mask_rcnn,onnx\nbad,mask_rcnn,caffe\n");
        CliRun run = run("model", "register", "--manifest", manifest.toString());
        assertEquals(ExitCodes.INVALID_INPUT, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("models.csv") && run.err().contains("row 2") && run.err().contains("format"), run.err());
        assertEquals("(none)", run("model", "list").out().strip());
    }

    @Test
    void resultsImportStoresApAndRejectsAnUnknownImageNamingTheRow() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("ws"))) {
            ws.datasets().create(NewDataset.named("d"));
            StoredFile image = ws.put(Files.write(dir.resolve("a.png"), new byte[] { 1 }));
            ws.datasets().addImages("d", "test", List.of(new NewImage("a.png", image.sha256(), 2, 2, "candidate", null, null,
                    List.of(new NewInstance("particle", "04", 2, 2, 4, new BoundingBox(0, 0, 2, 2), false)))));
        }
        assertEquals(ExitCodes.OK, run("model", "register", "--name", "m", "--architecture", "a", "--format", "onnx").exitCode());
        Path good = Files.writeString(dir.resolve("ap.csv"), "image,model,ap\na.png,m,0.75\n");
        CliRun imported = run("results", "import", "--dataset", "d", "--csv", good.toString());
        assertEquals(ExitCodes.OK, imported.exitCode(), imported.err());
        assertTrue(imported.out().startsWith("Imported 1 rows (1 new, 0 replaced)"), imported.out());

        Path bad = Files.writeString(dir.resolve("bad.csv"), "image,model,ap\nmissing.png,m,0.5\n");
        CliRun rejected = run("results", "import", "--dataset", "d", "--csv", bad.toString());
        assertEquals(ExitCodes.INVALID_INPUT, rejected.exitCode());
        assertTrue(rejected.err().contains("bad.csv") && rejected.err().contains("missing.png"), rejected.err());
    }

    @Test
    void backupWritesOneZipAndInfoCountsRows() throws Exception {
        assertEquals(ExitCodes.OK, run("model", "register", "--name", "m", "--architecture", "a", "--format", "onnx").exitCode());
        Path zip = dir.resolve("backup.zip");
        CliRun backup = run("workspace", "backup", "--out", zip.toString());
        assertEquals(ExitCodes.OK, backup.exitCode(), backup.err());
        assertTrue(Files.size(zip) > 0);
        CliRun info = run("workspace", "info", "--json");
        assertTrue(info.out().replace(" ", "").contains("\"models\":1"), info.out());
    }
}
