package org.segrank.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segrank.core.InvalidInputException;
import org.segrank.workspace.Dataset;
import org.segrank.workspace.Image;
import org.segrank.workspace.NewDataset;
import org.segrank.workspace.NewImage;
import org.segrank.workspace.Workspace;

class FeatureStoreTest {
    @TempDir
    Path folder;

    private Workspace workspace;
    private FeatureStore store;
    private Dataset dataset;
    private List<Image> images;

    @BeforeEach
    void open() throws IOException {
        workspace = Workspace.open(folder);
        store = FeatureStore.of(workspace);
        dataset = workspace.datasets().create(NewDataset.named("particles"));
        List<NewImage> news = new ArrayList<>();
        for (String name : List.of("c.png", "a.png", "b.png", "d.png")) {
            String sha = TestImages.store(workspace, ("pixels of " + name).getBytes()).sha256();
            news.add(new NewImage(name, sha, 64, 64, name.equals("d.png") ? "query" : "candidate", null, null, List.of()));
        }
        images = workspace.datasets().addImages("particles", "test", news);
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private FeatureSet set(int dimension) {
        RegisteredExtractor extractor = store.registerExtractor("test-extractor", "dim" + dimension, dimension, null, null);
        return store.featureSet(extractor, dataset.id(), "hash-" + dimension, "{\"dim\":" + dimension + "}");
    }

    @Test
    void vectorsReadBackBitIdentical() {
        FeatureSet set = set(8);
        float[] vector = {0f, -0f, 1.5f, -3.25e-7f, Float.MIN_VALUE, Float.MAX_VALUE, -Float.MIN_NORMAL,
            Float.intBitsToFloat(0x3F800001)};
        store.put(set, images.get(0).id(), vector);
        float[] read = store.get(set, images.get(0).id()).orElseThrow();
        assertEquals(vector.length, read.length);
        for (int i = 0; i < vector.length; i++) {
            assertEquals(Float.floatToRawIntBits(vector[i]), Float.floatToRawIntBits(read[i]), "value " + i);
        }
        assertTrue(store.get(set, images.get(1).id()).isEmpty());
    }

    @Test
    void vectorsAreStoredAsFloat32LittleEndianAsTheSchemaSays() throws SQLException {
        FeatureSet set = set(2);
        store.put(set, images.get(0).id(), new float[] {1.0f, -2.0f});
        try (Connection connection = workspace.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT dim, vector FROM features WHERE feature_set_id = ? AND image_id = ?")) {
            query.setLong(1, set.id());
            query.setLong(2, images.get(0).id());
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next());
                assertEquals(2, rows.getInt(1));
                // 1.0f = 0x3F800000, -2.0f = 0xC0000000, least significant byte first.
                assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0, (byte) 0xC0}, rows.getBytes(2));
            }
        }
        assertArrayEquals(new float[] {1.0f, -2.0f},
                FeatureStore.decode(new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0, (byte) 0xC0}, 2));
    }

    @Test
    void registrationAndFeatureSetsAreGetOrCreate() {
        ParticleDescriptorExtractor extractor = new ParticleDescriptorExtractor();
        RegisteredExtractor first = store.registerExtractor(extractor);
        RegisteredExtractor again = store.registerExtractor(extractor);
        assertEquals(first, again);
        assertEquals(ParticleDescriptorExtractor.DIMENSION, first.dimension());
        assertEquals(extractor.settingsJson(), first.parameters());
        assertEquals(first, store.findExtractor("particle-descriptor", ParticleDescriptorExtractor.VERSION).orElseThrow());
        assertEquals(List.of(first), store.extractors());

        FeatureSet set = store.featureSet(first, dataset.id(), extractor.settingsHash(), extractor.settingsJson());
        assertEquals(set, store.featureSet(first, dataset.id(), extractor.settingsHash(), "{\"ignored\":true}"));
        assertEquals(ParticleDescriptorExtractor.DIMENSION, set.dimension());
        assertEquals(extractor.settingsJson(), set.settings());
        FeatureSet other = store.featureSet(first, dataset.id(), "other-settings", null);
        assertTrue(other.id() != set.id());
        assertEquals(List.of(set, other), store.featureSets(dataset.id()));
    }

    @Test
    void aNameAndVersionCannotChangeDimension() {
        store.registerExtractor("resnet50", "1", 2048, null, null);
        InvalidInputException conflict = assertThrows(InvalidInputException.class,
                () -> store.registerExtractor("resnet50", "1", 512, null, null));
        assertTrue(conflict.getMessage().contains("2048"), conflict.getMessage());
        assertThrows(InvalidInputException.class, () -> store.registerExtractor(" ", "1", 3, null, null));
        assertThrows(InvalidInputException.class, () -> store.registerExtractor("x", "1", 0, null, null));
        assertThrows(InvalidInputException.class, () -> store.registerExtractor("x", "1", 3, null, "not-a-digest"));
    }

    @Test
    void aRegistrationWithoutWeightsGainsThemOnceAndKeepsThem() {
        String weights = "a".repeat(64);
        RegisteredExtractor extracted = store.registerExtractor("resnet50", "1", 2048, "{\"from\":\"extraction\"}", null);
        assertEquals(null, extracted.artifactSha256());
        RegisteredExtractor registered = store.registerExtractor("resnet50", "1", 2048, "{\"from\":\"register\"}", weights);
        assertEquals(extracted.id(), registered.id());
        assertEquals(weights, registered.artifactSha256());
        assertEquals("{\"from\":\"extraction\"}", registered.parameters(), "the first parameters stay");
        assertEquals(weights, store.registerExtractor("resnet50", "1", 2048, null, null).artifactSha256(),
                "a later registration without weights keeps them");
        InvalidInputException other = assertThrows(InvalidInputException.class,
                () -> store.registerExtractor("resnet50", "1", 2048, null, "b".repeat(64)));
        assertTrue(other.getMessage().contains(weights) && other.getMessage().contains("b".repeat(64)), other.getMessage());
        assertEquals(weights, store.findExtractor("resnet50", "1").orElseThrow().artifactSha256());
    }

    @Test
    void concurrentRegistrationsAgreeOnOneRow() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<FeatureSet>> tasks = new ArrayList<>();
            for (int t = 0; t < 12; t++) {
                tasks.add(() -> store.featureSet(store.registerExtractor("racer", "1", 4, null, null), dataset.id(),
                        "same", null));
            }
            Set<FeatureSet> distinct = new java.util.HashSet<>();
            for (Future<FeatureSet> result : pool.invokeAll(tasks)) {
                distinct.add(result.get());
            }
            assertEquals(1, distinct.size(), distinct.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void putReplacesAndWrongVectorsAreRefusedWithoutStoringAnything() {
        FeatureSet set = set(3);
        long id = images.get(0).id();
        store.put(set, id, new float[] {1, 2, 3});
        store.put(set, id, new float[] {4, 5, 6});
        assertArrayEquals(new float[] {4, 5, 6}, store.get(set, id).orElseThrow());
        assertEquals(1, store.count(set));

        assertThrows(IllegalArgumentException.class, () -> store.put(set, id, new float[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> store.put(set, id, new float[] {1, Float.NaN, 3}));
        Map<Long, float[]> batch = new LinkedHashMap<>();
        batch.put(images.get(1).id(), new float[] {7, 8, 9});
        batch.put(images.get(2).id(), new float[] {7, Float.POSITIVE_INFINITY, 9});
        assertThrows(IllegalArgumentException.class, () -> store.putAll(set, batch));
        assertEquals(1, store.count(set), "a refused batch stores none of its vectors");
        assertArrayEquals(new float[] {4, 5, 6}, store.get(set, id).orElseThrow());
    }

    @Test
    void aBatchIsAllOrNothingAlsoWhenTheDatabaseRefusesARow() {
        FeatureSet set = set(2);
        Map<Long, float[]> batch = new LinkedHashMap<>();
        batch.put(images.get(0).id(), new float[] {1, 2});
        batch.put(999_999L, new float[] {3, 4}); // no such image: foreign key violation
        assertThrows(RuntimeException.class, () -> store.putAll(set, batch));
        assertEquals(0, store.count(set));
    }

    @Test
    void storedIdsAndMatricesServeResumeAndRetrieval() {
        FeatureSet set = set(2);
        Map<Long, float[]> batch = new LinkedHashMap<>();
        for (Image image : images) {
            if (!image.fileName().equals("b.png")) {
                batch.put(image.id(), new float[] {image.fileName().charAt(0), image.id()});
            }
        }
        store.putAll(set, batch);
        assertEquals(batch.keySet(), store.storedImageIds(set));

        FeatureMatrix candidates = store.load(set, "candidate");
        assertArrayEquals(new String[] {"a.png", "c.png"}, candidates.fileNames(), "by file name, b.png has no vector");
        assertEquals(2, candidates.size());
        for (int row = 0; row < candidates.size(); row++) {
            assertArrayEquals(batch.get(candidates.imageIds()[row]), candidates.vectors()[row]);
        }
        FeatureMatrix all = store.load(set, null);
        assertArrayEquals(new String[] {"a.png", "c.png", "d.png"}, all.fileNames());
        assertEquals(0, store.load(set, "finetune:none").size());
        assertEquals(2, all.dimension());
    }

    @Test
    void deletingAFeatureSetRemovesItsVectors() {
        FeatureSet set = set(2);
        store.put(set, images.get(0).id(), new float[] {1, 2});
        assertTrue(store.deleteFeatureSet(set));
        assertFalse(store.deleteFeatureSet(set));
        assertTrue(store.findFeatureSet(set.extractorId(), dataset.id(), set.settingsHash()).isEmpty());
        assertEquals(0, store.count(set));
    }
}
