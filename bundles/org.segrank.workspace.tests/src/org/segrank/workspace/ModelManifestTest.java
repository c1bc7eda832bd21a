package org.segrank.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segrank.core.InvalidInputException;

class ModelManifestTest {
    private static final String HEADER = "name,version,architecture,format,artifact,score_threshold,tags,provenance\n";

    @TempDir
    Path folder;

    private Workspace workspace;
    private ModelRegistry registry;

    @BeforeEach
    void open() throws IOException {
        workspace = Workspace.open(folder.resolve("ws"));
        registry = workspace.models();
        TestData.write(folder, "models/a.onnx", "weights a");
        TestData.write(folder, "models/b.pt", "weights b");
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    @Test
    void aCsvManifestRegistersEveryRow() throws IOException {
        Path manifest = TestData.write(folder, "models/manifest.csv", HEADER
                + "a,1,mask_rcnn_r50,onnx,a.onnx,0.05,\"sem,small\",\"{\"\"seed\"\": 3}\"\n"
                + "b,1,mask_rcnn_r101,TorchScript,b.pt,,,\n"
                + "\n"
                + "c,7,mask_rcnn_r50,djl,,,,\n");
        List<RegisteredModel> models = registry.registerManifest(manifest);
        assertEquals(List.of("a:1", "b:1", "c:7"), models.stream().map(RegisteredModel::qualifiedName).toList());
        RegisteredModel a = models.get(0);
        assertEquals(Sha256.of("weights a".getBytes()), a.artifactSha256());
        assertEquals(0.05, a.scoreThreshold());
        assertEquals(List.of("sem", "small"), a.tags());
        assertEquals("{\"seed\":3}", a.provenance());
        assertEquals(ModelFormat.TORCHSCRIPT, models.get(1).format());
        assertNull(models.get(2).artifactSha256(), "a row without artifact registers metadata only");
        assertEquals(models, registry.list(false));
        assertEquals(2, workspace.store().list().size());
    }

    @Test
    void aJsonManifestRegistersEveryEntry() throws IOException {
        Path manifest = TestData.write(folder, "models/manifest.json", """
                {"models": [
                  {"name": "a", "architecture": "mask_rcnn_r50", "format": "onnx", "artifact": "a.onnx",
                   "tags": ["sem", "small"], "provenance": {"seed": 3, "epochs": 12},
                   "normalization_mean": [0.485, 0.456, 0.406], "normalization_std": [0.229, 0.224, 0.225],
                   "input_width": 1024, "input_height": 1024, "size_bytes": 9},
                  {"name": "b", "version": "2", "architecture": "mask_rcnn_r101", "format": "torchscript",
                   "artifact": "b.pt", "mask_threshold": 0.4}
                ]}
                """);
        List<RegisteredModel> models = registry.registerManifest(manifest);
        assertEquals(List.of("a:1", "b:2"), models.stream().map(RegisteredModel::qualifiedName).toList());
        RegisteredModel a = models.get(0);
        assertEquals(List.of("sem", "small"), a.tags());
        assertEquals("{\"seed\":3,\"epochs\":12}", a.provenance());
        assertEquals(List.of(0.485, 0.456, 0.406), a.normalizationMean());
        assertEquals(1024, a.inputWidth());
        assertEquals(9L, a.sizeBytes());
        assertEquals(0.4, models.get(1).maskThreshold());
    }

    @Test
    void aBadCsvRowRegistersNothingAndNamesFileRowAndField() throws IOException {
        Path manifest = TestData.write(folder, "models/manifest.csv", HEADER
                + "a,1,mask_rcnn_r50,onnx,a.onnx,0.05,,\n"
                + "b,1,mask_rcnn_r101,torchscript,b.pt,0.1,,\n"
                + "c,1,mask_rcnn_r50,onnx,,1.5,,\n");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> registry.registerManifest(manifest));
        assertEquals(manifest.toString(), error.source());
        assertEquals("row 3 (line 4), field 'score_threshold'", error.location());
        assertTrue(error.getMessage().contains("[0, 1]"), error.getMessage());
        assertEquals(List.of(), registry.list(true), "no model of the manifest is registered");
        assertEquals(List.of(), workspace.store().list(), "no artifact was copied");
    }

    @Test
    void aNonNumericCsvFieldIsNamed() throws IOException {
        Path manifest = TestData.write(folder, "models/manifest.csv", "name,architecture,format,input_width\n"
                + "a,mask_rcnn,onnx,1024\n"
                + "b,mask_rcnn,onnx,wide\n");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> registry.registerManifest(manifest));
        assertEquals("row 2 (line 3), field 'input_width'", error.location());
        assertTrue(error.getMessage().contains("'wide' is not an integer"), error.getMessage());
        assertEquals(List.of(), registry.list(true));
    }

    @Test
    void aBadJsonEntryRegistersNothingAndNamesItsIndexAndField() throws IOException {
        Path manifest = TestData.write(folder, "models/manifest.json", """
                [{"name": "a", "architecture": "r50", "format": "onnx", "artifact": "a.onnx"},
                 {"name": "b", "architecture": "r50", "format": "tensorflow"}]
                """);
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> registry.registerManifest(manifest));
        assertEquals("models[1] (name 'b'), field 'format'", error.location());
        assertEquals(List.of(), registry.list(true));
        assertEquals(List.of(), workspace.store().list());
    }

    @Test
    void structuralProblemsAreNamed() throws IOException {
        assertLocation("header, field 'threshold'",
                TestData.write(folder, "models/unknown.csv", "name,architecture,format,threshold\na,r50,onnx,0.5\n"));
        assertLocation("row 2 (line 3), field 'version'",
                TestData.write(folder, "models/twice.csv", "name,architecture,format\na,r50,onnx\na,r50,onnx\n"));
        assertLocation("row 1 (line 2), field 'artifact'",
                TestData.write(folder, "models/missing.csv", "name,architecture,format,artifact\na,r50,onnx,nope.onnx\n"));
        assertLocation("row 1 (line 2), field 'sha256'", TestData.write(folder, "models/sha.csv",
                "name,architecture,format,artifact,sha256\na,r50,onnx,a.onnx," + "0".repeat(64) + "\n"));
        assertLocation("models[0] (name 'a'), field 'colour'",
                TestData.write(folder, "models/unknown.json", "[{\"name\": \"a\", \"colour\": \"red\"}]"));
        assertLocation("", TestData.write(folder, "models/empty.csv", "name,architecture,format\n"));
        assertLocation("", TestData.write(folder, "models/manifest.yaml", "name: a\n"));
        assertEquals(List.of(), registry.list(true));
        assertEquals(List.of(), workspace.store().list());
    }

    @Test
    void aRowThatCollidesWithTheRegistryLeavesTheRegistryAsItWas() throws IOException {
        TestData.metadataOnlyModel(workspace, "b", "1");
        Path manifest = TestData.write(folder, "models/manifest.csv", "name,architecture,format,artifact\n"
                + "a,r50,onnx,a.onnx\n"
                + "b,r101,onnx,b.pt\n");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> registry.registerManifest(manifest));
        assertEquals("row 2 (line 3), field 'version'", error.location());
        assertTrue(error.getMessage().contains("b:1 is already registered"), error.getMessage());
        assertEquals(List.of("b:1"), registry.list(true).stream().map(RegisteredModel::qualifiedName).toList());
    }

    private void assertLocation(String location, Path manifest) {
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> registry.registerManifest(manifest));
        assertEquals(manifest.toString(), error.source());
        assertEquals(location, error.location(), error.getMessage());
    }
}
