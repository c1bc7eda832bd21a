package org.segrank.backbones;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segrank.core.InvalidInputException;
import org.segrank.features.FeatureExtractor;
import org.segrank.features.FeatureStore;
import org.segrank.features.ParticleDescriptorExtractor;
import org.segrank.features.RegisteredExtractor;
import org.segrank.workspace.Workspace;

/** Backbone files registered by name: stored in the workspace, opened by name alone, refused with the reason. */
class ExtractorRegistryTest {

    @TempDir
    Path dir;
    private Workspace workspace;

    @BeforeEach
    void open() throws IOException {
        workspace = Workspace.open(dir.resolve("ws"));
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    @Test
    void aRegisteredBackboneOpensByNameAndGivesTheVectorsOfItsFile() throws IOException {
        Path file = Fixtures.file(Fixtures.TORCHSCRIPT_FEATURE_MAP);
        RegisteredExtractor registered = ExtractorCatalog.registerBackbone(workspace, "tiny-cnn", file, null);

        assertEquals(Hashing.sha256(file), registered.artifactSha256());
        assertEquals(Fixtures.dimension(), registered.dimension());
        assertTrue(Files.isRegularFile(workspace.resolve(registered.artifactSha256())), "the weights are in the store");
        assertEquals("backbone file (torchscript)", ExtractorCatalog.kind(registered));
        assertEquals(List.of(ParticleDescriptorExtractor.NAME, CnnPExtractor.DEFAULT_NAME, "tiny-cnn"),
                ExtractorCatalog.names(workspace));

        BufferedImage image = Fixtures.image(Fixtures.IMAGES.get(0));
        FeatureExtractor byName = ExtractorCatalog.open("tiny-cnn", null, workspace, "any-dataset");
        try (BackboneFileExtractor byFile = BackboneFileExtractor.load("tiny-cnn", file)) {
            assertEquals(registered.version(), byName.version());
            assertEquals(byFile.settingsHash(), byName.settingsHash(), "the same settings, so the same stored vectors");
            assertArrayEquals(byFile.extract(image), byName.extract(image));
        } finally {
            ExtractorCatalog.close(byName);
        }
        assertEquals(registered, ExtractorCatalog.registerBackbone(workspace, "tiny-cnn", file, null),
                "registering the same file again changes nothing");
        assertEquals(1, FeatureStore.of(workspace).extractors().size());
    }

    @Test
    void otherWeightsUnderAUsedNameBecomeTheNewestVersion() throws IOException {
        RegisteredExtractor first = ExtractorCatalog.registerBackbone(workspace, "cnn-i",
                Fixtures.file(Fixtures.TORCHSCRIPT_FEATURE_MAP), null);
        RegisteredExtractor second = ExtractorCatalog.registerBackbone(workspace, "cnn-i", Fixtures.file(Fixtures.ONNX),
                BackboneFormat.ONNX);
        assertNotEquals(first.version(), second.version());
        assertEquals(List.of(second), ExtractorCatalog.registeredBackbones(workspace));
        assertEquals("backbone file (onnx)", ExtractorCatalog.kind(second));
        FeatureExtractor opened = ExtractorCatalog.open("cnn-i", null, workspace, "any-dataset");
        try {
            assertEquals(second.version(), opened.version());
            assertEquals(BackboneFormat.ONNX, ((BackboneFileExtractor) opened).format());
        } finally {
            ExtractorCatalog.close(opened);
        }
    }

    @Test
    void badNamesAndFilesAreRefusedAndNothingIsStored() throws IOException {
        Path model = Fixtures.file(Fixtures.TORCHSCRIPT_FEATURE_MAP);
        InvalidInputException builtIn = assertThrows(InvalidInputException.class,
                () -> ExtractorCatalog.registerBackbone(workspace, ParticleDescriptorExtractor.NAME, model, null));
        assertTrue(builtIn.getMessage().contains("built-in"), builtIn.getMessage());
        for (String bad : new String[] {"two words", "a,b", "-leading", ""}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> ExtractorCatalog.registerBackbone(workspace, bad, model, null), bad);
            assertTrue(e.getMessage().contains("--name"), e.getMessage());
        }
        Path notAModel = Fixtures.file(Fixtures.NOT_A_MODEL);
        InvalidInputException broken = assertThrows(InvalidInputException.class,
                () -> ExtractorCatalog.registerBackbone(workspace, "broken", notAModel, null));
        assertTrue(broken.getMessage().contains(notAModel.toString()), broken.getMessage());
        Path noExtension = Files.copy(model, dir.resolve("weights.bin"));
        InvalidInputException unknownFormat = assertThrows(InvalidInputException.class,
                () -> ExtractorCatalog.registerBackbone(workspace, "nameless", noExtension, null));
        assertTrue(unknownFormat.getMessage().contains("weights.bin"), unknownFormat.getMessage());

        assertEquals(List.of(), FeatureStore.of(workspace).extractors());
        assertEquals(List.of(), workspace.store().list(), "nothing stored");
        InvalidInputException unknown = assertThrows(InvalidInputException.class,
                () -> ExtractorCatalog.open("nameless", null, workspace, "any-dataset"));
        assertTrue(unknown.getMessage().contains("features register"), unknown.getMessage());
    }

    @Test
    void cnnPStartsFromARegisteredTorchScriptBackboneAndRefusesAnOnnxOne() throws IOException {
        RegisteredExtractor torchScript = ExtractorCatalog.registerBackbone(workspace, "start-here",
                Fixtures.file(Fixtures.TORCHSCRIPT_FEATURE_MAP), null);
        ExtractorCatalog.registerBackbone(workspace, "onnx-only", Fixtures.file(Fixtures.ONNX), null);
        assertEquals(workspace.resolve(torchScript.artifactSha256()), ExtractorCatalog.trainableBackbone(workspace, "start-here"));
        Path file = dir.resolve("some.pt");
        assertEquals(file, ExtractorCatalog.trainableBackbone(workspace, file.toString()), "not a registered name: a file");
        InvalidInputException onnx = assertThrows(InvalidInputException.class,
                () -> ExtractorCatalog.trainableBackbone(workspace, "onnx-only"));
        assertTrue(onnx.getMessage().contains("TorchScript"), onnx.getMessage());
    }

    @Test
    void aDamagedStoredFileIsReportedNotUsed() throws IOException {
        RegisteredExtractor registered = ExtractorCatalog.registerBackbone(workspace, "tiny-onnx",
                Fixtures.file(Fixtures.ONNX), null);
        Path stored = workspace.resolve(registered.artifactSha256());
        stored.toFile().setWritable(true);
        Files.copy(Fixtures.file(Fixtures.ONNX_BATCH_1), stored, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        InvalidInputException damaged = assertThrows(InvalidInputException.class,
                () -> ExtractorCatalog.open("tiny-onnx", null, workspace, "any-dataset"));
        assertTrue(damaged.getMessage().contains("damaged") && damaged.getMessage().contains(stored.toString()),
                damaged.getMessage());

        Files.delete(stored);
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> ExtractorCatalog.open("tiny-onnx", null, workspace, "any-dataset"));
        assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
    }
}
