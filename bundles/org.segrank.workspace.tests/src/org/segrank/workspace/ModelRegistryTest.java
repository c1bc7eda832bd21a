package org.segrank.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segrank.core.InvalidInputException;
import org.segrank.core.ModelId;

class ModelRegistryTest {
    @TempDir
    Path folder;

    private Workspace workspace;
    private ModelRegistry registry;

    @BeforeEach
    void open() throws IOException {
        workspace = Workspace.open(folder.resolve("ws"));
        registry = workspace.models();
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    @Test
    void aLabelFilterIsStoredAndABadLabelIsRefusedByField() throws IOException {
        RegisteredModel model = registry.register(ModelRegistration.builder("filtered", "mask_rcnn", ModelFormat.ONNX)
                .labelFilter(List.of(1, 3)).build());
        assertEquals(List.of(1, 3), model.labelFilter());
        assertEquals(List.of(1, 3), registry.get("filtered").labelFilter());
        assertEquals(List.of(), registry.register(ModelRegistration.builder("all-labels", "mask_rcnn", ModelFormat.ONNX).build())
                .labelFilter());
        org.segrank.core.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.segrank.core.InvalidInputException.class, () -> registry.register(ModelRegistration
                        .builder("negative", "mask_rcnn", ModelFormat.ONNX).labelFilter(List.of(-1)).build()));
        assertTrue(e.getMessage().contains("label_filter"), e.getMessage());
    }

    @Test
    void registerStoresTheArtifactAndEveryField() throws IOException {
        Path artifact = TestData.write(folder, "m.onnx", "abc");
        RegisteredModel model = registry.register(ModelRegistration.builder("mask_rcnn_r50", "mask_rcnn_r50_fpn",
                ModelFormat.ONNX).version("2").artifact(artifact).fineTunedOnDataset("particles-2024")
                .baseModel("coco-r50").inputSize(1024, 768).normalization(List.of(0.485, 0.456, 0.406),
                        List.of(0.229, 0.224, 0.225)).scoreThreshold(0.05).maskThreshold(0.5)
                .tags(List.of("sem", "small")).notes("lr 0.02").provenance("{\"seed\": 7}").build());
        assertEquals("mask_rcnn_r50", model.name());
        assertEquals("2", model.version());
        assertEquals(ModelFormat.ONNX, model.format());
        assertEquals(TestData.SHA256_OF_ABC, model.artifactSha256());
        assertEquals(3L, model.sizeBytes());
        assertEquals("particles-2024", model.fineTunedOnDataset());
        assertEquals("coco-r50", model.baseModel());
        assertEquals(1024, model.inputWidth());
        assertEquals(768, model.inputHeight());
        assertEquals(List.of(0.485, 0.456, 0.406), model.normalizationMean());
        assertEquals(List.of(0.229, 0.224, 0.225), model.normalizationStd());
        assertEquals(0.05, model.scoreThreshold());
        assertEquals(0.5, model.maskThreshold());
        assertEquals(List.of("sem", "small"), model.tags());
        assertEquals("lr 0.02", model.notes());
        assertEquals("{\"seed\":7}", model.provenance());
        assertNotNull(model.createdAt());
        assertNull(model.removedAt());
        assertEquals(new ModelId("mask_rcnn_r50:2"), model.modelId());
        assertTrue(workspace.store().contains(TestData.SHA256_OF_ABC));
        assertEquals(model, registry.find("mask_rcnn_r50:2").orElseThrow());
    }

    @Test
    void aBareNameFindsTheLatestActiveVersionAndVersionsListsAll() throws IOException {
        RegisteredModel first = TestData.metadataOnlyModel(workspace, "m", "1");
        RegisteredModel second = TestData.metadataOnlyModel(workspace, "m", "2");
        TestData.metadataOnlyModel(workspace, "other", "1");
        assertEquals(second, registry.find("m").orElseThrow());
        assertEquals(first, registry.get("m:1"));
        assertEquals(List.of("1", "2"), registry.versions("m").stream().map(RegisteredModel::version).toList());
        assertEquals(List.of("m:1", "m:2", "other:1"),
                registry.list(false).stream().map(RegisteredModel::qualifiedName).toList());
        assertTrue(registry.find("m:3").isEmpty());
        assertTrue(registry.find("nothing").isEmpty());
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> registry.get("m:3"));
        assertEquals("model 'm:3'", error.location());
    }

    @Test
    void aDuplicateNameAndVersionIsRefused() throws IOException {
        TestData.metadataOnlyModel(workspace, "m", "1");
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> TestData.metadataOnlyModel(workspace, "m", "1"));
        assertEquals("model 'm:1', field 'version'", error.location());
        assertTrue(error.getMessage().contains("already registered"), error.getMessage());
        assertEquals(1, registry.list(true).size());
    }

    @Test
    void aliasesPointAtOneVersionAndCanMove() throws IOException {
        TestData.metadataOnlyModel(workspace, "m", "1");
        TestData.metadataOnlyModel(workspace, "m", "2");
        registry.setAlias("recommended", "m:1");
        assertEquals("m:1", registry.get("recommended").qualifiedName());
        registry.setAlias("recommended", "m");
        assertEquals("m:2", registry.get("recommended").qualifiedName());
        assertEquals(List.of("recommended"), registry.aliases().stream().map(ModelAlias::alias).toList());
        assertEquals("m:2", registry.aliases().get(0).model().qualifiedName());

        InvalidInputException aliasIsAName = assertThrows(InvalidInputException.class, () -> registry.setAlias("m", "m:1"));
        assertTrue(aliasIsAName.getMessage().contains("name of a model"), aliasIsAName.getMessage());
        InvalidInputException nameIsAnAlias = assertThrows(InvalidInputException.class,
                () -> TestData.metadataOnlyModel(workspace, "recommended", "1"));
        assertEquals("model 'recommended:1', field 'name'", nameIsAnAlias.location());
        assertThrows(InvalidInputException.class, () -> registry.setAlias("best", "unknown"));

        assertTrue(registry.removeAlias("recommended"));
        assertFalse(registry.removeAlias("recommended"));
        assertTrue(registry.find("recommended").isEmpty());
    }

    @Test
    void softRemovalHidesAModelButKeepsItsRowAndCanBeUndone() throws IOException {
        TestData.metadataOnlyModel(workspace, "m", "1");
        TestData.metadataOnlyModel(workspace, "m", "2");
        registry.setAlias("recommended", "m:2");

        RegisteredModel removed = registry.softRemove("m:2");
        assertTrue(removed.isRemoved());
        assertEquals(List.of("m:1"), registry.list(false).stream().map(RegisteredModel::qualifiedName).toList());
        assertEquals(List.of("m:1", "m:2"), registry.list(true).stream().map(RegisteredModel::qualifiedName).toList());
        assertEquals("m:1", registry.get("m").qualifiedName(), "a bare name skips removed versions");
        assertTrue(registry.find("m:2").isEmpty());
        assertTrue(registry.find("m:2", true).orElseThrow().isRemoved());
        InvalidInputException viaAlias = assertThrows(InvalidInputException.class, () -> registry.get("recommended"));
        assertTrue(viaAlias.getMessage().contains("alias 'recommended' points to model m:2, which was removed"),
                viaAlias.getMessage());
        assertThrows(InvalidInputException.class, () -> registry.softRemove("m:2"), "already removed");
        assertThrows(InvalidInputException.class, () -> registry.setAlias("best", "m:2"), "removed models get no alias");

        assertFalse(registry.restore("m:2").isRemoved());
        assertEquals("m:2", registry.get("recommended").qualifiedName());
    }

    @Test
    void verifyRecomputesTheArtifactDigestAndReportsTampering() throws IOException {
        RegisteredModel model = registry.register(ModelRegistration.builder("m", "mask_rcnn", ModelFormat.TORCHSCRIPT)
                .artifact(TestData.write(folder, "m.pt", "weights")).build());
        TestData.metadataOnlyModel(workspace, "meta", "1");

        ArtifactVerification ok = registry.verify("m");
        assertEquals(ArtifactVerification.Status.OK, ok.status());
        assertTrue(ok.isOk());
        assertEquals(ArtifactVerification.Status.METADATA_ONLY, registry.verify("meta").status());

        Path stored = workspace.resolve(model.artifactSha256());
        Files.writeString(stored, "weightz");
        ArtifactVerification corrupt = registry.verify("m");
        assertEquals(ArtifactVerification.Status.CORRUPT, corrupt.status());
        assertFalse(corrupt.isOk());
        assertEquals(Sha256.of("weightz".getBytes()), corrupt.actualSha256());
        assertEquals(stored, corrupt.path());
        assertTrue(corrupt.message().contains("corrupt") && corrupt.message().contains(stored.toString()),
                corrupt.message());
        assertEquals(List.of(ArtifactVerification.Status.CORRUPT, ArtifactVerification.Status.METADATA_ONLY),
                registry.verifyAll().stream().map(ArtifactVerification::status).toList());

        Files.delete(stored);
        assertEquals(ArtifactVerification.Status.MISSING, registry.verify("m").status());
    }

    @Test
    void invalidRegistrationsNameTheField() throws IOException {
        assertField("score_threshold", ModelRegistration.builder("m", "a", ModelFormat.ONNX).scoreThreshold(1.5));
        assertField("mask_threshold", ModelRegistration.builder("m", "a", ModelFormat.ONNX).maskThreshold(-0.1));
        assertField("normalization_std", ModelRegistration.builder("m", "a", ModelFormat.ONNX)
                .normalization(List.of(0.5), List.of(0.0)));
        assertField("normalization_mean", ModelRegistration.builder("m", "a", ModelFormat.ONNX)
                .normalization(List.of(0.5, 0.5), List.of()));
        assertField("provenance", ModelRegistration.builder("m", "a", ModelFormat.ONNX).provenance("{seed: 1"));
        assertField("input_width", ModelRegistration.builder("m", "a", ModelFormat.ONNX).inputSize(0, 10));
        assertField("name", ModelRegistration.builder("m:x", "a", ModelFormat.ONNX));
        assertField("architecture", ModelRegistration.builder("m", " ", ModelFormat.ONNX));
        assertField("format", ModelRegistration.builder("m", "a", null));
        assertField("artifact", ModelRegistration.builder("m", "a", ModelFormat.ONNX).artifact(folder.resolve("none.onnx")));
        assertField("sha256", ModelRegistration.builder("m", "a", ModelFormat.ONNX).artifactSha256("1".repeat(64)));
        assertField("sha256", ModelRegistration.builder("m", "a", ModelFormat.ONNX)
                .artifact(TestData.write(folder, "m.onnx", "abc")).artifactSha256("2".repeat(64)));
        assertField("size_bytes", ModelRegistration.builder("m", "a", ModelFormat.ONNX)
                .artifact(TestData.write(folder, "m.onnx", "abc")).sizeBytes(4L));
        assertEquals(List.of(), registry.list(true));
        assertEquals(List.of(), workspace.store().list(), "a refused artifact is not copied");
    }

    private void assertField(String field, ModelRegistration.Builder builder) {
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> registry.register(builder.build()));
        assertEquals("model registration", error.source());
        assertTrue(error.location().endsWith("field '" + field + "'"), error.getMessage());
    }
}
